package store_test

import (
	"errors"
	"testing"
	"time"

	"estimator/store"
)

// userDeletion is how the tests that are not about the audit record delete a task.
func userDeletion() store.Deletion {
	return store.Deletion{By: store.DeletedByUser, Client: "192.0.2.1", Reason: "test", At: time.Now()}
}

func TestDeleteTaskWritesAuditRecord(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			created := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
			id := createTask(t, s, newTestTask("Secret project", "ACME", "A", "B", "C"), created)
			at := created.Add(48 * time.Hour)
			d := store.Deletion{By: store.DeletedByUser, Client: "203.0.113.7", Reason: "deleted from the task page", At: at}

			if err := s.DeleteTask(ctx, id, store.Deletion{By: "someone", At: at}); err == nil {
				t.Fatal("an unknown deleter was accepted")
			}
			if _, err := s.Task(ctx, id); err != nil {
				t.Fatalf("a refused deletion deleted the task: %v", err)
			}
			if err := s.DeleteTask(ctx, id, d); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteTask(ctx, id, d); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("deleting it again: %v, want ErrNotFound", err)
			}

			records, err := s.TaskDeletions(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			want := store.TaskDeletion{TaskID: id, TaskStatus: store.StatusGeneratingQuestions, LineCount: 3,
				TaskCreatedAt: created, Deletion: d}
			if len(records) != 1 {
				t.Fatalf("%d audit records, want 1: %+v", len(records), records)
			}
			got := records[0]
			want.ID = got.ID
			if got != want {
				t.Errorf("audit record\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestTaskDeletionsNewestFirst(t *testing.T) {
	for _, s := range openMigratedStores(t) {
		t.Run(s.Dialect(), func(t *testing.T) {
			ctx := t.Context()
			base := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
			var ids []string
			for i, by := range []string{store.DeletedByAdmin, store.DeletedByRetention, store.DeletedByUser} {
				id := createTask(t, s, newTestTask("T", "C"), base)
				ids = append(ids, id)
				d := store.Deletion{By: by, Reason: "r", At: base.Add(time.Duration(i) * time.Hour)}
				if err := s.DeleteTask(ctx, id, d); err != nil {
					t.Fatal(err)
				}
			}
			records, err := s.TaskDeletions(ctx, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(records) != 2 || records[0].TaskID != ids[2] || records[1].TaskID != ids[1] ||
				records[0].By != store.DeletedByUser || records[1].By != store.DeletedByRetention {
				t.Errorf("the two newest records: %+v", records)
			}
		})
	}
}
