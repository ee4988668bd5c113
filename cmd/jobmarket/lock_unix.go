//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// LockFile is the file in the output folder whose lock a writing command
// holds while it runs; it holds the process id of the last holder.
const LockFile = ".jobmarket.lock"

// lockFolder takes the output folder's lock (flock, released by the
// system when the process ends, however it ends). A second run into the
// same folder does not wait: it stops at once, naming the process that
// holds the lock, since its outputs would replace the other's halfway.
func lockFolder(dir string) (*os.File, error) {
	path := filepath.Join(dir, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			holder := "another process"
			if b, err := os.ReadFile(path); err == nil && strings.TrimSpace(string(b)) != "" {
				holder = "process " + strings.TrimSpace(string(b))
			}
			return nil, fmt.Errorf("%s is in use by another jobmarket run (%s); wait for it to end, or give another output folder with -o", dir, holder)
		}
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	// The process id only names the holder in a second run's message.
	if f.Truncate(0) == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return f, nil
}
