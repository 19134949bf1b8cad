package i18n

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// catalog is one language's messages in two shapes: flat for lookups by dotted key, and nested
// as written in the file for the translations API.
type catalog struct {
	lang string
	flat map[string]string
	tree map[string]any
}

// parseCatalog reads a nested locale file. It walks the JSON tokens rather than unmarshalling
// into a map because a map silently keeps the last of two duplicate keys, and a duplicate is
// almost always a copy-paste mistake that would otherwise ship. Leaves must be non-blank
// strings; key segments must be non-empty and dot-free so that every dotted key is unambiguous.
func parseCatalog(lang string, data []byte) (catalog, error) {
	c := catalog{lang: lang, flat: make(map[string]string)}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return catalog{}, err
	}
	if tok != json.Delim('{') {
		return catalog{}, errors.New("top level must be an object")
	}
	if c.tree, err = c.parseObject(dec, ""); err != nil {
		return catalog{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return catalog{}, errors.New("unexpected data after the top-level object")
	}
	return c, nil
}

// parseObject reads the members of an object whose opening brace has been consumed.
func (c *catalog) parseObject(dec *json.Decoder, prefix string) (map[string]any, error) {
	node := make(map[string]any)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := tok.(string) // the decoder only yields strings in key position
		key := name
		if prefix != "" {
			key = prefix + "." + name
		}
		if name == "" || strings.Contains(name, ".") {
			return nil, fmt.Errorf("%q: key segments must be non-empty and contain no dot", key)
		}
		if _, dup := node[name]; dup {
			return nil, fmt.Errorf("%s: duplicate key", key)
		}
		if node[name], err = c.parseValue(dec, key); err != nil {
			return nil, err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, err
	}
	if len(node) == 0 {
		if prefix == "" {
			return nil, errors.New("no messages")
		}
		return nil, fmt.Errorf("%s: empty object", prefix)
	}
	return node, nil
}

func (c *catalog) parseValue(dec *json.Decoder, key string) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch v := tok.(type) {
	case string:
		if strings.TrimSpace(v) == "" {
			return nil, fmt.Errorf("%s: empty value", key)
		}
		c.flat[key] = v
		return v, nil
	case json.Delim:
		if v == '{' {
			return c.parseObject(dec, key)
		}
	}
	return nil, fmt.Errorf("%s: value must be a string or an object, got %v", key, tok)
}

// compareCatalogs reports every key that exists in only one catalog and every key whose
// placeholder names differ, since a missing {name} in one language silently drops data
// (a price, a limit) from the page in that language only.
func compareCatalogs(ref, other catalog) error {
	var errs []error
	for _, key := range slices.Sorted(maps.Keys(ref.flat)) {
		msg, ok := other.flat[key]
		if !ok {
			errs = append(errs, fmt.Errorf("%s: missing in %s", key, other.lang))
			continue
		}
		if want, got := placeholders(ref.flat[key]), placeholders(msg); !slices.Equal(want, got) {
			errs = append(errs, fmt.Errorf("%s: placeholders %v in %s but %v in %s", key, want, ref.lang, got, other.lang))
		}
	}
	for _, key := range slices.Sorted(maps.Keys(other.flat)) {
		if _, ok := ref.flat[key]; !ok {
			errs = append(errs, fmt.Errorf("%s: missing in %s", key, ref.lang))
		}
	}
	return errors.Join(errs...)
}
