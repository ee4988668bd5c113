//go:build !unix

package cputime

import "time"

// Used is not measured on this system: 0, and callers report wall time only.
func Used() time.Duration { return 0 }
