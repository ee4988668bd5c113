// Package redistest starts a redis-server of a test's own, so that code
// using Redis is tested against the real server, not a mock.
package redistest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Start runs redis-server on a free loopback port, in a temporary folder,
// persisting nothing, until the test ends; it returns the server's URL,
// redis://127.0.0.1:PORT/0. Without redis-server on PATH the test is
// skipped, except under CI=true, where it fails: CI installs the server
// (.ci/run), and a skip there would hide that these tests never ran.
func Start(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("redis-server is not installed; .ci/run installs Debian's redis-server")
		}
		t.Skip("redis-server is not installed (apt-get install redis-server)")
	}
	// A free port may be taken between asking and binding: try again.
	var lastErr error
	for range 3 {
		u, err := start(t, bin)
		if err == nil {
			return u
		}
		lastErr = err
	}
	t.Fatal(lastErr)
	return ""
}

func start(t testing.TB, bin string) (string, error) {
	port, err := freePort()
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", t.TempDir(), "--loglevel", "warning")
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("start redis-server: %w", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stop := func() { cmd.Process.Kill(); <-exited }
	u := fmt.Sprintf("redis://127.0.0.1:%d/0", port)
	opts, _ := redis.ParseURL(u)
	rdb := redis.NewClient(opts)
	defer rdb.Close()
	for deadline := time.Now().Add(10 * time.Second); ; {
		select {
		case <-exited:
			return "", fmt.Errorf("redis-server exited: %s", out.String())
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			stop()
			return "", fmt.Errorf("redis-server on port %d does not answer: %v\n%s", port, err, out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Cleanup(stop)
	return u, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
