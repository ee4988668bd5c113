package scrape

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// StoreCheck is what CheckStore found in a page store.
type StoreCheck struct {
	Files     int // WARC files read
	Responses int // response records read, every version of every page
	// Damaged names each response whose body no longer matches its
	// recorded digest: "URL (file, byte N)".
	Damaged []string
	// Unreadable counts records skipped because their heads were damaged.
	Unreadable int
}

// OK says whether every record was readable and intact.
func (c StoreCheck) OK() bool { return len(c.Damaged) == 0 && c.Unreadable == 0 }

// CheckStore reads every record of the page store in dir, older versions
// of a page included, and checks every stored body against the digest
// recorded with it. A damaged record is reported, not an error; the
// error is for a store that cannot be read at all.
func CheckStore(dir string) (StoreCheck, error) {
	var c StoreCheck
	names, err := filepath.Glob(filepath.Join(dir, "*.warc"))
	if err != nil {
		return c, fmt.Errorf("check page store: %w", err)
	}
	if _, err := os.Stat(dir); err != nil {
		return c, fmt.Errorf("check page store: %w", err)
	}
	for _, name := range names {
		if err := c.checkFile(name); err != nil {
			return c, fmt.Errorf("check page store %s: %w", name, err)
		}
	}
	return c, nil
}

func (c *StoreCheck) checkFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	c.Files++
	var pages []StoredPage
	unreadable, err := scanWARC(f, func(e warcEntry) {
		if e.typ == "response" {
			pages = append(pages, StoredPage{URL: e.uri, SHA256: e.sha, BodyAtLeast: e.atLeast, blockStart: e.blockStart, blockLen: e.blockLen})
		}
	})
	if err != nil {
		return err
	}
	c.Unreadable += unreadable
	for _, p := range pages {
		c.Responses++
		_, _, err := readStored(f, p)
		switch {
		case errors.Is(err, ErrStoreDamaged):
			c.Damaged = append(c.Damaged, fmt.Sprintf("%s (%s, byte %d)", p.URL, filepath.Base(name), p.blockStart))
		case err != nil:
			return err
		}
	}
	return nil
}
