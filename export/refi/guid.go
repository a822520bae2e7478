package refi

import "github.com/google/uuid"

// qdaSpace is the root of qda's GUIDs: the UUIDv5 of "qda" in the URL
// namespace, fixed so that every qda derives the same GUIDs.
var qdaSpace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("qda"))

// GUIDs makes stable GUIDs for one study: UUIDv5 of the object's kind and
// path within a namespace of the study's title, so exporting an unchanged
// study twice gives the same XML, and a code keeps its GUID from one
// export to the next for as long as its path stays.
type GUIDs struct{ space uuid.UUID }

// NewGUIDs returns the GUIDs of the study called title.
func NewGUIDs(title string) GUIDs {
	return GUIDs{uuid.NewSHA1(qdaSpace, []byte("study:"+title))}
}

// Of returns the GUID of the object of kind ("code", "user", "source"...)
// at path (a code path, a coder, a transcript id...).
func (g GUIDs) Of(kind, path string) string {
	return uuid.NewSHA1(g.space, []byte(kind+":"+path)).String()
}
