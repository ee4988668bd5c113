//go:build !unix

package transform_test

import "time"

// cpuTime is not measured on this system; only records/s is reported.
func cpuTime() time.Duration { return 0 }
