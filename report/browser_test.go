package report

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/qdatool/qda/internal/chromium"
)

// TestBrowser opens the small study's report from file:// in headless
// Chromium, chooses a heat-map cell and reads its passages, and fails on a
// console error, an uncaught exception or any request that is not for a
// file of the report. QDA_SCREENSHOTS=DIR keeps the screenshots.
func TestBrowser(t *testing.T) {
	if _, err := exec.LookPath(chromium.Path); err != nil {
		t.Skipf("skipped: %s is not installed (Debian's chromium package; .ci/run installs it)", chromium.Path)
	}
	sm := openSmall(t)
	// One row in the page's HTML, so that the script adds the other.
	opt := sm.options(t)
	opt.RowsInPage = 1
	files, err := sm.build(t, opt).Render(false)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "rep")
	d, err := NewDestination(out, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Write(files); err != nil {
		t.Fatal(err)
	}

	actx, cancel := chromium.Allocator(context.Background(), t.TempDir())
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// A bound on a hang, not a speed test: chromium starts slowly on a
	// loaded two-core machine.
	ctx, cancel = context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()

	// Subscribe before the page opens, so that nothing it does is missed.
	var mu sync.Mutex
	var problems []string
	note := func(p string) { mu.Lock(); problems = append(problems, p); mu.Unlock() }
	console := chromedp.Console(ctx)
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
				note("console: " + m.String())
			}
		}
	}()
	go func() {
		defer wg.Done()
		for ev, err := range requests {
			if err != nil {
				return
			}
			u := ev.Request.URL
			if !strings.HasPrefix(u, "file://"+filepath.ToSlash(out)+"/") && !strings.HasPrefix(u, "data:") {
				note("request: " + u)
			}
		}
	}()

	index := "file://" + filepath.ToSlash(filepath.Join(out, "index.html"))
	if err := chromedp.Do(ctx,
		chromedp.Navigate(index),
		chromedp.WaitVisible(chromedp.CSS(`#heat button[data-c]`)),
	); err != nil {
		t.Fatal(err)
	}
	shot1 := run(t, ctx, chromedp.FullScreenshot(100))
	rows := run(t, ctx, chromedp.Text(chromedp.CSS(`#heat tbody`)))
	// may's cell of "A cup of tea & company": two references.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#heat tr[data-r="0"] button[data-c="1"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#cell figure.passage`)),
	); err != nil {
		t.Fatal(err)
	}
	title := run(t, ctx, chromedp.Text(chromedp.ID("cell-title")))
	body := run(t, ctx, chromedp.Text(chromedp.ID("cell-body")))
	shot2 := run(t, ctx, chromedp.CaptureScreenshot())

	// ted's row is in the page's data, not its HTML, until asked for.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.ID("cell-close")),
		chromedp.WaitNotVisible(chromedp.ID("cell")),
		chromedp.Click(chromedp.CSS(`#heat button[data-more="0"]`)),
		chromedp.Click(chromedp.CSS(`#heat tr[data-r="1"] button[data-c="2"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#cell figure.passage`)),
	); err != nil {
		t.Fatal(err)
	}
	if got, want := run(t, ctx, chromedp.Text(chromedp.ID("cell-title"))), "ted · Ending support: 1 reference"; got != want {
		t.Errorf("added row's cell: %q, want %q", got, want)
	}
	if got := run(t, ctx, chromedp.Text(chromedp.ID("cell-body"))); !strings.Contains(got, "Ted: 3 When she left it was like losing a friend.") {
		t.Errorf("added row's passages: %q", got)
	}
	// Search finds passages by their words, in the page.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.ID("cell-close")),
		chromedp.WaitNotVisible(chromedp.ID("cell")),
		chromedp.SendKeys(chromedp.ID("search"), "losing FRIEND"),
		chromedp.WaitVisible(chromedp.CSS(`#results figure.passage mark`)),
	); err != nil {
		t.Fatal(err)
	}
	if got := run(t, ctx, chromedp.Text(chromedp.ID("results"))); !strings.Contains(got, "1 passage") || !strings.Contains(got, "ted-1:3") {
		t.Errorf("search results: %q", got)
	}

	if keep := os.Getenv("QDA_SCREENSHOTS"); keep != "" {
		os.WriteFile(filepath.Join(keep, "report-index.png"), shot1, 0o644)
		os.WriteFile(filepath.Join(keep, "report-cell.png"), shot2, 0o644)
	}
	if len(shot1) == 0 || len(shot2) == 0 {
		t.Error("no screenshot")
	}
	if want := "may · A cup of tea & company: 2 references"; title != want {
		t.Errorf("dialog title %q, want %q", title, want)
	}
	for _, want := range []string{
		"Summary: Tea with the connector <every> week.",
		"May: 9 We have a cup of tea every week. 10 It helps.",
		"may-1:9-10 · coded by eh, jt",
		`My grandson wrote <b>bold</b> & "quoted" words for me.`,
		"may-2:3-4 · coded by jt",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the cell's passages lack %q:\n%s", want, body)
		}
	}
	if !strings.Contains(rows, "may") || strings.Contains(rows, "ted") || !strings.Contains(rows, "Show 1 more row") {
		t.Errorf("heat map rows before more: %q", rows)
	}
	cancel() // ends the subscriptions
	wg.Wait()
	for _, p := range problems {
		t.Error(p)
	}
}

// run runs one action of the browser and returns its value.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
