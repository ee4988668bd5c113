package transform

import (
	"errors"
	"fmt"
	"sync"

	"github.com/jobmarket/jobmarket/data"
)

// listingsOutputs are the forms of the listings table, written side by
// side as listings stream out of normalization: Arrow IPC, Parquet and,
// when asked for, the hive-partitioned Parquet dataset.
type listingsOutputs struct {
	arrowFile, parquetFile *data.AtomicFile
	arrow, parquet         *data.Writer[data.Listing]
	dataset                *data.PartitionedWriter // nil when not asked for
	done                   bool
}

func createListingsOutputs(job Job) (*listingsOutputs, error) {
	o := &listingsOutputs{}
	var err error
	if o.arrowFile, err = data.CreateAtomic(job.ListingsArrow); err != nil {
		return nil, err
	}
	if o.parquetFile, err = data.CreateAtomic(job.ListingsParquet); err != nil {
		o.arrowFile.Abort()
		return nil, err
	}
	o.arrow, err = data.NewListingsIPCWriter(o.arrowFile, job.Alloc)
	if err == nil {
		o.parquet, err = data.NewListingsParquetWriter(o.parquetFile, job.Alloc)
	}
	if err == nil && job.ListingsDataset != "" {
		o.dataset, err = data.NewListingsPartitionedWriter(job.ListingsDataset, job.Alloc)
	}
	if err != nil {
		if o.arrow != nil {
			o.arrow.Close()
		}
		if o.parquet != nil {
			o.parquet.Close()
		}
		o.arrowFile.Abort()
		o.parquetFile.Abort()
		return nil, err
	}
	return o, nil
}

// write adds a batch of listings to the outputs at once, one goroutine
// each: encoding them was 40% of the stage's CPU, on one core while the
// other waited. Each output is written by one goroutine in batch order, so
// the files are the same as when written one after the other. Normalizing
// the next batch meanwhile would save more, but holds a second batch and
// the raw records it points into: at ten million records that cost more
// in garbage collection than it saved (docs/performance.md).
func (o *listingsOutputs) write(ls []data.Listing) error {
	var errs [3]error
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := o.arrow.Write(ls...); err != nil {
			errs[0] = fmt.Errorf("write %s: %w", o.arrowFile.Name(), err)
		}
	})
	wg.Go(func() {
		if err := o.parquet.Write(ls...); err != nil {
			errs[1] = fmt.Errorf("write %s: %w", o.parquetFile.Name(), err)
		}
	})
	if o.dataset != nil {
		errs[2] = o.dataset.Write(ls...)
	}
	wg.Wait()
	return errors.Join(errs[:]...)
}

// commit finishes the files and gives them their final names; the
// partitioned dataset last, so it is never newer than listings.arrow.
func (o *listingsOutputs) commit() error {
	o.done = true
	if err := o.arrow.Close(); err != nil {
		o.abortFiles()
		return err
	}
	if err := o.parquet.Close(); err != nil {
		o.abortFiles()
		return err
	}
	if err := o.arrowFile.Commit(); err != nil {
		o.parquetFile.Abort()
		o.abortDataset()
		return err
	}
	if err := o.parquetFile.Commit(); err != nil {
		o.abortDataset()
		return err
	}
	if o.dataset == nil {
		return nil
	}
	return o.dataset.Close()
}

func (o *listingsOutputs) abortDataset() {
	if o.dataset != nil {
		o.dataset.Abort()
	}
}

func (o *listingsOutputs) abortFiles() {
	o.arrowFile.Abort()
	o.parquetFile.Abort()
	o.abortDataset()
}

// abort drops everything written unless commit ran.
func (o *listingsOutputs) abort() {
	if !o.done {
		o.arrow.Close()
		o.parquet.Close()
		o.abortFiles()
	}
}
