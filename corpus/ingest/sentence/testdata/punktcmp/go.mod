module qdapunktcmp

go 1.26.8

require github.com/neurosnap/sentences v1.1.2
