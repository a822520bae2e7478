package corpus

import "strings"

// GitIdentity returns git's user.name and user.email as the study's
// repository sees them (its own config first, then the user's); empty
// when git is not there or not set.
func (s *Study) GitIdentity() (name, email string) {
	if out, err := s.git("config", "user.name"); err == nil {
		name = strings.TrimSpace(string(out))
	}
	if out, err := s.git("config", "user.email"); err == nil {
		email = strings.TrimSpace(string(out))
	}
	return name, email
}
