package i18n

import (
	"context"
	"testing"
)

func TestLocale(t *testing.T) {
	b := mustLoad(t)
	tests := []struct{ lang, want, title string }{
		{English, English, "New estimate"},
		{Japanese, Japanese, "新規見積り"},
		{"fr", Japanese, "新規見積り"},
		{"", Japanese, "新規見積り"},
		{"EN", Japanese, "新規見積り"},
	}
	for _, tt := range tests {
		l := b.Locale(tt.lang)
		if l.Lang() != tt.want {
			t.Errorf("Locale(%q).Lang() = %q, want %q", tt.lang, l.Lang(), tt.want)
		}
		if got := l.T("nav.new_estimate"); got != tt.title {
			t.Errorf("Locale(%q).T = %q, want %q", tt.lang, got, tt.title)
		}
	}
	if got := b.Locale(English).T("footer.version", "version", 20); got != "Version 20" {
		t.Errorf("Locale.T with args = %q", got)
	}
}

func TestZeroLocale(t *testing.T) {
	var l Locale
	if l.Lang() != Japanese {
		t.Errorf("zero Locale Lang() = %q", l.Lang())
	}
	if got := l.T("nav.new_estimate"); got != "⟦nav.new_estimate⟧" {
		t.Errorf("zero Locale T = %q", got)
	}
}

func TestContext(t *testing.T) {
	b := mustLoad(t)

	t.Run("None", func(t *testing.T) {
		ctx := context.Background()
		if _, ok := LocaleFrom(ctx); ok {
			t.Error("LocaleFrom reported a locale on an empty context")
		}
		if got := T(ctx, "nav.new_estimate"); got != "⟦nav.new_estimate⟧" {
			t.Errorf("T = %q", got)
		}
		if got := Lang(ctx); got != Japanese {
			t.Errorf("Lang = %q", got)
		}
	})
	t.Run("English", func(t *testing.T) {
		ctx := WithLocale(context.Background(), b.Locale(English))
		l, ok := LocaleFrom(ctx)
		if !ok || l.Lang() != English {
			t.Fatalf("LocaleFrom = %v, %v", l, ok)
		}
		if got := T(ctx, "footer.version", "version", "1.2.3"); got != "Version 1.2.3" {
			t.Errorf("T = %q", got)
		}
		if got := T(ctx, "no.such_key"); got != "⟦no.such_key⟧" {
			t.Errorf("T missing = %q", got)
		}
		if got := Lang(ctx); got != English {
			t.Errorf("Lang = %q", got)
		}
	})
	t.Run("Overridden", func(t *testing.T) {
		ctx := WithLocale(WithLocale(context.Background(), b.Locale(English)), b.Locale(Japanese))
		if got := T(ctx, "nav.new_estimate"); got != "新規見積り" {
			t.Errorf("T = %q", got)
		}
	})
}
