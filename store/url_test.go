package store_test

import (
	"strings"
	"testing"

	"estimator/store"
)

const sqliteParams = "?_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_txlock=immediate&_synchronous=NORMAL&_stmt_cache_size=128&_cache_size=-8000"

func TestParseURL(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want store.Target
	}{
		{"PredecessorRelative", "sqlite:///./app.db", store.Target{Dialect: "sqlite", DSN: "file:app.db" + sqliteParams, Path: "app.db"}},
		{"RelativeDir", "sqlite:///data/app.db", store.Target{Dialect: "sqlite", DSN: "file:data/app.db" + sqliteParams, Path: "data/app.db"}},
		{"Absolute", "sqlite:////var/lib/estimator/app.db", store.Target{Dialect: "sqlite", DSN: "file:/var/lib/estimator/app.db" + sqliteParams, Path: "/var/lib/estimator/app.db"}},
		{"SchemeCase", "SQLite:///app.db", store.Target{Dialect: "sqlite", DSN: "file:app.db" + sqliteParams, Path: "app.db"}},
		{"PlainFile", "app.db", store.Target{Dialect: "sqlite", DSN: "file:app.db" + sqliteParams, Path: "app.db"}},
		{"PlainDotSlash", "./data/app.db", store.Target{Dialect: "sqlite", DSN: "file:data/app.db" + sqliteParams, Path: "data/app.db"}},
		{"PlainAbsolute", "/var/lib/x/app.db", store.Target{Dialect: "sqlite", DSN: "file:/var/lib/x/app.db" + sqliteParams, Path: "/var/lib/x/app.db"}},
		{"Spaces", "  app.db\n", store.Target{Dialect: "sqlite", DSN: "file:app.db" + sqliteParams, Path: "app.db"}},
		{"ColonAfterSlash", "./a:b.db", store.Target{Dialect: "sqlite", DSN: "file:a:b.db" + sqliteParams, Path: "a:b.db"}},
		{"Escaped", "/srv/my data/#1?%.db", store.Target{Dialect: "sqlite", DSN: "file:/srv/my%20data/%231%3F%25.db" + sqliteParams, Path: "/srv/my data/#1?%.db"}},
		{"NoAuthority", "sqlite://///srv/app.db", store.Target{Dialect: "sqlite", DSN: "file:/srv/app.db" + sqliteParams, Path: "/srv/app.db"}},
		{"Postgres", "postgres://u:p@db:5432/est?sslmode=disable", store.Target{Dialect: "postgres", DSN: "postgres://u:p@db:5432/est?sslmode=disable"}},
		{"PostgreSQL", "postgresql://db/est", store.Target{Dialect: "postgres", DSN: "postgresql://db/est"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := store.ParseURL(tt.in)
			if err != nil {
				t.Fatalf("ParseURL(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseURL(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseURLRejects(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantMsg string // part of the message that tells the operator what to do
	}{
		{"Empty", "", "expected sqlite:///"},
		{"Blank", "   ", "expected sqlite:///"},
		{"MySQL", "mysql://u@h/db", `unsupported scheme "mysql"; expected`},
		{"HTTP", "http://example.com/app.db", `unsupported scheme "http"`},
		{"FileURI", "file:app.db", `unsupported scheme "file"`},
		{"SQLiteNoPath", "sqlite://", "three slashes"},
		{"SQLiteEmptyPath", "sqlite:///", "three slashes"},
		{"SQLiteTwoSlashes", "sqlite://app.db", "three slashes"},
		{"SQLiteOpaque", "sqlite:app.db", "three slashes"},
		{"SQLiteParams", "sqlite:///app.db?mode=ro", "give only the file path"},
		{"Directory", "foo/", "names a directory"},
		{"SQLiteDirectory", "sqlite:///data/", "names a directory"},
		{"Dot", ".", "names a directory"},
		{"DotDot", "data/..", "names a directory"},
		{"Memory", ":memory:", "in-memory SQLite is not supported"},
		{"SQLiteMemory", "sqlite:///:memory:", "in-memory SQLite is not supported"},
		{"NUL", "app\x00.db", "NUL"},
		{"BadPostgres", "postgres://u:secret@db:port/x", "malformed postgres URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := store.ParseURL(tt.in)
			if err == nil {
				t.Fatalf("ParseURL(%q) = %+v, want an error", tt.in, got)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "store: parse database URL: ") || !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("ParseURL(%q) error %q, want it to contain %q", tt.in, msg, tt.wantMsg)
			}
			if strings.Contains(msg, "secret") {
				t.Errorf("ParseURL(%q) error %q repeats the password", tt.in, msg)
			}
		})
	}
}

func TestValidSchemaName(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"estimator", true},
		{"_x", true},
		{"Tenant_01", true},
		{strings.Repeat("a", 63), true},
		{"", false},
		{strings.Repeat("a", 64), false},
		{"1abc", false},
		{"a-b", false},
		{"a b", false},
		{`a"b`, false},
		{"public;drop", false},
		{"スキーマ", false},
	}
	for _, tt := range tests {
		if got := store.ValidSchemaName(tt.in); got != tt.want {
			t.Errorf("ValidSchemaName(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
