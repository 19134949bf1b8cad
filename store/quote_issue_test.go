package store_test

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"estimator/store"
)

// issue calls IssueQuoteNumber and fails the test on error.
func issue(t *testing.T, s *store.Store, taskID, format string, today time.Time) string {
	t.Helper()
	n, err := s.IssueQuoteNumber(t.Context(), taskID, format, today)
	if err != nil {
		t.Fatalf("IssueQuoteNumber(%s, %q): %v", taskID, format, err)
	}
	return n
}

func TestIssueQuoteNumber(t *testing.T) {
	dec := time.Date(2026, 12, 31, 23, 30, 0, 0, jst) // already January in UTC: the zone given counts
	jan := time.Date(2027, 1, 4, 9, 0, 0, 0, jst)
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			ids := make([]string, 6)
			for i := range ids {
				ids[i] = createTask(t, s, newTestTask(fmt.Sprint("T", i), "ACME"), dec)
			}
			if got := issue(t, s, ids[0], "", dec); got != "202612-0001" {
				t.Errorf("first number = %q, want 202612-0001", got)
			}
			// Idempotent, whatever the later format and date.
			if got := issue(t, s, ids[0], "Q-YY-NN", jan); got != "202612-0001" {
				t.Errorf("second issue for the same task = %q, want the first number again", got)
			}
			if got := issue(t, s, ids[1], "YYYYMM-NNNN", dec); got != "202612-0002" {
				t.Errorf("second task = %q, want 202612-0002", got)
			}
			q, _, err := s.Quote(ctx, ids[0])
			if err != nil || q.Number != "202612-0001" || q.IssueDate != "2026-12-31" {
				t.Errorf("Quote after issue = %+v, %v; want the number and the issue date 2026-12-31", q, err)
			}

			t.Run("KeepsIssueDate", func(t *testing.T) {
				if err := s.SaveQuote(ctx, ids[2], store.Quote{IssueDate: "2026-12-24", Title: "kept"}, dec); err != nil {
					t.Fatal(err)
				}
				if got := issue(t, s, ids[2], "", dec); got != "202612-0003" {
					t.Errorf("number = %q, want 202612-0003", got)
				}
				if q, _, _ := s.Quote(ctx, ids[2]); q.IssueDate != "2026-12-24" || q.Title != "kept" {
					t.Errorf("Quote = %+v, want the saved issue date and title kept", q)
				}
			})
			t.Run("SkipsTypedNumber", func(t *testing.T) {
				if err := s.SaveQuote(ctx, ids[3], store.Quote{Number: "202612-0004"}, dec); err != nil {
					t.Fatal(err)
				}
				if got := issue(t, s, ids[4], "", dec); got != "202612-0005" {
					t.Errorf("number after a typed 202612-0004 = %q, want 202612-0005", got)
				}
				if got := issue(t, s, ids[3], "", dec); got != "202612-0004" {
					t.Errorf("the task with a typed number got %q, want it kept", got)
				}
			})
			t.Run("NewMonth", func(t *testing.T) {
				if got := issue(t, s, ids[5], "", jan); got != "202701-0001" {
					t.Errorf("first number of January = %q, want 202701-0001", got)
				}
			})
			t.Run("Rejects", func(t *testing.T) {
				missing := "00000000-0000-4000-8000-000000000000"
				if _, err := s.IssueQuoteNumber(ctx, missing, "", dec); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("missing task: %v, want ErrNotFound", err)
				}
				if _, err := s.IssueQuoteNumber(ctx, "not-a-task", "", dec); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("malformed id: %v, want ErrNotFound", err)
				}
				if _, err := s.IssueQuoteNumber(ctx, ids[5], "NN/NN", dec); !errors.Is(err, store.ErrFormatChars) {
					t.Errorf("bad format: %v, want ErrFormatChars", err)
				}
			})
		})
	}
}

// TestIssueQuoteNumberConcurrent issues numbers from many goroutines at once: 20 tasks get 20
// distinct, consecutive numbers, and 20 issues for one task agree on a single number.
func TestIssueQuoteNumberConcurrent(t *testing.T) {
	const n = 20
	today := time.Date(2026, 12, 1, 10, 0, 0, 0, jst)
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ids := make([]string, n)
			for i := range ids {
				ids[i] = createTask(t, s, newTestTask(fmt.Sprint("T", i), "ACME"), today)
			}
			manyTasks := concurrently(t, n, func(i int) (string, error) {
				return s.IssueQuoteNumber(t.Context(), ids[i], "", today)
			})
			slices.Sort(manyTasks)
			want := make([]string, n)
			for i := range want {
				want[i] = fmt.Sprintf("202612-%04d", i+1)
			}
			if !slices.Equal(manyTasks, want) {
				t.Errorf("numbers of %d tasks issued at once = %v, want %v", n, manyTasks, want)
			}

			one := createTask(t, s, newTestTask("one", "ACME"), today)
			oneTask := concurrently(t, n, func(int) (string, error) {
				return s.IssueQuoteNumber(t.Context(), one, "", today)
			})
			for _, got := range oneTask {
				if got != fmt.Sprintf("202612-%04d", n+1) {
					t.Fatalf("numbers of one task issued %d times at once = %v, want %d times 202612-%04d", n, oneTask, n, n+1)
				}
			}
			// No serial was used up by the calls that found the number already assigned.
			next := createTask(t, s, newTestTask("next", "ACME"), today)
			if got := issue(t, s, next, "", today); got != fmt.Sprintf("202612-%04d", n+2) {
				t.Errorf("next number = %q, want 202612-%04d", got, n+2)
			}
		})
	}
}

// concurrently runs f(0) … f(n-1) in n goroutines released together and returns their results.
func concurrently(t *testing.T, n int, f func(i int) (string, error)) []string {
	t.Helper()
	out := make([]string, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			out[i], errs[i] = f(i)
		})
	}
	close(start)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return out
}
