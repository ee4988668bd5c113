package scrape

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// gzipMagic starts every gzip stream (RFC 1952).
var gzipMagic = []byte{0x1f, 0x8b}

// unpack returns a body as its reader needs it: decompressed when it is
// gzip data, however the server labelled it (Content-Encoding,
// application/x-gzip, application/octet-stream, a .xml.gz name), within
// limit bytes decompressed, as a compressed body is limited. No reader
// reads gzip data as it is, so the first bytes decide. The store keeps
// what the server sent; unpack runs on every read of it, so an offline
// re-read of a stored bomb is rejected as the fetch was. Over limit it
// returns a kindTooLarge failure; a broken stream a kindBadGzip one.
func unpack(body []byte, limit int) ([]byte, error) {
	if !bytes.HasPrefix(body, gzipMagic) {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, badGzip(err)
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, int64(limit)+1))
	switch {
	case len(out) > limit:
		return nil, &fetchError{kind: kindTooLarge, size: int64(len(out)),
			msg: fmt.Sprintf("page larger than max_body_bytes (%d bytes) once decompressed (%d bytes compressed); not read", limit, len(body))}
	case err != nil:
		return nil, badGzip(err)
	}
	return out, nil
}

func badGzip(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return &fetchError{kind: kindBadGzip, msg: fmt.Sprintf("gzip body cannot be decompressed: %v", err)}
}
