package main

import (
	"fmt"
	"os"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/jobmarket/jobmarket/data"
)

// listingStream passes over a listings table batch by batch; each call is
// a new pass from the start. Stages stream listings this way so a table
// of any size is never held whole; a batch is only valid during fn.
type listingStream func(fn func([]data.Listing) error) error

// listingsFile streams the listings.arrow at path.
func listingsFile(path string) listingStream {
	return func(fn func([]data.Listing) error) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r, err := data.NewListingsIPCReader(f, memory.DefaultAllocator)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		defer r.Close()
		if err := r.Each(fn); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}
}
