package handlers

import (
	"context"
	"net/http"
	"testing"

	"estimator/store"
)

// TestDeleteTaskRecordsClient checks the audit record of a deletion through the router: the client
// is the browser's address that the trusted proxy forwarded, and nothing of the task's content.
func TestDeleteTaskRecordsClient(t *testing.T) {
	e := newTestEnv(t, nil)
	ids := seedTasks(t, e, 1, func(int) (string, string) { return "Confidential", "ACME" })
	resp, _ := e.post(t, "/tasks/"+ids[0]+"/delete", nil, nil, "X-Forwarded-For: 203.0.113.9")
	wantStatus(t, resp, http.StatusSeeOther)
	records, err := e.store.TaskDeletions(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 1 {
		t.Fatalf("%d audit records, want 1", len(records))
	}
	r := records[0]
	if r.TaskID != ids[0] || r.By != store.DeletedByUser || r.Client != "203.0.113.9" || r.LineCount != 2 || r.Reason == "" {
		t.Errorf("audit record %+v", r)
	}
}
