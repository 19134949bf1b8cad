package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// keyLiteral matches a quoted dotted key such as "nav.estimates" in Go or templ source.
var keyLiteral = regexp.MustCompile(`"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)"`)

// dynamicPrefixes are keys built at run time from a fixed prefix and a code ("lang." + code,
// "status." + a task status, "import.error." + an upload problem …).
var dynamicPrefixes = []string{"lang.", "status.", "templates.", "standard_deliverables.", "import.note.", "import.error.",
	"form.honorific_", "form.currency_", "phase.", "confidence.", "estimate.line_error.", "estimate.error.",
	"revisions.kind.", "compare.state.", "adjust.form_title.", "adjust.form_submit.", "adjust.tax.", "adjust.method.",
	"adjust.error_cap_unreachable.", "notes.budget.", "chat.error.", "chat.role_", "estimate.check."}

// sourceDirs are the packages that show text to users.
var sourceDirs = []string{"../handlers", "../views"}

// TestCatalogMatchesSource reads the Go and templ sources that show text: every key they name must
// be in the catalog, and every catalog key must be named somewhere, so the catalog carries no dead
// text and no page shows ⟦key⟧.
func TestCatalogMatchesSource(t *testing.T) {
	keys := mustLoad(t).Keys(English)
	used := map[string]bool{}
	for _, dir := range sourceDirs {
		if err := scanKeys(t, dir, keys, used); err != nil {
			t.Fatal(err)
		}
	}
	for _, key := range keys {
		dynamic := slices.ContainsFunc(dynamicPrefixes, func(p string) bool { return strings.HasPrefix(key, p) })
		if !used[key] && !dynamic {
			t.Errorf("catalog key %q is used nowhere in the source", key)
		}
	}
}

// scanKeys records in used every catalog key that the sources under dir name.
func scanKeys(t *testing.T, dir string, keys []string, used map[string]bool) error {
	namespaces := map[string]bool{}
	for _, k := range keys {
		ns, _, _ := strings.Cut(k, ".")
		namespaces[ns] = true
	}
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		generated := strings.HasSuffix(path, "_templ.go")
		if d.IsDir() || generated || strings.HasSuffix(path, "_test.go") ||
			!(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".templ")) {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyLiteral.FindAllStringSubmatch(string(src), -1) {
			key := m[1]
			ns, _, _ := strings.Cut(key, ".")
			if !namespaces[ns] || strings.HasSuffix(key, "_") {
				continue // a file name such as "deliverables.csv", or the fixed part of a built key
			}
			used[key] = true
			if _, found := slices.BinarySearch(keys, key); !found {
				t.Errorf("%s names %q, which is not in the catalog", path, key)
			}
		}
		return nil
	})
}
