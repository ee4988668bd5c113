//go:build !unix

package main

import "os"

// LockFile is the output folder's lock file on systems with flock; here
// there is none.
const LockFile = ".jobmarket.lock"

// lockFolder takes no lock where the system has no flock: two runs into
// one folder must be kept apart by hand (docs/security.md says so).
func lockFolder(string) (*os.File, error) { return nil, nil }
