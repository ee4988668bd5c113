// Command runstat runs a command and prints its wall time, CPU time and
// peak resident memory on one line, for the bench/ scripts: the same
// figures on every machine Go runs on, with no dependency on GNU time.
//
//	runstat [-label L] -- command [args...]
//
// Output: "L wall_s=1.234 cpu_s=2.345 maxrss_mib=123.4 exit=0". The
// command's own output goes to runstat's stderr.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	label := flag.String("label", "run", "label printed first on the line")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: runstat [-label L] -- command [args...]")
		os.Exit(2)
	}
	cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	cmd.Stdout, cmd.Stderr, cmd.Stdin = os.Stderr, os.Stderr, os.Stdin
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		fmt.Fprintln(os.Stderr, "runstat:", err)
		os.Exit(2)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "runstat: no resource usage on this system")
		os.Exit(2)
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	// Linux reports ru_maxrss in KiB.
	fmt.Printf("%s wall_s=%.3f cpu_s=%.3f maxrss_mib=%.1f exit=%d\n", *label, wall.Seconds(), cpu.Seconds(), float64(ru.Maxrss)/1024, code)
	os.Exit(code)
}
