package redisq

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Errors of Queue.
var (
	// ErrEmpty is GetRequest's answer when no request is waiting.
	ErrEmpty = errors.New("redisq: queue is empty")
	// ErrSeen is AddRequest's answer for a URL queued or claimed before.
	ErrSeen = errors.New("redisq: URL queued before")
)

// Queue is a crawl's request queue on a Redis server, shared by every
// process that opens it with the same prefix. It implements colly's
// queue.Storage, with one difference that makes it a crawl frontier rather
// than a plain list: each URL is queued once, ever, by whichever process
// adds it first. The check and the add are one step on the server (a
// script), so two processes that find the same link never both queue it,
// and a process that starts late does not queue its start URLs again.
//
// Keys: prefix+"queue" is a list of serialized colly requests,
// prefix+"seen" the set of URLs ever queued or claimed, prefix+"busy" a
// sorted set of the processes working on the queue (see Busy).
//
// A request taken with GetRequest is gone from the server; if the process
// that took it dies before handling it, it is lost and its URL stays seen.
// Requeue gives a request back. Nothing expires: delete the keys to start
// the crawl afresh.
//
// colly's interfaces take no context, so AddRequest, GetRequest and
// QueueSize are bounded by the client's own timeouts (go-redis: 3 s to
// read, 5 s to dial); the other methods take one.
type Queue struct {
	rdb    redis.Cmdable
	prefix string
}

// NewQueue returns the queue whose keys start with prefix.
func NewQueue(rdb redis.Cmdable, prefix string) *Queue {
	return &Queue{rdb: rdb, prefix: prefix}
}

func (q *Queue) list() string { return q.prefix + "queue" }
func (q *Queue) seen() string { return q.prefix + "seen" }
func (q *Queue) busy() string { return q.prefix + "busy" }

// Init implements queue.Storage: it checks that the server answers.
func (q *Queue) Init() error {
	if err := q.rdb.Ping(context.Background()).Err(); err != nil {
		return fmt.Errorf("redisq: %w", err)
	}
	return nil
}

// AddRequest implements queue.Storage. It queues a request serialized by
// colly (Request.Marshal) unless its URL was queued or claimed before, in
// which case it returns ErrSeen. The URL is taken as serialized: callers
// that want "/a" and "/a#top" to be one page write them alike.
func (q *Queue) AddRequest(r []byte) error {
	var req struct{ URL string }
	if err := json.Unmarshal(r, &req); err != nil || req.URL == "" {
		return fmt.Errorf("redisq: not a serialized colly request: %.80q", r)
	}
	added, err := q.Add(context.Background(), req.URL, r)
	if err == nil && !added {
		err = ErrSeen
	}
	return err
}

// addScript marks a URL seen and queues its request, or does nothing if
// it was seen: one step, so no other process can slip in between.
var addScript = redis.NewScript(`
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then
	return 0
end
redis.call('RPUSH', KEYS[2], ARGV[2])
return 1`)

// Add queues r under key unless key was queued or claimed before, and
// says whether it did.
func (q *Queue) Add(ctx context.Context, key string, r []byte) (bool, error) {
	n, err := addScript.Run(ctx, q.rdb, []string{q.seen(), q.list()}, key, r).Int()
	if err != nil {
		return false, fmt.Errorf("redisq: queue %s: %w", key, err)
	}
	return n == 1, nil
}

// Claim marks key seen without queueing anything, and says whether this
// call was the first to: a redirect's target, fetched as part of another
// request, or a URL that will not be fetched but should be reported once.
func (q *Queue) Claim(ctx context.Context, key string) (bool, error) {
	n, err := q.rdb.SAdd(ctx, q.seen(), key).Result()
	if err != nil {
		return false, fmt.Errorf("redisq: claim %s: %w", key, err)
	}
	return n == 1, nil
}

// Seen says whether key was queued or claimed.
func (q *Queue) Seen(ctx context.Context, key string) (bool, error) {
	seen, err := q.rdb.SIsMember(ctx, q.seen(), key).Result()
	if err != nil {
		return false, fmt.Errorf("redisq: %w", err)
	}
	return seen, nil
}

// Requeue puts a request taken from the queue back at its end, as a
// process does with the requests in hand when it stops early, so another
// one makes them.
func (q *Queue) Requeue(ctx context.Context, r []byte) error {
	if err := q.rdb.RPush(ctx, q.list(), r).Err(); err != nil {
		return fmt.Errorf("redisq: requeue: %w", err)
	}
	return nil
}

// GetRequest implements queue.Storage: it takes the oldest request, or
// returns ErrEmpty.
func (q *Queue) GetRequest() ([]byte, error) { return q.Pop(context.Background()) }

// Pop takes the oldest request, or returns ErrEmpty.
func (q *Queue) Pop(ctx context.Context) ([]byte, error) {
	r, err := q.rdb.LPop(ctx, q.list()).Bytes()
	switch {
	case errors.Is(err, redis.Nil):
		return nil, ErrEmpty
	case err != nil:
		return nil, fmt.Errorf("redisq: %w", err)
	}
	return r, nil
}

// QueueSize implements queue.Storage: the number of requests waiting.
func (q *Queue) QueueSize() (int, error) { return q.Len(context.Background()) }

// Len is the number of requests waiting.
func (q *Queue) Len(ctx context.Context) (int, error) {
	n, err := q.rdb.LLen(ctx, q.list()).Result()
	if err != nil {
		return 0, fmt.Errorf("redisq: %w", err)
	}
	return int(n), nil
}

// The busy set's scores are the times its entries expire, in milliseconds
// of the server's clock, so that the workers' clocks need not agree.
var (
	busyScript = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
return 1`)
	pendingScript = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
return {redis.call('LLEN', KEYS[1]), redis.call('ZCARD', KEYS[2])}`)
)

// Busy says that worker is handling requests and may queue more, for the
// next lease; a busy worker repeats it well within the lease. A worker
// that stops repeating it, because it died, counts as idle once the lease
// has passed.
func (q *Queue) Busy(ctx context.Context, worker string, lease time.Duration) error {
	if err := busyScript.Run(ctx, q.rdb, []string{q.busy()}, worker, lease.Milliseconds()).Err(); err != nil {
		return fmt.Errorf("redisq: busy: %w", err)
	}
	return nil
}

// Idle says that worker handles no request any more.
func (q *Queue) Idle(ctx context.Context, worker string) error {
	if err := q.rdb.ZRem(ctx, q.busy(), worker).Err(); err != nil {
		return fmt.Errorf("redisq: idle: %w", err)
	}
	return nil
}

// Pending returns, read together, how many requests wait and how many
// workers are busy. The crawl is over when both are 0: no request waits
// and no worker can queue another.
func (q *Queue) Pending(ctx context.Context) (queued, busy int, err error) {
	n, err := pendingScript.Run(ctx, q.rdb, []string{q.list(), q.busy()}).Int64Slice()
	if err != nil || len(n) != 2 {
		return 0, 0, fmt.Errorf("redisq: pending: %w", cmp.Or(err, errors.New("unexpected reply")))
	}
	return int(n[0]), int(n[1]), nil
}
