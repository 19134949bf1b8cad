package handlers

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"estimator/store"
	"estimator/views"
)

// TestQuestionsOfflineOffered: when the model could not write a task's questions (here: the
// spending cap), the page says why and offers the offline engine, whose questions then arrive.
func TestQuestionsOfflineOffered(t *testing.T) {
	e := newTestEnv(t, func(d *Deps) { d.Engine = views.Engine{Offline: false, Model: "gpt-4o-mini"} })
	ctx := t.Context()
	ids := seedTasks(t, e, 1, func(int) (string, string) { return "受発注システム", "株式会社サンプル" })
	id := ids[0]
	if err := e.store.EnqueueQuestions(ctx, id, 1, time.Now()); err != nil {
		t.Fatal(err)
	}
	job, err := e.store.ClaimJob(ctx, "test", time.Minute, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.FailJob(ctx, job, "cap", store.CodeCostCap, time.Now()); err != nil {
		t.Fatal(err)
	}

	_, body := e.get(t, "/tasks/"+id+"?lang=ja")
	doc := parseHTML(t, body)
	if msg := doc.Find(".notice-error").Text(); !strings.Contains(msg, "利用上限") {
		t.Errorf("the page does not say the cap is reached: %q", msg)
	}
	action := "/tasks/" + id + "/questions?engine=offline"
	if doc.Find(`form[action="`+action+`"]`).Length() != 1 {
		t.Fatalf("no offline questions button (%s)", action)
	}

	e.startWorkers(t)
	resp, _ := e.postRaw(t, action, "application/x-www-form-urlencoded", strings.NewReader(""))
	wantStatus(t, resp, http.StatusSeeOther)
	e.waitStatus(t, id, store.StatusAwaitingAnswers)
}
