// Package redisq keeps a colly crawl's shared state on a Redis server, so
// that several crawler processes, on one machine or many, work through one
// request queue and one visited set. Queue implements colly's
// queue.Storage and Storage its storage.Storage, over
// github.com/redis/go-redis/v9; ParseURL reads the redis:// URL that names
// the server and the crawl.
//
// Every key starts with a prefix the caller chooses, so unrelated crawls
// (and the sources of one crawl) on one server do not mix.
//
// The package guarantees that a URL is queued once across all processes
// (Queue.AddRequest, Queue.Claim) and that colly's visited check cannot let
// two processes through (Storage.Visited). It is not a reliable job queue:
// a request taken by a process that dies before handling it is lost, and
// nothing expires on its own.
//
// Subpackage redistest starts a throwaway redis-server for tests.
package redisq
