package scrape

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
)

// BundledScheme is the URL scheme of the snapshot embedded in the binary:
// bundled://HOST/PATH reads the file HOST/PATH of the bundled file system.
const BundledScheme = "bundled"

// Transport serves bundled:// and file:// URLs from files and passes every
// other URL to Network. It lets colly crawl saved pages exactly as it
// crawls live ones: same callbacks, same robots.txt, same limits.
type Transport struct {
	Bundled fs.FS             // root holding one folder per host
	Network http.RoundTripper // nil means http.DefaultTransport
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	switch req.URL.Scheme {
	case BundledScheme:
		if t.Bundled == nil {
			return nil, errors.New("no bundled snapshot in this build")
		}
		name := path.Join(req.URL.Host, req.URL.Path)
		if strings.HasSuffix(req.URL.Path, "/") || req.URL.Path == "" {
			name = path.Join(name, "index.html")
		}
		return serveFile(req, t.Bundled, name)
	case "file":
		name := req.URL.Path
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		return serveLocalFile(req, path.Clean(name))
	}
	if t.Network != nil {
		return t.Network.RoundTrip(req)
	}
	return http.DefaultTransport.RoundTrip(req)
}

// serveFile answers like a static web server would: 200 with a content
// type, or 404, so robots.txt lookups and missing pages behave as online.
func serveFile(req *http.Request, fsys fs.FS, name string) (*http.Response, error) {
	if req.Context().Err() != nil {
		return nil, req.Context().Err()
	}
	body, err := fs.ReadFile(fsys, name)
	status := http.StatusOK
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
		status, body = http.StatusNotFound, []byte("not found\n")
	} else if err != nil {
		return nil, fmt.Errorf("read %s: %w", req.URL, err)
	}
	h := http.Header{}
	h.Set("Content-Type", contentType(name, body))
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", status, http.StatusText(status)),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}, nil
}

// serveLocalFile answers as serveFile does for a file:// URL, reading
// only a regular file (not /dev/zero, not a fifo) and announcing its
// size, so that the fetcher refuses one over the body cap unread.
func serveLocalFile(req *http.Request, name string) (*http.Response, error) {
	if req.Context().Err() != nil {
		return nil, req.Context().Err()
	}
	err := regularFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return serveFile(req, os.DirFS("/"), strings.TrimPrefix(name, "/"))
	}
	if err != nil {
		return nil, &fetchError{kind: kindOutsideRoot, msg: err.Error()}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", req.URL, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read %s: %w", req.URL, err)
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		f.Close()
		return nil, fmt.Errorf("read %s: %w", req.URL, err)
	}
	h := http.Header{}
	h.Set("Content-Type", contentType(name, head[:n]))
	return &http.Response{
		Status:     "200 OK",
		StatusCode: http.StatusOK,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     h,
		Body: struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(head[:n]), f), f},
		ContentLength: fi.Size(),
		Request:       req,
	}, nil
}

func contentType(name string, body []byte) string {
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		return ct
	}
	if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && (trimmed[0] == '[' || trimmed[0] == '{') {
		return "application/json"
	}
	return http.DetectContentType(body)
}
