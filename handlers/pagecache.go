package handlers

import (
	"bytes"
	"container/list"
	"net/http"
	"sync"

	"github.com/a-h/templ"
)

// pageCache keeps rendered task pages by the task's version (store.TaskVersion), and pages of the
// estimates list by the list's version (store.ListVersion), which the database changes in the
// same transaction as every write that changes what the page shows. A
// page is served again only while the version it was rendered at is still the current one, so
// it cannot show a stale total; each variant of a page (language, URL, fragment or not) keeps only
// its latest version. The least recently used pages go first once the bytes exceed max.
type pageCache struct {
	mu      sync.Mutex
	entries map[pageKey]*list.Element
	lru     list.List // of *pageEntry, most recently used first
	bytes   int
	max     int
}

// pageKey names a variant of a page: everything besides the task's data the body depends on.
type pageKey struct {
	taskID   string // "" for the estimates list
	lang     string
	uri      string // the request's path and query, which the language links repeat
	fragment bool
}

type pageEntry struct {
	key     pageKey
	version int64
	body    []byte // never modified once stored
}

// Bounds of the cache: a 9-line task's page is about 60 kB, so 16 MB keeps some 270 pages; a page
// over maxCachedPage (a task of over a thousand lines; 500 make about 1 MB) is rendered each time
// rather than crowd out the others.
const (
	maxPageCacheBytes = 16 << 20
	maxCachedPage     = 2 << 20
)

func newPageCache(max int) *pageCache {
	return &pageCache{entries: make(map[pageKey]*list.Element), max: max}
}

// get returns the body stored for k at version, if that is the version stored. Otherwise sizeHint
// is the length of the body stored for an older version, 0 when none: the page rendered anew is
// most likely about as long, so its buffer can be made that size at once instead of doubling up
// to it.
func (c *pageCache) get(k pageKey, version int64) (body []byte, sizeHint int, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, found := c.entries[k]
	if !found {
		return nil, 0, false
	}
	e := el.Value.(*pageEntry)
	if e.version != version {
		return nil, len(e.body), false
	}
	c.lru.MoveToFront(el)
	return e.body, 0, true
}

// put stores body for k at version, replacing an older version; the cache owns body from then
// on. A newer version already stored (rendered by a request that read the version later) is
// kept. Memory is counted by capacity, which is what body holds.
func (c *pageCache) put(k pageKey, version int64, body []byte) {
	if cap(body) > maxCachedPage {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[k]; ok {
		e := el.Value.(*pageEntry)
		if e.version > version {
			return
		}
		c.bytes += cap(body) - cap(e.body)
		e.version, e.body = version, body
		c.lru.MoveToFront(el)
	} else {
		c.entries[k] = c.lru.PushFront(&pageEntry{key: k, version: version, body: body})
		c.bytes += cap(body)
	}
	for c.bytes > c.max {
		oldest := c.lru.Back()
		e := oldest.Value.(*pageEntry)
		c.lru.Remove(oldest)
		delete(c.entries, e.key)
		c.bytes -= cap(e.body)
	}
}

// serveKept sends the page kept for k at version, if there is one and there is no flash message
// to show in it, and reports whether it did; otherwise it returns the size hint of get.
// hasFragment is what the page was rendered with.
func (h *Handler) serveKept(w http.ResponseWriter, r *http.Request, k pageKey, version int64, hasFragment bool, flash []string) (sizeHint int, served bool, err error) {
	body, sizeHint, ok := h.pages.get(k, version)
	if !ok || len(flash) > 0 {
		return sizeHint, false, nil
	}
	varyOnHTMX(w, r, hasFragment)
	return 0, true, writeHTML(w, http.StatusOK, body)
}

// renderKept renders the page (or its fragment) into a buffer of its own, sized from sizeHint,
// which the cache then keeps as it is for k at version, and sends it.
func (h *Handler) renderKept(w http.ResponseWriter, r *http.Request, k pageKey, version int64, sizeHint int, page, fragment templ.Component) error {
	buf := bytes.NewBuffer(make([]byte, 0, sizeHint+sizeHint/8))
	if err := renderTo(buf, w, r, page, fragment); err != nil {
		return err
	}
	h.pages.put(k, version, buf.Bytes())
	return writeHTML(w, http.StatusOK, buf.Bytes())
}
