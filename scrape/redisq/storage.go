package redisq

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// ErrVisited is Storage.Visited's answer when another collector marked the
// request visited first.
var ErrVisited = errors.New("redisq: visited by another collector")

// Storage keeps what a colly Collector remembers between requests — the
// requests it made and the cookies servers set — on a Redis server,
// shared by every collector that opens it with the same prefix. It
// implements colly's storage.Storage (Collector.SetStorage).
//
// colly asks IsVisited and then calls Visited: two steps that two
// processes can interleave, both seeing "not visited". Visited therefore
// adds the request in one step and returns ErrVisited if it was there
// already; colly returns that error instead of making the request, so
// with this Storage a request is made once across the collectors sharing
// it.
//
// Keys: prefix+"visited" is the set of request IDs, prefix+"cookies" a
// hash of cookies by host. Cookies are best effort: storage.Storage gives
// Cookies and SetCookies no error to return, so a failing server means no
// cookies, and two processes setting one host's cookies at once keep the
// last writer's.
type Storage struct {
	rdb    redis.Cmdable
	prefix string
}

// NewStorage returns the storage whose keys start with prefix.
func NewStorage(rdb redis.Cmdable, prefix string) *Storage {
	return &Storage{rdb: rdb, prefix: prefix}
}

func (s *Storage) visited() string { return s.prefix + "visited" }
func (s *Storage) cookies() string { return s.prefix + "cookies" }

// Init implements storage.Storage: it checks that the server answers.
func (s *Storage) Init() error {
	if err := s.rdb.Ping(context.Background()).Err(); err != nil {
		return fmt.Errorf("redisq: %w", err)
	}
	return nil
}

// Visited implements storage.Storage: it marks the request visited, or
// returns ErrVisited if it was already.
func (s *Storage) Visited(requestID uint64) error {
	n, err := s.rdb.SAdd(context.Background(), s.visited(), strconv.FormatUint(requestID, 10)).Result()
	switch {
	case err != nil:
		return fmt.Errorf("redisq: visited: %w", err)
	case n == 0:
		return ErrVisited
	}
	return nil
}

// IsVisited implements storage.Storage.
func (s *Storage) IsVisited(requestID uint64) (bool, error) {
	seen, err := s.rdb.SIsMember(context.Background(), s.visited(), strconv.FormatUint(requestID, 10)).Result()
	if err != nil {
		return false, fmt.Errorf("redisq: visited: %w", err)
	}
	return seen, nil
}

// Cookies implements storage.Storage: the cookies stored for u's host, as
// colly serializes them, or "".
func (s *Storage) Cookies(u *url.URL) string {
	c, err := s.rdb.HGet(context.Background(), s.cookies(), u.Host).Result()
	if err != nil {
		return ""
	}
	return c
}

// SetCookies implements storage.Storage.
func (s *Storage) SetCookies(u *url.URL, cookies string) {
	s.rdb.HSet(context.Background(), s.cookies(), u.Host, cookies)
}
