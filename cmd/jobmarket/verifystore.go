package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/jobmarket/jobmarket/scrape"
)

// verifyStore checks the config's page store, when the folder was
// scraped and the store is there: every stored body against the digest
// recorded with it. It says what it found and returns the problems.
func verifyStore(e *env, m Manifest, say func(string, ...any)) []string {
	if _, scraped := m.Stages["scrape"]; !scraped {
		return nil
	}
	dir := e.cfg.Scrape.Store
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	check, err := scrape.CheckStore(dir)
	if err != nil {
		return []string{fmt.Sprintf("scrape: page store: %v", err)}
	}
	if check.OK() {
		say("intact: page store %s: %d stored responses in %d files match their digests", dir, check.Responses, check.Files)
		return nil
	}
	var problems []string
	for _, d := range check.Damaged {
		problems = append(problems, fmt.Sprintf("scrape: page store %s: %s is damaged (body does not match its sha256); a rerun fetches it again", dir, d))
	}
	if check.Unreadable > 0 {
		problems = append(problems, fmt.Sprintf("scrape: page store %s: %d records are unreadable (damaged heads) and are skipped", dir, check.Unreadable))
	}
	return problems
}
