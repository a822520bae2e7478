// Command reportbrowser measures a report qda report wrote, in Debian's
// headless chromium driven by chromedp: the time to load index.html from
// file:// (its script and data included), the nodes in its DOM and the
// heat map's rows among them, the time to open a group's rows (the first
// "Show more rows", the drill-down of a grouped heat map) and the time to
// open a cell's passages (the first cell with passages, and the cell with
// the most). bench/report runs it; it prints one line per measure.
//
// Usage: go run ./bench/reportbrowser REPORT-DIR
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/qdatool/qda/internal/chromium"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: reportbrowser REPORT-DIR")
		os.Exit(2)
	}
	if err := measure(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "reportbrowser:", err)
		os.Exit(1)
	}
}

func measure(dir string) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "reportbrowser")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	actx, cancel := chromium.Allocator(context.Background(), profile)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()

	// The browser starts before the clock does: a reader's is running.
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		return err
	}
	fmt.Printf("chromium start             %8.2f s\n", time.Since(start).Seconds())

	// Navigate returns at the load event, after the page's scripts (its
	// data among them) have run; the heat map is laid out by then.
	start = time.Now()
	index := "file://" + filepath.ToSlash(filepath.Join(dir, "index.html"))
	if err := chromedp.Do(ctx, chromedp.Navigate(index), chromedp.WaitVisible(chromedp.ID("heat"))); err != nil {
		return err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.body.offsetHeight`)); err != nil {
		return err // forces layout, so that it is in the load time
	}
	fmt.Printf("load index.html            %8.2f s\n", time.Since(start).Seconds())
	if err := counts(ctx, "after load"); err != nil {
		return err
	}

	// The first group's rows, as a reader drills down.
	more, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#heat button[data-more]") !== null`))
	if err != nil {
		return err
	}
	if more {
		before, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#heat tr[data-r]").length`))
		if err != nil {
			return err
		}
		start = time.Now()
		// The click's handler adds the rows before the click returns;
		// reading the page's height lays them out.
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#heat button[data-more]`))); err != nil {
			return err
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.body.offsetHeight`)); err != nil {
			return err
		}
		took := time.Since(start)
		after, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#heat tr[data-r]").length`))
		if err != nil {
			return err
		}
		if after <= before {
			return fmt.Errorf("show more rows added none (%d rows)", after)
		}
		// The same again, timed inside the page (the script's work and
		// the layout, without the round trips of the protocol).
		ms, err := inPage(ctx, `document.querySelector("#heat button[data-more]")`)
		if err != nil {
			return err
		}
		fmt.Printf("open a group's rows        %8.2f s  (%d rows added; the next 200 in %.0f ms in the page)\n", took.Seconds(), after-before, ms)
		if err := counts(ctx, "after two opens"); err != nil {
			return err
		}
	}

	// A cell's passages: the first cell that has any, then the cell that
	// has the most of those in the DOM (the longest dialog to build).
	for _, which := range []struct{ name, pick string }{
		{"open the first cell", `document.querySelector("#heat tr[data-r] button[data-c]")`},
		{"open the largest cell", `Array.from(document.querySelectorAll("#heat tr[data-r] button[data-c]")).reduce((a, b) => Number(b.textContent) > Number(a.textContent) ? b : a)`},
	} {
		// Marked so that chromedp clicks this one button.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll("[data-bench]").forEach(b => b.removeAttribute("data-bench")); (`+which.pick+`).setAttribute("data-bench", "1"); true`)); err != nil {
			return err
		}
		start = time.Now()
		if err := chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`[data-bench]`)),
			chromedp.WaitVisible(chromedp.CSS(`#cell figure.passage`)),
		); err != nil {
			return err
		}
		took := time.Since(start)
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#cell figure.passage").length`))
		if err != nil {
			return err
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("cell-close")), chromedp.WaitNotVisible(chromedp.ID("cell"))); err != nil {
			return err
		}
		ms, err := inPage(ctx, `document.querySelector("[data-bench]")`)
		if err != nil {
			return err
		}
		fmt.Printf("%-26s %8.2f s  (%d passages; %.0f ms in the page)\n", which.name, took.Seconds(), n, ms)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("cell-close")), chromedp.WaitNotVisible(chromedp.ID("cell"))); err != nil {
			return err
		}
	}
	return nil
}

// inPage clicks the element button (a script expression) in the page and
// returns the milliseconds its handler and the layout after it took.
func inPage(ctx context.Context, button string) (float64, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => { const b = `+button+`; const t = performance.now(); b.click(); document.body.offsetHeight; return performance.now() - t; })()`))
}

// counts prints the nodes in the page's DOM and the heat map's rows.
func counts(ctx context.Context, when string) error {
	nodes, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.getElementsByTagName("*").length`))
	if err != nil {
		return err
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#heat tr[data-r]").length`))
	if err != nil {
		return err
	}
	all, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Number(document.getElementById("heat").dataset.rows)`))
	if err != nil {
		return err
	}
	fmt.Printf("DOM %-22s %8d elements, %d of %d heat-map rows\n", when, nodes, rows, all)
	return nil
}
