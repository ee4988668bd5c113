// Command fetch downloads one release of the npm package "echarts" and
// writes the files the report embeds: echarts.min.js, LICENSE, NOTICE and
// LICENSE-d3. It is run by go generate in charts/internal/echarts.
//
// It trusts nothing it downloads: the tarball must match the npm integrity
// string given with -tarball-sha512 and dist/echarts.min.js the hex SHA-256
// given with -script-sha256, and the script must be safe to inline in a
// <script> element (no "</script", no "<!--"). On any mismatch it writes
// nothing and exits 1.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// wanted maps a path inside the tarball to the file name it is written as.
var wanted = map[string]string{
	"package/dist/echarts.min.js": "echarts.min.js",
	"package/LICENSE":             "LICENSE",
	"package/NOTICE":              "NOTICE",
	"package/licenses/LICENSE-d3": "LICENSE-d3",
}

// maxTarball bounds the download; echarts-5.4.3.tgz is about 10 MB.
const maxTarball = 64 << 20

func main() {
	version := flag.String("version", "", "echarts `VERSION` to fetch, like 5.4.3")
	tarballSHA512 := flag.String("tarball-sha512", "", "npm integrity of the tarball, base64 SHA-512 with or without the sha512- prefix")
	scriptSHA256 := flag.String("script-sha256", "", "hex SHA-256 of dist/echarts.min.js")
	out := flag.String("out", ".", "`DIR` to write the files into")
	registry := flag.String("registry", "https://registry.npmjs.org", "npm registry `URL`")
	flag.Parse()
	if *version == "" || *tarballSHA512 == "" || *scriptSHA256 == "" {
		fmt.Fprintln(os.Stderr, "fetch: -version, -tarball-sha512 and -script-sha256 are required")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	url := fmt.Sprintf("%s/echarts/-/echarts-%s.tgz", strings.TrimSuffix(*registry, "/"), *version)
	if err := run(ctx, url, *tarballSHA512, *scriptSHA256, *out); err != nil {
		fmt.Fprintf(os.Stderr, "fetch: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, url, tarballSHA512, scriptSHA256, out string) error {
	tgz, err := download(ctx, url)
	if err != nil {
		return err
	}
	sum := sha512.Sum512(tgz)
	if got, want := base64.StdEncoding.EncodeToString(sum[:]), strings.TrimPrefix(tarballSHA512, "sha512-"); got != want {
		return fmt.Errorf("%s: sha512 %s, want %s", url, got, want)
	}
	files, err := extract(tgz)
	if err != nil {
		return fmt.Errorf("%s: %w", url, err)
	}
	script := files["echarts.min.js"]
	if got := sha256.Sum256(script); hex.EncodeToString(got[:]) != scriptSHA256 {
		return fmt.Errorf("dist/echarts.min.js: sha256 %x, want %s", got, scriptSHA256)
	}
	lower := bytes.ToLower(script)
	for _, bad := range []string{"</script", "<!--"} {
		if bytes.Contains(lower, []byte(bad)) {
			return fmt.Errorf("dist/echarts.min.js contains %q: it cannot be inlined in a <script> element", bad)
		}
	}
	for _, name := range wanted {
		if err := os.WriteFile(filepath.Join(out, name), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

func download(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: %s", url, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTarball+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", url, err)
	}
	if len(body) > maxTarball {
		return nil, fmt.Errorf("fetch %s: larger than %d bytes", url, maxTarball)
	}
	return body, nil
}

// extract reads the wanted files out of the gzipped tarball.
func extract(tgz []byte) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		name, ok := wanted[h.Name]
		if !ok || h.Typeflag != tar.TypeReg {
			continue
		}
		if files[name], err = io.ReadAll(tr); err != nil {
			return nil, fmt.Errorf("%s: %w", h.Name, err)
		}
	}
	for path, name := range wanted {
		if _, ok := files[name]; !ok {
			return nil, fmt.Errorf("tarball has no %s", path)
		}
	}
	return files, nil
}
