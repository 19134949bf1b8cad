package store_test

import (
	"errors"
	"testing"
	"time"

	"estimator/store"
)

func TestQuote(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, jst)
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			a := createTask(t, s, newTestTask("A", "ACME"), now)
			b := createTask(t, s, newTestTask("B", "ACME"), now)
			if q, ok, err := s.Quote(ctx, a); err != nil || ok || q != (store.Quote{}) {
				t.Fatalf("Quote before any save = %+v, %v, %v; want zero, false, nil", q, ok, err)
			}
			in := store.Quote{
				Number: "202612-0100", IssueDate: "2026-12-03", ValidUntil: "2027-01-02",
				Title: "基幹システム刷新", Addressee: "株式会社サンプル", Honorific: "onchu",
				Delivery: "受注後3か月", PaymentTerms: "月末締め翌月末払い", Remarks: "要件定義後に再見積り\n交通費別途",
			}
			if err := s.SaveQuote(ctx, a, in, now); err != nil {
				t.Fatal(err)
			}
			got, ok, err := s.Quote(ctx, a)
			want := in
			want.UpdatedAt = now.UTC()
			if err != nil || !ok || got != want {
				t.Errorf("Quote = %+v, %v, %v\nwant %+v", got, ok, err, want)
			}

			t.Run("NumberTaken", func(t *testing.T) {
				err := s.SaveQuote(ctx, b, store.Quote{Number: in.Number}, now)
				if !errors.Is(err, store.ErrConflict) {
					t.Errorf("SaveQuote with another task's number: %v, want ErrConflict", err)
				}
				if _, ok, _ := s.Quote(ctx, b); ok {
					t.Error("the refused quote was stored")
				}
			})
			t.Run("ManyWithoutNumber", func(t *testing.T) {
				for _, id := range []string{b, a} {
					if err := s.SaveQuote(ctx, id, store.Quote{Title: "no number"}, now); err != nil {
						t.Fatalf("SaveQuote without a number: %v", err)
					}
				}
				if q, _, _ := s.Quote(ctx, a); q.Number != "" || q.Title != "no number" {
					t.Errorf("after clearing: %+v", q)
				}
			})
			t.Run("Rejects", func(t *testing.T) {
				for name, q := range map[string]store.Quote{
					"IssueDate":  {IssueDate: "2026-13-01"},
					"ValidUntil": {ValidUntil: "3 Jan 2027"},
					"Honorific":  {Honorific: "dono"},
				} {
					if err := s.SaveQuote(ctx, a, q, now); err == nil {
						t.Errorf("%s: SaveQuote(%+v) succeeded", name, q)
					}
				}
				missing := "00000000-0000-4000-8000-000000000000"
				if err := s.SaveQuote(ctx, missing, store.Quote{}, now); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("SaveQuote for a missing task: %v, want ErrNotFound", err)
				}
			})
			t.Run("DeletedWithTask", func(t *testing.T) {
				if err := s.DeleteTask(ctx, a, userDeletion()); err != nil {
					t.Fatal(err)
				}
				if _, ok, err := s.Quote(ctx, a); ok || err != nil {
					t.Errorf("Quote after deleting the task: ok %v, %v", ok, err)
				}
			})
		})
	}
}

func TestQuoteDates(t *testing.T) {
	today := time.Date(2026, 12, 20, 15, 4, 5, 0, jst)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, jst) }
	for _, tc := range []struct {
		name        string
		q           store.Quote
		issue, till time.Time
	}{
		{"Defaults", store.Quote{}, day(2026, 12, 20), day(2027, 1, 19)},
		{"IssueSet", store.Quote{IssueDate: "2026-11-30"}, day(2026, 11, 30), day(2026, 12, 30)},
		{"BothSet", store.Quote{IssueDate: "2026-11-30", ValidUntil: "2026-12-31"}, day(2026, 11, 30), day(2026, 12, 31)},
	} {
		issue, till := tc.q.Dates(30, today)
		if !issue.Equal(tc.issue) || !till.Equal(tc.till) {
			t.Errorf("%s: Dates = %v, %v; want %v, %v", tc.name, issue, till, tc.issue, tc.till)
		}
	}
}

func TestFormatQuoteNumber(t *testing.T) {
	date := time.Date(2026, 3, 31, 23, 0, 0, 0, jst)
	for _, tc := range []struct {
		format string
		serial int64
		want   string
	}{
		{"YYYYMM-NNNN", 1, "202603-0001"},
		{"", 12, "202603-0012"},
		{"YYYYMM-NNNN", 12345, "202603-12345"}, // never cut
		{"Q-YYMM-NNN", 7, "Q-2603-007"},
		{"YYYY-N", 42, "2026-42"},
		{"YYYYMM", 3, "202603-0003"},      // no serial: -NNNN appended
		{"EST.yyyy.NN", 5, "EST.yyyy.05"}, // tokens are upper case
		{"YYYYY", 1, "2026Y-0001"},
	} {
		if got := store.FormatQuoteNumber(tc.format, date, tc.serial); got != tc.want {
			t.Errorf("FormatQuoteNumber(%q, %d) = %q, want %q", tc.format, tc.serial, got, tc.want)
		}
	}
}

func TestCheckQuoteNumberFormat(t *testing.T) {
	for format, want := range map[string]error{
		"":                                  nil,
		"YYYYMM-NNNN":                       nil,
		"EST_YY.MM-NNNNNN":                  nil,
		"YYYYMM":                            nil,
		"YYYY/MM-NNNN":                      store.ErrFormatChars,
		"見積YYYYMM-NNNN":                     store.ErrFormatChars,
		"YYYY MM":                           store.ErrFormatChars,
		"NN-YYYY-NN":                        store.ErrFormatSerials,
		"YYYYMM-NNNN-ABCDEFGHIJKLMNOPQRSTU": store.ErrFormatTooLong,
	} {
		if err := store.CheckQuoteNumberFormat(format); !errors.Is(err, want) {
			t.Errorf("CheckQuoteNumberFormat(%q) = %v, want %v", format, err, want)
		}
	}
}
