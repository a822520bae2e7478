package refi

import (
	"strings"
	"testing"

	"github.com/google/uuid"
)

// TestGUIDsOf holds the hand-rolled hash of GUIDs.Of to uuid's UUIDv5:
// the GUIDs of an export must not change from one version to the next.
func TestGUIDsOf(t *testing.T) {
	for _, title := range []string{"", "A study", "Service users' experiences"} {
		ids := NewGUIDs(title)
		for _, kind := range []string{"code", "selection", "source", ""} {
			for _, path := range []string{"", "confidence/daily-tasks", "eh/may-1/3-5/a,b", strings.Repeat("long/", 60), "café"} {
				want := uuid.NewSHA1(ids.space, []byte(kind+":"+path)).String()
				if got := ids.Of(kind, path); got != want {
					t.Fatalf("Of(%q, %q) in %q = %s, uuid gives %s", kind, path, title, got, want)
				}
			}
		}
	}
}
