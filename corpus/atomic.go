package corpus

import (
	"os"

	"github.com/google/renameio/v2"
)

// WriteFile replaces path with data atomically: a temp file in the same
// folder, synced, then renamed over the old one, so a crash leaves either
// the old file or the new one and never half of either. New files get the
// mode of an ordinary document.
func WriteFile(path string, data []byte) error {
	perm := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm()
	}
	return renameio.WriteFile(path, data, perm)
}
