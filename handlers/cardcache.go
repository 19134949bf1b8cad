package handlers

import (
	"sync"
	"time"

	"estimator/views"
)

// cardCache keeps the priced part of proposal cards: the changed lines and the totals. A card is
// computed from its base revision and its changes, and neither ever changes once stored, so an
// entry cannot go stale; what does change (applied, outdated) is set on every request and never
// cached. The task page stays as fast after thirty chat turns as after one.
type cardCache struct {
	mu      sync.Mutex
	entries map[cardKey]views.CardView
	order   []cardKey // oldest first; the oldest go when the cache is full
	max     int
}

// cardKey names a card for good: proposal ids are unique within a task, and a task's proposals go
// only with the task, whose id is never reused.
type cardKey struct {
	taskID  string
	id      int64
	created time.Time
}

// maxCachedCards bounds the cache: a card with 8 rows takes about 2 kB, so 4,096 take some 8 MB
// at most.
const maxCachedCards = 4096

func newCardCache(max int) *cardCache {
	return &cardCache{entries: make(map[cardKey]views.CardView, max), max: max}
}

func (c *cardCache) get(k cardKey) (views.CardView, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.entries[k]
	return v, ok
}

func (c *cardCache) put(k cardKey, v views.CardView) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[k]; ok {
		return
	}
	if len(c.order) >= c.max {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	c.entries[k] = v
	c.order = append(c.order, k)
}
