// Package i18n holds the Japanese and English message catalogs and the locale-aware formatting
// of money, person-days and dates. It is the only place where numbers become display text.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"slices"
)

// The catalogs ship inside the binary so a deployment can never run with missing or stale text.
//
//go:embed locales/*.json
var localeFiles embed.FS

// The two languages of the UI and of the documents.
const (
	Japanese = "ja"
	English  = "en"
)

// Bundle holds the parsed catalogs of every supported language. It is read-only after Load, so
// one Bundle is shared by all requests without locking.
type Bundle struct {
	catalogs map[string]catalog
}

// Load parses the embedded catalogs. It fails when a file is malformed or when the languages
// disagree on keys or placeholders, so that a broken catalog stops the program at startup
// instead of showing raw keys to a client.
func Load() (*Bundle, error) {
	return load(localeFiles)
}

// load reads the catalogs from fsys; tests pass crafted file systems to prove the checks fail.
func load(fsys fs.FS) (*Bundle, error) {
	b := &Bundle{catalogs: make(map[string]catalog, 2)}
	for _, lang := range []string{English, Japanese} {
		name := "locales/" + lang + ".json"
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: read %s: %w", name, err)
		}
		c, err := parseCatalog(lang, data)
		if err != nil {
			return nil, fmt.Errorf("i18n: parse %s: %w", name, err)
		}
		b.catalogs[lang] = c
	}
	// English is the reference catalog: new keys are written there first.
	if err := compareCatalogs(b.catalogs[English], b.catalogs[Japanese]); err != nil {
		return nil, fmt.Errorf("i18n: catalogs disagree: %w", err)
	}
	return b, nil
}

// T returns the message for key in lang with its {name} placeholders replaced by args, given as
// name/value pairs and formatted with %v. An unsupported lang falls back to Japanese. An unknown
// key comes back as "⟦key⟧" and a placeholder without a value stays as "{name}": a visible defect
// on the page is easier to notice and report than a blank or a crash.
func (b *Bundle) T(lang, key string, args ...any) string {
	msg, ok := b.catalog(lang).flat[key]
	if !ok {
		return missing(key)
	}
	if len(args) == 0 {
		return msg
	}
	return substitute(msg, args)
}

// Tree returns a deep copy of the nested catalog of lang (Japanese when unsupported), shaped like
// the locale file, for the translations API. Callers may modify it freely.
func (b *Bundle) Tree(lang string) map[string]any {
	return copyTree(b.catalog(lang).tree)
}

// Keys returns the sorted dotted keys of lang (Japanese when unsupported).
func (b *Bundle) Keys(lang string) []string {
	return slices.Sorted(maps.Keys(b.catalog(lang).flat))
}

// catalog resolves lang with the same fallback as Locale. A nil Bundle yields an empty catalog,
// which keeps the zero Locale usable: every lookup then reports its key as missing.
func (b *Bundle) catalog(lang string) catalog {
	if b == nil {
		return catalog{}
	}
	if !Supported(lang) {
		lang = Japanese
	}
	return b.catalogs[lang]
}

func missing(key string) string {
	return "⟦" + key + "⟧"
}

func copyTree(node map[string]any) map[string]any {
	out := make(map[string]any, len(node))
	for k, v := range node {
		if child, ok := v.(map[string]any); ok {
			v = copyTree(child)
		}
		out[k] = v
	}
	return out
}
