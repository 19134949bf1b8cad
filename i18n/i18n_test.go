package i18n

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func mustLoad(tb testing.TB) *Bundle {
	tb.Helper()
	b, err := Load()
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return b
}

func TestCatalogFiles(t *testing.T) {
	b := mustLoad(t)

	t.Run("SameKeys", func(t *testing.T) {
		if ja, en := b.Keys(Japanese), b.Keys(English); !slices.Equal(ja, en) {
			t.Errorf("key sets differ:\nja %v\nen %v", ja, en)
		}
	})
	t.Run("SamePlaceholders", func(t *testing.T) {
		if err := compareCatalogs(b.catalogs[English], b.catalogs[Japanese]); err != nil {
			t.Error(err)
		}
	})
	t.Run("NonEmpty", func(t *testing.T) {
		for _, lang := range []string{Japanese, English} {
			for _, key := range b.Keys(lang) {
				if strings.TrimSpace(b.T(lang, key)) == "" {
					t.Errorf("%s %s: empty value", lang, key)
				}
			}
		}
	})
	t.Run("SharedValues", func(t *testing.T) {
		// The product name and the language names read the same whatever the UI language.
		for key, want := range map[string]string{"app.name": "Estimator", "lang.ja": "日本語", "lang.en": "English"} {
			for _, lang := range []string{Japanese, English} {
				if got := b.T(lang, key); got != want {
					t.Errorf("T(%s, %s) = %q, want %q", lang, key, got, want)
				}
			}
		}
	})
}

func TestLoadRejects(t *testing.T) {
	const good = `{"a": {"b": "x {n}"}}`
	tests := []struct {
		name, ja, en, want string
	}{
		{"BadJSON", `{"a": {"b": "x {n}"}`, good, "locales/ja.json"},
		{"NotObject", `["x"]`, good, "top level must be an object"},
		{"NumberLeaf", `{"a": {"b": 1}}`, good, "a.b: value must be"},
		{"ArrayLeaf", `{"a": {"b": ["x"]}}`, good, "a.b: value must be"},
		{"NullLeaf", `{"a": {"b": null}}`, good, "a.b: value must be"},
		{"EmptyValue", `{"a": {"b": " "}}`, good, "a.b: empty value"},
		{"EmptyObject", `{"a": {"b": "x {n}"}, "c": {}}`, good, "c: empty object"},
		{"NoMessages", `{}`, good, "no messages"},
		{"Duplicate", `{"a": {"b": "x {n}", "b": "y {n}"}}`, good, "a.b: duplicate key"},
		{"DottedKey", `{"a": {"b": "x {n}"}, "c.d": "y"}`, good, "no dot"},
		{"Trailing", `{"a": {"b": "x {n}"}} {}`, good, "after the top-level object"},
		{"ExtraKey", `{"a": {"b": "x {n}", "c": "y"}}`, good, "a.c: missing in en"},
		{"MissingKey", `{"a": {"c": "x {n}"}}`, good, "a.b: missing in ja"},
		{"Placeholder", `{"a": {"b": "x {m}"}}`, good, "a.b: placeholders [n] in en but [m] in ja"},
		{"MissingFile", "", good, "read locales/ja.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"locales/en.json": {Data: []byte(tt.en)}}
			if tt.ja != "" {
				fsys["locales/ja.json"] = &fstest.MapFile{Data: []byte(tt.ja)}
			}
			_, err := load(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("load: error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestCompareCatalogs(t *testing.T) {
	ref := catalog{lang: English, flat: map[string]string{
		"a": "{x} and {y}",
		"b": "plain",
		"c": "{x}",
	}}
	t.Run("Equal", func(t *testing.T) {
		other := catalog{lang: Japanese, flat: map[string]string{
			"a": "{y}と{x}と{x}", // order and repetition do not matter, names do
			"b": "ただの文",
			"c": "{x}",
		}}
		if err := compareCatalogs(ref, other); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Mismatch", func(t *testing.T) {
		other := catalog{lang: Japanese, flat: map[string]string{
			"a": "{x}だけ",
			"c": "{x}",
			"d": "余分",
		}}
		err := compareCatalogs(ref, other)
		if err == nil {
			t.Fatal("want an error")
		}
		for _, want := range []string{
			"a: placeholders [x y] in en but [x] in ja",
			"b: missing in ja",
			"d: missing in en",
		} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q lacks %q", err, want)
			}
		}
		if strings.Contains(err.Error(), "c:") {
			t.Errorf("error %q reports the matching key c", err)
		}
	})
}

func TestT(t *testing.T) {
	b := mustLoad(t)
	tests := []struct {
		name, lang, key string
		args            []any
		want            string
	}{
		{"Plain", English, "nav.new_estimate", nil, "New estimate"},
		{"PlainJapanese", Japanese, "nav.new_estimate", nil, "新規見積り"},
		{"Arg", English, "footer.engine_model", []any{"model", "gpt-4o-mini"}, "gpt-4o-mini (OpenAI-compatible)"},
		{"ArgJapanese", Japanese, "footer.engine_model", []any{"model", "gpt-4o-mini"}, "gpt-4o-mini（OpenAI互換）"},
		{"NonStringValue", English, "footer.engine_model", []any{"model", 10}, "10 (OpenAI-compatible)"},
		{"UnusedArg", English, "footer.engine_model", []any{"other", 1, "model", 8}, "8 (OpenAI-compatible)"},
		{"MissingArg", English, "footer.engine_model", nil, "{model} (OpenAI-compatible)"},
		{"OtherArgOnly", English, "footer.engine_model", []any{"other", 1}, "{model} (OpenAI-compatible)"},
		{"NameWithoutValue", English, "footer.engine_model", []any{"model"}, "{model} (OpenAI-compatible)"},
		{"NonStringName", English, "footer.engine_model", []any{1, 2}, "{model} (OpenAI-compatible)"},
		{"NoReexpansion", English, "footer.version", []any{"version", "{version}"}, "Version {version}"},
		{"MissingKey", English, "no.such_key", nil, "⟦no.such_key⟧"},
		{"Branch", English, "nav", nil, "⟦nav⟧"},
		{"UnsupportedLang", "fr", "nav.new_estimate", nil, "新規見積り"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := b.T(tt.lang, tt.key, tt.args...); got != tt.want {
				t.Errorf("T(%q, %q, %v) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
			}
		})
	}
}

func TestSubstitute(t *testing.T) {
	tests := []struct{ msg, want string }{
		{"{a}{b}", "1{b}"},
		{"{{a}}", "{1}"},
		{"{ a } {} {a-b} {", "{ a } {} {a-b} {"},
		{"x {a} y {a}", "x 1 y 1"},
		{"}{a", "}{a"},
	}
	for _, tt := range tests {
		if got := substitute(tt.msg, []any{"a", 1}); got != tt.want {
			t.Errorf("substitute(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}

func TestTree(t *testing.T) {
	b := mustLoad(t)
	tree := b.Tree(English)
	nav, ok := tree["nav"].(map[string]any)
	if !ok || nav["new_estimate"] != "New estimate" {
		t.Fatalf(`Tree(en)["nav"] = %v`, tree["nav"])
	}
	if ja := b.Tree(Japanese)["nav"].(map[string]any)["new_estimate"]; ja != "新規見積り" {
		t.Errorf("Tree(ja) nav.new_estimate = %v", ja)
	}
	nav["new_estimate"] = "changed"
	delete(tree, "app")
	if got := b.T(English, "nav.new_estimate"); got != "New estimate" {
		t.Errorf("changing the copy changed the bundle: %q", got)
	}
	if _, ok := b.Tree(English)["app"]; !ok {
		t.Error("deleting from the copy deleted from the bundle")
	}
	if got := countLeaves(b.Tree(Japanese)); got != len(b.Keys(Japanese)) {
		t.Errorf("tree has %d leaves, want %d", got, len(b.Keys(Japanese)))
	}
}

func countLeaves(node map[string]any) int {
	n := 0
	for _, v := range node {
		if child, ok := v.(map[string]any); ok {
			n += countLeaves(child)
		} else {
			n++
		}
	}
	return n
}

func TestKeysSorted(t *testing.T) {
	keys := mustLoad(t).Keys(English)
	if !slices.IsSorted(keys) || len(keys) < 10 {
		t.Errorf("Keys(en) = %v", keys)
	}
}
