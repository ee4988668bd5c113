package scrape

import (
	"bytes"
	"compress/gzip"
	"testing"
)

// FuzzUnpack: whatever a server sends, unpack returns at most the limit
// and passes bodies that are not gzip through untouched.
func FuzzUnpack(f *testing.F) {
	var zeros bytes.Buffer
	zw := gzip.NewWriter(&zeros)
	zw.Write(make([]byte, 1<<16))
	zw.Close()
	f.Add([]byte("<html></html>"))
	f.Add(zeros.Bytes())
	f.Add(zeros.Bytes()[:20])
	f.Add([]byte{0x1f, 0x8b})
	const limit = 1 << 12
	f.Fuzz(func(t *testing.T, body []byte) {
		out, err := unpack(body, limit)
		if err == nil && len(out) > limit && bytes.HasPrefix(body, gzipMagic) {
			t.Fatalf("%d bytes out of a limit of %d", len(out), limit)
		}
		if !bytes.HasPrefix(body, gzipMagic) && (err != nil || !bytes.Equal(out, body)) {
			t.Fatalf("a body that is not gzip changed: %v", err)
		}
	})
}
