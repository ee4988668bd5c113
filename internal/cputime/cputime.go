// Package cputime reads the CPU time this process has used, for
// benchmarks that report work per CPU-second: on a shared machine wall time
// moves with the load of others, CPU time much less.
package cputime
