package handlers

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestImportSlots: with every import slot taken, a request with a file waits, then gets 503 with
// Retry-After and the form as typed; once a slot is free the same request goes through and gives
// the slot back. Forms without files never wait.
func TestImportSlots(t *testing.T) {
	e := newTestEnv(t, nil)
	e.h.imports.wait = 50 * time.Millisecond
	for range cap(e.h.imports.slots) {
		e.h.imports.slots <- struct{}{} // as if that many imports were being read
	}
	csv := &upload{"rows.csv", []byte("成果物名称,説明\nImported,from the file\n")}
	typed := baseFields(rowFields("kept", "typed")...)
	for _, tc := range []struct{ name, path, header string }{
		{"import", "/tasks/import?lang=en", ""},
		{"import-htmx", "/tasks/import?lang=en", "HX-Request: true"},
		{"create", "/tasks?lang=en", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var headers []string
			if tc.header != "" {
				headers = append(headers, tc.header)
			}
			resp, body := e.post(t, tc.path, typed, csv, headers...)
			wantStatus(t, resp, http.StatusServiceUnavailable)
			if got := resp.Header.Get("Retry-After"); got != "1" {
				t.Errorf("Retry-After %q, want the wait rounded up to whole seconds", got)
			}
			doc := parseHTML(t, body)
			if got := doc.Find("#file-error").Text(); !strings.Contains(got, "being read right now") {
				t.Errorf("file error %q", got)
			}
			if rows := filled(formRows(t, body)); len(rows) != 1 || rows[0] != [2]string{"kept", "typed"} {
				t.Errorf("typed rows lost: %q", rows)
			}
			if doc.Find("#title").AttrOr("value", "") != "基幹システム刷新" || doc.Find("#requirements").Text() != "利用者 300 名" {
				t.Error("typed fields lost")
			}
		})
	}
	if _, n, err := e.store.ListTasks(t.Context(), "", 10, 0); err != nil || n != 0 {
		t.Errorf("%d tasks stored (%v), want none", n, err)
	}
	resp, _ := e.post(t, "/tasks/form?lang=en", append(typed, field{"op", "add_rows"}), csv)
	wantStatus(t, resp, http.StatusOK) // editing the form drops the file unread: no slot needed

	<-e.h.imports.slots
	resp, body := e.post(t, "/tasks/import?lang=en", typed, csv)
	wantStatus(t, resp, http.StatusOK)
	if rows := filled(formRows(t, body)); len(rows) != 2 || rows[1][0] != "Imported" {
		t.Errorf("rows after the import: %q", rows)
	}
	if n := len(e.h.imports.slots); n != cap(e.h.imports.slots)-1 {
		t.Errorf("%d slots taken after the import, want %d: its slot was not given back", n, cap(e.h.imports.slots)-1)
	}
}

// TestImportSlotsTake: a slot is given back once however often its release is called; a request
// waits while it lasts, and then no longer than the wait.
func TestImportSlotsTake(t *testing.T) {
	if got := newImportSlots(parallelImports(), importWait).retryAfter(); got != "5" {
		t.Errorf("Retry-After %q, want 5", got)
	}
	s := newImportSlots(1, 10*time.Millisecond)
	release, err := s.take(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.take(t.Context()); !errors.Is(err, errImportsBusy) {
		t.Errorf("with the slot taken: %v, want errImportsBusy", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.take(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("a request gone while waiting: %v, want context.Canceled", err)
	}
	release()
	release()
	if len(s.slots) != 0 {
		t.Fatal("the slot was not given back")
	}
	if _, err := s.take(t.Context()); err != nil {
		t.Fatal(err)
	}
}
