package scrape

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// maxWARCFile is the size at which the store starts a new file, so no file
// outgrows what archive tools and file systems handle comfortably.
const maxWARCFile = 1 << 30

// Store keeps every response a crawl receives, in WARC files, before any
// reader sees it, and serves stored responses back so that a crawl
// resumed after a crash, or re-read offline after a parser fix, asks the
// boards for nothing it already has.
//
// Each process appends to files of its own, one record per write, so a
// kill -9 loses at most the response being written and two runs sharing a
// folder never interleave; a torn record at the end of a file is skipped
// when the store is opened. Records are not fsynced one by one (a crash
// of the process loses nothing written; a power cut may lose the last
// seconds); Close syncs.
//
// The index of which request is stored where lives in memory and is
// rebuilt by reading every file's record headers when the store is opened.
// A GET is indexed by its URL; any other request (a POST to an API that
// lists by POST) by RequestKey: method, URL and the SHA-256 of the body it
// sent.
type Store struct {
	dir string
	// mask, when set, is applied to every URL the store records or looks
	// up (Scraper.MaskURL): a secret in a URL is never written to disk.
	mask func(string) string

	mu    sync.RWMutex
	byKey map[string]StoredPage
	// unreadable counts records skipped when the store was opened: their
	// heads were damaged (see scanWARC).
	unreadable int
	files      []*os.File // by StoredPage.file; the last one may be the file being written

	wmu     sync.Mutex
	out     *os.File // nil until the first put
	outFile int
	outSize int64
	buf     bytes.Buffer
}

// RequestKey is what the store indexes a request's response by: a GET's
// URL, as stores have always been keyed (so stores written before other
// methods were kept still replay), and for any other method
// "METHOD URL sha256:HEX" with the hex SHA-256 of the body sent.
func RequestKey(method, url string, body []byte) string {
	if method == "" || method == http.MethodGet {
		return url
	}
	return requestKey(method, url, sha256Hex(body))
}

func requestKey(method, url, bodySHA string) string {
	if method == "" || method == http.MethodGet {
		return url
	}
	return method + " " + url + " sha256:" + bodySHA
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// storedRequest is what the store keeps of the request a response
// answers.
type storedRequest struct {
	method      string // "" for GET
	url         string
	body        []byte // sent with a method other than GET
	contentType string
}

func (r storedRequest) key() string { return RequestKey(r.method, r.url, r.body) }

// StoredPage describes one stored response.
type StoredPage struct {
	URL string
	// Method is the request's method when it was not GET ("POST"), and
	// RequestSHA256 the hex SHA-256 of the body it sent.
	Method        string
	RequestSHA256 string
	Status        int
	SHA256        string    // hex SHA-256 of the body; "" for an over-size response
	Fetched       time.Time // when the response was received
	// BodyAtLeast is set for a response larger than the body cap at the
	// time: it was stored without its body and was at least this large.
	BodyAtLeast int64

	file       int
	blockStart int64
	blockLen   int64
}

// servable says whether a stored response is a final answer worth
// serving instead of asking again: not a rate limit or server error.
func (p StoredPage) servable() bool {
	return p.Status != 0 && p.Status != http.StatusTooManyRequests && p.Status < 500
}

// OpenStore opens the store in dir, creating the folder if needed, and
// indexes every WARC file in it.
func OpenStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open page store: %w", err)
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.warc"))
	if err != nil {
		return nil, fmt.Errorf("open page store: %w", err)
	}
	slices.Sort(names) // names start with the time they were begun: older records first, newer win
	s := &Store{dir: dir, byKey: map[string]StoredPage{}}
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("open page store: %w", err)
		}
		id := len(s.files)
		s.files = append(s.files, f)
		damaged, err := scanWARC(f, func(e warcEntry) {
			if e.typ != "response" {
				return
			}
			s.index(StoredPage{URL: e.uri, Method: e.method, RequestSHA256: e.requestSHA, Status: e.status, SHA256: e.sha, Fetched: e.date,
				BodyAtLeast: e.atLeast, file: id, blockStart: e.blockStart, blockLen: e.blockLen})
		})
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("open page store %s: %w", name, err)
		}
		s.unreadable += damaged
	}
	return s, nil
}

// Unreadable is the number of records skipped when the store was opened
// because their heads were damaged; the other records are served.
func (s *Store) Unreadable() int { return s.unreadable }

// ErrStoreDamaged is wrapped by Store.Read's error when a stored body no
// longer matches the digest recorded with it.
var ErrStoreDamaged = errors.New("stored body does not match its recorded sha256")

// Key is the page's RequestKey.
func (p StoredPage) Key() string { return requestKey(p.Method, p.URL, p.RequestSHA256) }

// index records p as its request's latest response, unless p is a
// transient failure and a final answer is already known.
func (s *Store) index(p StoredPage) {
	key := p.Key()
	if old, ok := s.byKey[key]; ok && old.servable() && !p.servable() {
		return
	}
	s.byKey[key] = p
}

// Dir is the folder the store lives in.
func (s *Store) Dir() string { return s.dir }

// Len is the number of requests with a stored response.
func (s *Store) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.byKey)
}

// Lookup returns the latest stored response for a request key: a GET's
// URL, or RequestKey's for another method.
func (s *Store) Lookup(key string) (StoredPage, bool) {
	if s.mask != nil {
		key = s.mask(key)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.byKey[key]
	return p, ok
}

// Pages lists the latest stored response of every request, by key.
func (s *Store) Pages() []StoredPage {
	s.mu.RLock()
	pages := make([]StoredPage, 0, len(s.byKey))
	for _, p := range s.byKey {
		pages = append(pages, p)
	}
	s.mu.RUnlock()
	slices.SortFunc(pages, func(a, b StoredPage) int { return strings.Compare(a.Key(), b.Key()) })
	return pages
}

// Read returns a stored response's headers and body, checked against the
// digest recorded with it: a body that no longer matches is an error
// wrapping ErrStoreDamaged.
func (s *Store) Read(p StoredPage) (http.Header, []byte, error) {
	s.mu.RLock()
	f := s.files[p.file]
	s.mu.RUnlock()
	return readStored(f, p)
}

// readStored reads p's headers and body from f, the file it is in, and
// checks the body against p's digest.
func readStored(f *os.File, p StoredPage) (http.Header, []byte, error) {
	block := make([]byte, p.blockLen)
	if _, err := f.ReadAt(block, p.blockStart); err != nil {
		return nil, nil, fmt.Errorf("read stored %s: %w", p.URL, err)
	}
	_, h, body, err := parseHTTPBlock(block)
	if err != nil {
		return nil, nil, fmt.Errorf("read stored %s: %w: %v", p.URL, ErrStoreDamaged, err)
	}
	if p.BodyAtLeast == 0 && sha256Hex(body) != p.SHA256 {
		return nil, nil, fmt.Errorf("read stored %s (%s, byte %d): %w", p.URL, filepath.Base(f.Name()), p.blockStart, ErrStoreDamaged)
	}
	return h, body, nil
}

// forget drops p from the index, if it is still its request's latest
// response: it is damaged, and what is fetched instead must be written
// even if it is what p once held.
func (s *Store) forget(p StoredPage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur, ok := s.byKey[p.Key()]; ok && cur.file == p.file && cur.blockStart == p.blockStart {
		delete(s.byKey, p.Key())
	}
}

// put stores a response to req and returns its body's hex SHA-256. A
// response identical to the request's latest stored one (same status and
// body) is not written again: a rerun over unchanged local files adds
// nothing.
func (s *Store) put(req storedRequest, fetched time.Time, status int, header http.Header, body []byte) (string, error) {
	sha := sha256Hex(body)
	if old, ok := s.Lookup(req.key()); ok && old.Status == status && old.SHA256 == sha {
		return sha, nil
	}
	return sha, s.write(req, StoredPage{Status: status, SHA256: sha, Fetched: fetched}, header, body)
}

// putOversize records that req was answered with a body over the cap,
// known to be at least atLeast bytes, keeping its headers only.
func (s *Store) putOversize(req storedRequest, fetched time.Time, status int, header http.Header, atLeast int64) error {
	return s.write(req, StoredPage{Status: status, Fetched: fetched, BodyAtLeast: atLeast}, header, nil)
}

// write appends the response p to req, preceded for a request other than
// a GET by a WARC request record holding the body it sent, so the archive
// says what was asked.
func (s *Store) write(req storedRequest, p StoredPage, header http.Header, body []byte) error {
	if s.mask != nil {
		req.url = s.mask(req.url)
	}
	p.URL = req.url
	if req.method != "" && req.method != http.MethodGet {
		p.Method, p.RequestSHA256 = req.method, sha256Hex(req.body)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.out == nil || s.outSize > maxWARCFile {
		if err := s.startFile(); err != nil {
			return err
		}
	}
	s.buf.Reset()
	if p.Method != "" {
		warcRequest(&s.buf, req, p.Fetched)
	}
	start := int64(s.buf.Len())
	warcResponse(&s.buf, p, header, body)
	headLen := start + int64(bytes.Index(s.buf.Bytes()[start:], []byte("\r\n\r\n"))+4)
	// One write per record: a kill between writes never leaves half a
	// record followed by a whole one.
	if _, err := s.out.Write(s.buf.Bytes()); err != nil {
		return fmt.Errorf("store %s: %w", p.URL, err)
	}
	p.file = s.outFile
	p.blockStart = s.outSize + headLen
	p.blockLen = int64(s.buf.Len()) - headLen - 4
	s.outSize += int64(s.buf.Len())
	s.mu.Lock()
	s.index(p)
	s.mu.Unlock()
	return nil
}

// startFile begins a new WARC file named for the time it was begun and
// this process, so that files sort in the order they were written.
func (s *Store) startFile() error {
	if s.out != nil {
		if err := s.out.Sync(); err != nil {
			return fmt.Errorf("store: %w", err)
		}
	}
	name := fmt.Sprintf("%s-%d.warc", time.Now().UTC().Format("20060102T150405.000000000Z"), os.Getpid())
	f, err := os.OpenFile(filepath.Join(s.dir, name), os.O_RDWR|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	s.buf.Reset()
	warcInfo(&s.buf, name)
	if _, err := f.Write(s.buf.Bytes()); err != nil {
		f.Close()
		return fmt.Errorf("store: %w", err)
	}
	s.mu.Lock()
	s.outFile = len(s.files)
	s.files = append(s.files, f)
	s.mu.Unlock()
	s.out, s.outSize = f, int64(s.buf.Len())
	return nil
}

// Close syncs the file being written and closes every file.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var errs []error
	if s.out != nil {
		errs = append(errs, s.out.Sync())
		s.out = nil
	}
	s.mu.Lock()
	for _, f := range s.files {
		errs = append(errs, f.Close())
	}
	s.files = nil
	s.mu.Unlock()
	return errors.Join(errs...)
}

// Bytes is how much of the store the page takes: its WARC record's block
// (the HTTP status line, headers and body as received).
func (p StoredPage) Bytes() int64 { return p.blockLen }
