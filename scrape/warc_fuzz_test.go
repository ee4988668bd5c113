package scrape

import (
	"bytes"
	"net/http"
	"testing"
	"time"
)

// FuzzScanWARC: whatever bytes a store file holds after a disk or a hand
// damaged it, scanning it neither panics nor indexes a block outside the
// file, and an intact record after the damage is still found.
func FuzzScanWARC(f *testing.F) {
	var file bytes.Buffer
	warcInfo(&file, "seed.warc")
	for i, body := range []string{"<html>one</html>", "{\"jobs\":[]}", ""} {
		p := StoredPage{URL: "http://board.example/" + string(rune('a'+i)), Status: http.StatusOK, SHA256: sha256Hex([]byte(body)), Fetched: time.Unix(0, 0)}
		warcResponse(&file, p, http.Header{"Content-Type": {"text/html"}}, []byte(body))
	}
	intact := file.Bytes()
	f.Add(intact)
	f.Add(append([]byte("XXXX"), intact[4:]...))
	damaged := bytes.Clone(intact)
	copy(damaged[bytes.Index(damaged, []byte("Content-Length: "))+16:], "9999")
	f.Add(damaged)
	f.Add(intact[:len(intact)/2])
	f.Fuzz(func(t *testing.T, raw []byte) {
		var last warcEntry
		_, err := scanWARC(bytes.NewReader(append(raw, intact...)), func(e warcEntry) {
			if e.blockStart < 0 || e.blockLen < 0 || e.blockStart+e.blockLen > int64(len(raw)+len(intact)) {
				t.Fatalf("block %d+%d outside a file of %d bytes", e.blockStart, e.blockLen, len(raw)+len(intact))
			}
			last = e
		})
		if err == nil && last.uri != "http://board.example/c" {
			t.Fatalf("the intact last record was lost behind %q", raw)
		}
	})
}
