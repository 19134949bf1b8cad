package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"estimator/store"
)

// TestListVersionChangesWithEveryTaskWrite: the list's version changes when a task is created,
// changed in anything its page shows (and so in anything the list shows) or deleted, and stays
// the same for reads and for renewing a job's lease.
func TestListVersionChangesWithEveryTaskWrite(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			version := func() int64 {
				t.Helper()
				v, err := s.ListVersion(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			last := version()
			changed := func(what string) {
				t.Helper()
				if v := version(); v <= last {
					t.Errorf("%s: list version %d, was %d", what, v, last)
				} else {
					last = v
				}
			}

			id := createTask(t, s, newTestTask("Shop", "ACME", "Login"), t0)
			changed("creating a task")
			if err := s.EnqueueQuestions(ctx, id, 1, t0); err != nil {
				t.Fatal(err)
			}
			changed("queueing its questions")
			job, err := s.ClaimJob(ctx, "w", testLease, t0)
			if err != nil {
				t.Fatal(err)
			}
			changed("claiming a job (the task's status)")
			if err := s.RenewLease(ctx, job, testLease, t0.Add(time.Second)); err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.ListTasks(ctx, "", 50, 0); err != nil {
				t.Fatal(err)
			}
			if v := version(); v != last {
				t.Errorf("renewing a lease or reading the list changed the list version")
			}
			if err := s.CompleteQuestionsJob(ctx, job, nil, t0); err != nil {
				t.Fatal(err)
			}
			changed("finishing the questions")
			startRun(t, s, id, t0)
			changed("starting a run")
			completeRun(t, s, id, t0)
			changed("finishing the run (the list shows its total)")
			if err := s.SaveIssuer(ctx, store.Issuer{Company: "ACME", PaymentTerms: "月末締め翌月末払い", ValidityDays: 30, NumberFormat: "YYYYMM-NNNN"}, t0); err != nil {
				t.Fatal(err)
			}
			changed("saving the issuer")
			if err := s.DeleteTask(ctx, id, userDeletion()); err != nil {
				t.Fatal(err)
			}
			changed("deleting the task")
		})
	}
}

// TestListVersionUnderConcurrentWrites: with every task write now also updating the list's one
// row, writers on different tasks, and the issuer's change of every task, still never wait for
// each other in a cycle (on PostgreSQL a deadlock would fail a write with 40P01), and the version
// ends higher than it started.
func TestListVersionUnderConcurrentWrites(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			before, err := s.ListVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make(chan error, 64)
			for w := range 6 {
				wg.Go(func() {
					for i := range 5 {
						id, err := s.CreateTask(ctx, newTestTask(fmt.Sprintf("T%d-%d", w, i), "ACME", "Login", "Cart"), t0)
						if err == nil {
							err = s.EnqueueQuestions(ctx, id, 1, t0)
						}
						if err == nil && i%2 == 1 {
							err = s.DeleteTask(ctx, id, userDeletion())
						}
						if err != nil {
							errs <- err
							return
						}
					}
				})
			}
			wg.Go(func() {
				for i := range 5 {
					if err := s.SaveIssuer(ctx, store.Issuer{Company: fmt.Sprint("ACME ", i), ValidityDays: 30, NumberFormat: "YYYYMM-NNNN"}, t0); err != nil {
						errs <- err
						return
					}
				}
			})
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			if after, err := s.ListVersion(ctx); err != nil || after <= before {
				t.Errorf("list version %d after concurrent writes (err %v), was %d", after, err, before)
			}
		})
	}
}
