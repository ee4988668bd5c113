package scrape

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The page store writes WARC 1.1 (ISO 28500), the web archives' format, so
// a scrape can be read by standard tools (warcio, pywb) as well as by
// jobmarket. Each response is one record: WARC header fields, then the
// HTTP status line, headers and body as received. Bodies are stored
// decoded (as net/http hands them over), so the stored head says
// Content-Length, not Transfer-Encoding.
const (
	warcVersion = "WARC/1.1"
	// Extension fields. An over-size response is stored without its body
	// (WARC-Truncated: length) and says how large it was known to be, so
	// a resumed crawl with the same cap rejects it without asking again.
	fieldBodyAtLeast = "Jobmarket-Body-At-Least"
	// A response to a request other than a GET (a POST to an API that
	// lists by POST) names the method and the SHA-256 of the body sent,
	// which with the URL are its key in the store; a WARC request record
	// holding that body precedes it.
	fieldRequestMethod = "Jobmarket-Request-Method"
	fieldRequestDigest = "Jobmarket-Request-Digest"
)

// warcRequest encodes the request record of a request other than a GET:
// the HTTP request line, Host, Content-Type and the body sent.
func warcRequest(buf *bytes.Buffer, req storedRequest, date time.Time) {
	var block bytes.Buffer
	target, host := req.url, ""
	if u, err := url.Parse(req.url); err == nil {
		target, host = u.RequestURI(), u.Host
	}
	fmt.Fprintf(&block, "%s %s HTTP/1.1\r\n", req.method, noBreaks.Replace(target))
	h := http.Header{}
	h.Set("Host", noBreaks.Replace(host))
	if req.contentType != "" {
		h.Set("Content-Type", noBreaks.Replace(req.contentType))
	}
	h.Set("Content-Length", strconv.Itoa(len(req.body)))
	h.Write(&block)
	block.WriteString("\r\n")
	block.Write(req.body)

	buf.WriteString(warcVersion + "\r\n")
	writeField(buf, "WARC-Type", "request")
	writeField(buf, "WARC-Record-ID", newRecordID())
	writeField(buf, "WARC-Date", date.UTC().Format(time.RFC3339Nano))
	writeField(buf, "WARC-Target-URI", req.url)
	writeField(buf, "WARC-Payload-Digest", "sha256:"+sha256Hex(req.body))
	writeField(buf, "Content-Type", "application/http;msgtype=request")
	writeField(buf, "Content-Length", strconv.Itoa(block.Len()))
	buf.WriteString("\r\n")
	buf.Write(block.Bytes())
	buf.WriteString("\r\n\r\n")
}

// warcResponse encodes one response record, p, into buf. body is nil for
// an over-size response, whose size is then p.BodyAtLeast.
func warcResponse(buf *bytes.Buffer, p StoredPage, header http.Header, body []byte) {
	uri, fetched, status, sha, atLeast := p.URL, p.Fetched, p.Status, p.SHA256, p.BodyAtLeast
	var head bytes.Buffer
	fmt.Fprintf(&head, "HTTP/1.1 %03d %s\r\n", status, http.StatusText(status))
	h := header.Clone()
	h.Del("Transfer-Encoding")
	if atLeast == 0 {
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	h.Write(&head)
	head.WriteString("\r\n")

	buf.WriteString(warcVersion + "\r\n")
	writeField(buf, "WARC-Type", "response")
	writeField(buf, "WARC-Record-ID", newRecordID())
	writeField(buf, "WARC-Date", fetched.UTC().Format(time.RFC3339Nano))
	writeField(buf, "WARC-Target-URI", uri)
	if p.Method != "" {
		writeField(buf, fieldRequestMethod, p.Method)
		writeField(buf, fieldRequestDigest, "sha256:"+p.RequestSHA256)
	}
	if atLeast > 0 {
		writeField(buf, "WARC-Truncated", "length")
		writeField(buf, fieldBodyAtLeast, strconv.FormatInt(atLeast, 10))
	} else {
		writeField(buf, "WARC-Payload-Digest", "sha256:"+sha)
	}
	writeField(buf, "Content-Type", "application/http;msgtype=response")
	writeField(buf, "Content-Length", strconv.Itoa(head.Len()+len(body)))
	buf.WriteString("\r\n")
	buf.Write(head.Bytes())
	buf.Write(body)
	buf.WriteString("\r\n\r\n")
}

// warcInfo encodes the record that opens every file.
func warcInfo(buf *bytes.Buffer, name string) {
	block := "software: jobmarket\r\nformat: WARC File Format 1.1\r\n"
	buf.WriteString(warcVersion + "\r\n")
	writeField(buf, "WARC-Type", "warcinfo")
	writeField(buf, "WARC-Record-ID", newRecordID())
	writeField(buf, "WARC-Date", time.Now().UTC().Format(time.RFC3339Nano))
	writeField(buf, "WARC-Filename", name)
	writeField(buf, "Content-Type", "application/warc-fields")
	writeField(buf, "Content-Length", strconv.Itoa(len(block)))
	buf.WriteString("\r\n" + block + "\r\n\r\n")
}

// noBreaks strips line breaks from a field value, so that a hostile URL
// cannot forge fields.
var noBreaks = strings.NewReplacer("\r", "", "\n", "")

func writeField(buf *bytes.Buffer, name, value string) {
	buf.WriteString(name)
	buf.WriteString(": ")
	buf.WriteString(noBreaks.Replace(value))
	buf.WriteString("\r\n")
}

func newRecordID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// errTornRecord marks a record cut short at the end of a file: the write
// was interrupted (a crash or power loss). Scanning stops there.
var errTornRecord = errors.New("torn record")

// warcEntry is what scanning learns of one record.
type warcEntry struct {
	typ        string
	uri        string
	date       time.Time
	sha        string // hex, from WARC-Payload-Digest
	method     string // of a request other than a GET
	requestSHA string // hex SHA-256 of the body that request sent
	atLeast    int64
	status     int   // of a response record
	blockStart int64 // offset of the HTTP message in the file
	blockLen   int64
}

// scanWARC calls fn for every complete record in r, a file read from the
// start. A record that cannot be read (bytes overwritten in its head, a
// length that does not end at a record's end) is skipped up to the next
// record, and counted in damaged; a torn final record, what a kill
// leaves, is skipped quietly. A file with no readable record is an error.
func scanWARC(r io.ReadSeeker, fn func(warcEntry)) (damaged int, err error) {
	br := bufio.NewReaderSize(r, 256<<10)
	var pos int64
	for {
		e, n, err := readWARCHead(br, pos)
		if errors.Is(err, io.EOF) {
			return damaged, nil
		}
		if err == nil && readWARCBlock(br, &e) {
			pos += n + e.blockLen + 4
			fn(e)
			continue
		}
		headErr := err
		next, found, err := nextRecord(r, br, pos+1)
		switch {
		case err != nil:
			return damaged, err
		case !found && pos == 0 && headErr != nil && !errors.Is(headErr, errTornRecord):
			return damaged, headErr // no record at all: not a WARC file
		case !found:
			return damaged, nil
		}
		damaged++
		pos = next
	}
}

// readWARCBlock reads past a record's block and the blank lines after
// it, taking a response's status on the way; false if they are not where
// the head says.
func readWARCBlock(br *bufio.Reader, e *warcEntry) bool {
	if e.typ == "response" {
		line, err := br.ReadSlice('\n')
		if err != nil || int64(len(line)) > e.blockLen {
			return false
		}
		e.status = statusOf(line)
		if _, err := br.Discard(int(e.blockLen) - len(line)); err != nil {
			return false
		}
	} else if _, err := br.Discard(int(e.blockLen)); err != nil {
		return false
	}
	var tail [4]byte
	_, err := io.ReadFull(br, tail[:])
	return err == nil && string(tail[:]) == "\r\n\r\n"
}

// nextRecord finds the first record starting after byte from of r: a
// WARC version line after a blank line. It leaves br reading r from
// there; found is false when none is left.
func nextRecord(r io.ReadSeeker, br *bufio.Reader, from int64) (next int64, found bool, err error) {
	if _, err := r.Seek(from, io.SeekStart); err != nil {
		return 0, false, fmt.Errorf("store: %w", err)
	}
	br.Reset(r)
	pos, blank := from, false
	for {
		line, err := br.ReadSlice('\n')
		if blank && bytes.HasPrefix(line, []byte("WARC/1.")) && err == nil {
			if _, err := r.Seek(pos, io.SeekStart); err != nil {
				return 0, false, fmt.Errorf("store: %w", err)
			}
			br.Reset(r)
			return pos, true, nil
		}
		pos += int64(len(line))
		blank = err == nil && string(line) == "\r\n"
		switch {
		case errors.Is(err, io.EOF):
			return 0, false, nil
		case err != nil && !errors.Is(err, bufio.ErrBufferFull):
			return 0, false, fmt.Errorf("store: %w", err)
		}
	}
}

// readWARCHead reads a record's version line and fields; n is how many
// bytes they took, so the block starts at pos+n.
func readWARCHead(br *bufio.Reader, pos int64) (warcEntry, int64, error) {
	var e warcEntry
	var n int64
	line, err := br.ReadString('\n')
	n += int64(len(line))
	if err != nil {
		if line == "" {
			return e, 0, io.EOF
		}
		return e, 0, errTornRecord
	}
	if !strings.HasPrefix(line, "WARC/") {
		return e, 0, fmt.Errorf("store: record at byte %d does not start with a WARC version", pos)
	}
	e.blockLen = -1
	for {
		line, err := br.ReadString('\n')
		n += int64(len(line))
		if err != nil {
			return e, 0, errTornRecord
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, _ := strings.Cut(line, ":")
		value = strings.TrimSpace(value)
		switch name {
		case "WARC-Type":
			e.typ = value
		case "WARC-Target-URI":
			e.uri = value
		case "WARC-Date":
			if e.date, err = time.Parse(time.RFC3339Nano, value); err != nil {
				return e, 0, fmt.Errorf("store: record at byte %d has WARC-Date %q", pos, value)
			}
		case "WARC-Payload-Digest":
			e.sha = strings.TrimPrefix(value, "sha256:")
		case fieldRequestMethod:
			e.method = value
		case fieldRequestDigest:
			e.requestSHA = strings.TrimPrefix(value, "sha256:")
		case fieldBodyAtLeast:
			if e.atLeast, err = strconv.ParseInt(value, 10, 64); err != nil {
				return e, 0, fmt.Errorf("store: record at byte %d has %s %q", pos, fieldBodyAtLeast, value)
			}
		case "Content-Length":
			e.blockLen, err = strconv.ParseInt(value, 10, 64)
			if err != nil || e.blockLen < 0 {
				return e, 0, fmt.Errorf("store: record at byte %d has Content-Length %q", pos, value)
			}
		}
	}
	if e.blockLen < 0 {
		return e, 0, fmt.Errorf("store: record at byte %d has no Content-Length", pos)
	}
	e.blockStart = pos + n
	return e, n, nil
}

// statusOf reads the code from an HTTP status line; 0 if there is none.
func statusOf(line []byte) int {
	f := bytes.Fields(line)
	if len(f) < 2 {
		return 0
	}
	code, _ := strconv.Atoi(string(f[1]))
	return code
}

// parseHTTPBlock splits a stored HTTP message into its status, headers
// and body. The head was written by warcResponse, so a plain reading of
// its lines is enough (net/http's ReadResponse costs more than the rest of
// re-reading a page).
func parseHTTPBlock(block []byte) (int, http.Header, []byte, error) {
	end := bytes.Index(block, []byte("\r\n\r\n"))
	if end < 0 {
		return 0, nil, nil, errors.New("stored response has no header end")
	}
	head := string(block[:end])
	statusLine, rest, _ := strings.Cut(head, "\r\n")
	status := statusOf([]byte(statusLine))
	if status == 0 {
		return 0, nil, nil, fmt.Errorf("stored response starts %q", statusLine)
	}
	h := make(http.Header, strings.Count(rest, "\r\n")+1)
	for line := range strings.SplitSeq(rest, "\r\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key := http.CanonicalHeaderKey(strings.TrimSpace(name))
		h[key] = append(h[key], strings.TrimSpace(value))
	}
	return status, h, block[end+4:], nil
}
