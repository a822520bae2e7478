// Package chromium starts Debian's headless chromium for the report's
// browser test and bench/reportbrowser, with the same flags: no sandbox
// (CI runs as root), no GPU, and nothing that reaches the network on its
// own (updates, sync), so that the only requests are the page's.
package chromium

import (
	"context"

	"github.com/chromedp/chromedp"
)

// Path is Debian's chromium, which .ci/run installs.
const Path = "/usr/bin/chromium"

// Allocator starts chromium with its profile in userDataDir; cancel
// stops it.
func Allocator(ctx context.Context, userDataDir string) (context.Context, context.CancelFunc) {
	return chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(Path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(userDataDir),
		chromedp.WindowSize(1280, 900),
	)
}
