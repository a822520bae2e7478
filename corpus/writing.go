package corpus

// FileOpened, when set (by tests), is called by WriteFileFrom once the
// temporary file that is to replace path is made, before anything is
// written to it: the export tests interrupt qda there (Ctrl-C, SIGTERM),
// the moment a signal would leave that file behind.
var FileOpened func(path string)

func fileOpened(path string) {
	if FileOpened != nil {
		FileOpened(path)
	}
}
