package scrape

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// fileRoots are the folders a crawled source may read file:// pages from:
// the folder each of its file:// entry URLs names (the URL itself when it
// ends in "/"), with symbolic links resolved. A saved page's link to
// /etc/passwd, ../../etc/hostname, /proc/self/environ or /dev/zero is
// outside them, or not a regular file, and is never read.
type fileRoots []string

func fileRootsOf(urls []string) fileRoots {
	var roots fileRoots
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "file" {
			continue
		}
		dir := path.Clean(u.Path)
		if !strings.HasSuffix(u.Path, "/") {
			dir = path.Dir(dir)
		}
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			dir = real
		}
		roots = append(roots, filepath.Clean(dir))
	}
	return roots
}

// check returns why the file u names may not be read, or nil: it must lie
// under a root once symbolic links are resolved and be a regular file. A
// file that does not exist may be asked for (it is a 404, as online).
func (roots fileRoots) check(u *url.URL) error {
	name := u.Path
	if strings.HasSuffix(name, "/") {
		name += "index.html" // as Transport serves it
	}
	name = filepath.Clean(name)
	if !roots.contain(name) {
		return fmt.Errorf("%s is outside the source's folder (%s); not read", name, strings.Join(roots, ", "))
	}
	real, err := filepath.EvalSymlinks(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if !roots.contain(real) {
		return fmt.Errorf("%s links to %s, outside the source's folder (%s); not read", name, real, strings.Join(roots, ", "))
	}
	return regularFile(real)
}

func (roots fileRoots) contain(name string) bool {
	for _, root := range roots {
		if rel, err := filepath.Rel(root, name); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// regularFile returns an error unless name is a regular file: a device
// (/dev/zero), a fifo, a socket or a folder is never read as a page or a
// table.
func regularFile(name string) error {
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file (%s); not read", name, fi.Mode().Type())
	}
	return nil
}
