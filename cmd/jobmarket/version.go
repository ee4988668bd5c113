package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// modulePath is the module jobmarket is built from.
const modulePath = "github.com/jobmarket/jobmarket"

// toolInfo says which build of jobmarket is running: the module version
// and VCS commit stamped by `go build`, and the Go version. `go run` stamps
// no commit, so then the commit is read from the work tree being run, when
// the working folder is inside a checkout of this module.
func toolInfo() Tool {
	t := Tool{Version: "(devel)", GoVersion: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			t.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				t.Commit = s.Value
			}
			if s.Key == "vcs.modified" && s.Value == "true" {
				t.Commit += "+modified"
			}
		}
	}
	if t.Commit == "" {
		t.Commit = workTreeCommit()
	}
	return t
}

// workTreeCommit is the commit of the checkout of this module that holds
// the working folder, "+modified" when it has uncommitted changes, or ""
// when there is none (or no git).
func workTreeCommit() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for ; ; dir = filepath.Dir(dir) {
		if mod, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			if !strings.HasPrefix(string(mod), "module "+modulePath+"\n") {
				return ""
			}
			break
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
	head, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		return ""
	}
	commit := strings.TrimSpace(string(head))
	if status, err := exec.Command("git", "-C", dir, "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(status) > 0 {
		commit += "+modified"
	}
	return commit
}

// String is the version line: "jobmarket VERSION (commit COMMIT, GOVERSION)".
func (t Tool) String() string {
	commit := t.Commit
	if commit == "" {
		commit = "unknown"
	}
	return "jobmarket " + t.Version + " (commit " + commit + ", " + t.GoVersion + ")"
}

// newVersionCommand is `jobmarket version`, the same as --version.
func newVersionCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the module version, VCS commit and Go version",
		Args:  maxArgs(0),
		RunE: func(*cobra.Command, []string) error {
			_, err := io.WriteString(stdout, toolInfo().String()+"\n")
			return err
		},
	}
}
