package store

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestDecodePlainList checks that the fast path decodes what encoding/json decodes, and leaves to
// it whatever it does not handle itself.
func TestDecodePlainList(t *testing.T) {
	for _, s := range []string{
		`[]`, ` [ ] `, `["画面数は30程度","既存データの移行は対象外"]`, `[ "a" , "b" ]`, `[""]`, "[\"a\"]\n",
		`["a\"b"]`, `["\u00e9"]`, "[\"tab\there\"]", `["a",]`, `["a" "b"]`, `["a"`, `[`, `[1]`, `["a"]x`,
		`{"a":1}`, `null`, ``, "[\"\xff\"]", `["a"],`,
	} {
		var want []string
		werr := json.Unmarshal([]byte(s), &want)
		got, ok := decodePlainList(s)
		if ok && (werr != nil || !sameList(got, want)) {
			t.Errorf("decodePlainList(%q) = %q, want %q (%v)", s, got, want, werr)
		}
		if list, err := decodeList(s); (err == nil) != (werr == nil) || err == nil && !sameList(list, want) {
			t.Errorf("decodeList(%q) = %q, %v; want %q, %v", s, list, err, want, werr)
		}
	}
	if _, ok := decodePlainList(`["a","b"]`); !ok {
		t.Error("a plain list is not decoded by the fast path")
	}
}

func FuzzDecodePlainList(f *testing.F) {
	for _, s := range []string{`[]`, `["a","b"]`, `[ "x" ]`, `["a\"b"]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := decodePlainList(s)
		if !ok {
			return
		}
		var want []string
		if err := json.Unmarshal([]byte(s), &want); err != nil || !sameList(got, want) {
			t.Errorf("decodePlainList(%q) = %q, json %q (%v)", s, got, want, err)
		}
	})
}

// sameList compares two lists, nil and empty alike.
func sameList(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}
