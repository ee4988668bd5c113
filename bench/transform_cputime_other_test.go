//go:build !unix

package bench_test

import (
	"time"
)

// cpuTime is not measured on this system; only records/s is reported.
func cpuTime() time.Duration { return 0 }
