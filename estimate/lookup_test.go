package estimate

import (
	"reflect"
	"testing"
)

func TestLineIndex(t *testing.T) {
	doc, _ := samples()
	doc.Lines = append(doc.Lines, line(100, 10)) // no key
	for key, want := range map[string]int{"line-1": 0, "line-6": 5, "line-7": -1, "LINE-1": -1, "": -1} {
		if got := doc.LineIndex(key); got != want {
			t.Errorf("LineIndex(%q) = %d, want %d", key, got, want)
		}
	}
}

func TestKeysMatching(t *testing.T) {
	doc := Document{Lines: []Line{
		keyed("k1", "外部ＡＰＩ連携", 100, High, 10),
		keyed("k2", "REST api gateway", 100, High, 10),
		keyed("k3", "ログイン機能", 100, High, 10),
		keyed("", "API without a key", 100, High, 10),
		keyed("k5", "ｶﾅ入力", 100, High, 10), // half-width katakana
	}}
	tests := []struct {
		keyword string
		want    []string
	}{
		{"api", []string{"k1", "k2"}},
		{"API", []string{"k1", "k2"}},
		{"ＡＰＩ", []string{"k1", "k2"}},
		{"  Api\u3000", []string{"k1", "k2"}},
		{"ログイン", []string{"k3"}},
		{"カナ", []string{"k5"}},
		{"gateway", []string{"k2"}},
		{"batch", nil},
		{"", nil},
		{" \u3000\t", nil},
	}
	for _, tt := range tests {
		if got := doc.KeysMatching(tt.keyword); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("KeysMatching(%q) = %q, want %q", tt.keyword, got, tt.want)
		}
	}
}
