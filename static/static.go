// Package static embeds the CSS, JavaScript and images and serves them under content-hashed URLs,
// so browsers may cache them for a year and still see every change at once.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed css js img
var files embed.FS

// Prefix is where the assets are mounted.
const Prefix = "/static/"

// hashLen is the number of hex digits of the SHA-256 kept in URLs: 48 bits is plenty to tell
// versions of one file apart.
const hashLen = 12

// Assets knows the content hash of every embedded file.
type Assets struct {
	fsys   fs.FS
	hashes map[string]string // file name → hash
}

// New hashes every embedded file once, at start-up.
func New() (*Assets, error) {
	a := &Assets{fsys: files, hashes: map[string]string{}}
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		a.hashes[name] = hex.EncodeToString(sum[:])[:hashLen]
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static: hash assets: %w", err)
	}
	return a, nil
}

// URL returns the cache-busting URL of an embedded file such as "css/app.css". An unknown name is
// a programming error caught by the tests that render every page, so it panics.
func (a *Assets) URL(name string) string {
	h, ok := a.hashes[name]
	if !ok {
		panic("static: unknown asset " + name)
	}
	return Prefix + h + "/" + name
}

// Handler serves /static/{hash}/{name} with a one-year immutable lifetime and /static/{name}
// (or an outdated hash, from a page rendered before a deploy) with revalidation. Unknown files go
// to notFound, so they get the application's own 404 page.
func (a *Assets) Handler(notFound http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { a.serve(w, r, notFound) })
}

func (a *Assets) serve(w http.ResponseWriter, r *http.Request, notFound http.Handler) {
	rest := strings.TrimPrefix(r.URL.Path, Prefix)
	name, cache := rest, "no-cache"
	if h, tail, ok := strings.Cut(rest, "/"); ok && isHash(h) {
		name = tail
		if a.hashes[tail] == h {
			cache = "public, max-age=31536000, immutable"
		}
	}
	hash, ok := a.hashes[name]
	if !ok {
		notFound.ServeHTTP(w, r)
		return
	}
	w.Header().Set("Cache-Control", cache)
	w.Header().Set("ETag", `"`+hash+`"`)
	// ServeFileFS handles Content-Type, HEAD, ranges and If-None-Match against the ETag above.
	http.ServeFileFS(w, r, a.fsys, name)
}

func isHash(s string) bool {
	if len(s) != hashLen {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}
