package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// A folder output (the listings dataset, the slides) is written whole
// into a temporary folder beside it and then takes the old one's place in
// two renames: the old folder is set aside under ".old-NAME", the new one
// renamed to NAME, the old one removed. A kill between the two renames
// leaves both whole; RecoverDir, which every replacement and the start of
// every run calls, puts the old one back.

// setAside is where ReplaceDir keeps dir's old folder while the new one
// takes its place.
func setAside(dir string) string {
	return filepath.Join(filepath.Dir(dir), ".old-"+filepath.Base(dir))
}

// ReplaceDir puts the folder tmp in the place of dir, replacing any
// folder there: at every moment either the old folder or the new one is
// whole, at dir or set aside for RecoverDir.
func ReplaceDir(tmp, dir string) error {
	if err := RecoverDir(dir); err != nil {
		return err
	}
	old := setAside(dir)
	moved := true
	if err := os.Rename(dir, old); errors.Is(err, fs.ErrNotExist) {
		moved = false
	} else if err != nil {
		return fmt.Errorf("replace %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if moved {
			os.Rename(old, dir)
		}
		return fmt.Errorf("replace %s: %w", dir, err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("replace %s: remove the old folder: %w", dir, err)
	}
	return nil
}

// RecoverDir finishes what a ReplaceDir of dir that was killed left: an
// old folder set aside with nothing in its place is put back, and one set
// aside after the new folder took its place is removed.
func RecoverDir(dir string) error {
	old := setAside(dir)
	if _, err := os.Lstat(old); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	_, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		err = os.Rename(old, dir)
	case err == nil:
		err = os.RemoveAll(old)
	}
	if err != nil {
		return fmt.Errorf("recover %s: %w", dir, err)
	}
	return nil
}
