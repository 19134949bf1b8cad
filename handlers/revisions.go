package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"estimator/estimate"
	"estimator/i18n"
	"estimator/store"
	"estimator/views"
)

// revisionsIndex lists the task's revisions, newest first, each with its totals and the change of
// its total against the revision it was based on.
func (h *Handler) revisionsIndex(w http.ResponseWriter, r *http.Request) error {
	t, tv, err := h.loadTask(r)
	if err != nil {
		return err
	}
	revs, totals, err := h.historyTotals(r.Context(), t.ID)
	if err != nil {
		return err
	}
	if len(revs) == 0 {
		return errNotFound
	}
	v := views.RevisionListView{TaskID: t.ID, Currency: t.Currency, Current: revs[0].Number}
	for _, rev := range revs {
		row := views.RevisionRow{
			RevisionMeta:  revisionMeta(rev, len(revs)),
			SubtotalMinor: totals[rev.Number].SubtotalMinor,
			TotalMinor:    totals[rev.Number].TotalMinor,
			Against:       rev.BaseNumber,
		}
		if rev.Kind() == store.RevisionRestore {
			// Its base is the restored revision, equal to it; what it changed is the one it replaced.
			row.Against = rev.Number - 1
		}
		if against, ok := totals[row.Against]; ok && row.Against > 0 {
			row.DeltaMinor = row.TotalMinor - against.TotalMinor
		}
		v.Rows = append(v.Rows, row)
	}
	s := h.shell(r, i18n.T(r.Context(), "revisions.title")+" – "+tv.Title, "")
	s.Flash = h.popFlash(w, r)
	return h.render(w, r, http.StatusOK, views.RevisionsPage(s, tv, v), nil)
}

// historyTotals reads the task's revisions, newest first, with the totals of each by number (from
// the figures of their lines alone).
func (h *Handler) historyTotals(ctx context.Context, taskID string) ([]store.Revision, map[int]estimate.Totals, error) {
	revs, lines, err := h.store.RevisionHistoryBrief(ctx, taskID)
	if err != nil {
		return nil, nil, err
	}
	totals := make(map[int]estimate.Totals, len(revs))
	for _, rev := range revs {
		if totals[rev.Number], err = rev.Document(lines[rev.Number]).Totals(); err != nil {
			return nil, nil, fmt.Errorf("revision %d: %w", rev.Number, err)
		}
	}
	return revs, totals, nil
}

// revisionShow shows one revision read-only.
func (h *Handler) revisionShow(w http.ResponseWriter, r *http.Request) error {
	t, tv, err := h.loadTask(r)
	if err != nil {
		return err
	}
	n, err := pathNumber(r)
	if err != nil {
		return err
	}
	rev, lines, err := h.store.Revision(r.Context(), t.ID, n)
	if err != nil {
		return err
	}
	history, err := h.store.Revisions(r.Context(), t.ID)
	if err != nil {
		return err
	}
	table, err := documentTable(t, rev.Document(lines), n, 0)
	if err != nil {
		return err
	}
	v := views.RevisionPageView{TaskID: t.ID, Meta: revisionMeta(rev, len(history)), Current: history[0].Number, Table: table}
	s := h.shell(r, i18n.T(r.Context(), "revisions.heading", "n", n)+" – "+tv.Title, "")
	return h.render(w, r, http.StatusOK, views.RevisionPage(s, tv, v), nil)
}

// lineDetail shows the breakdown and reasoning of line {pos} of revision {n}: the fragment a big
// task's collapsed details fetch when opened, or a page of its own without JavaScript. Only that
// line is read.
func (h *Handler) lineDetail(w http.ResponseWriter, r *http.Request) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	tv, err := h.taskView(r.Context(), t, false)
	if err != nil {
		return err
	}
	n, err := pathNumber(r)
	if err != nil {
		return err
	}
	pos, err := strconv.Atoi(pathPosition(r))
	if err != nil || pos < 1 {
		return errNotFound
	}
	rev, line, err := h.store.RevisionLineAt(r.Context(), t.ID, n, pos)
	if err != nil {
		return err
	}
	l := rev.Document([]store.RevisionLine{line}).Lines[0]
	amount, err := l.Amount()
	if err != nil {
		return err
	}
	v := views.LineDetailView{TaskID: t.ID, Revision: n, Currency: t.Currency, Line: resultLine(t, pos, l, amount)}
	s := h.shell(r, strconv.Itoa(pos)+". "+v.Line.Name+" – "+tv.Title, "")
	return h.render(w, r, http.StatusOK, views.LineDetailPage(s, tv, v), views.LineDetailBody(v.Line))
}

// revisionRestore makes a new revision equal to revision n: nothing is rewritten, and the
// revisions in between stay in the history.
func (h *Handler) revisionRestore(w http.ResponseWriter, r *http.Request) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	n, err := pathNumber(r)
	if err != nil {
		return err
	}
	base, err := h.formBase(w, r)
	if err != nil {
		return err
	}
	rev, lines, err := h.store.Revision(r.Context(), t.ID, n)
	if err != nil {
		return err
	}
	note := h.i18n.T(t.Language, "notes.restore", "n", n)
	return h.saveRevision(w, r, t, base, store.NewRevision{
		Reason: store.RevisionRestore, Note: note, BaseNumber: n,
		ContingencyBP: rev.ContingencyBP, DiscountMinor: rev.DiscountMinor, Lines: keepKeys(lines),
	})
}

// keepKeys copies a revision's lines for a new revision: same keys, so the same deliverables.
func keepKeys(lines []store.RevisionLine) []store.RevisionLine {
	return append([]store.RevisionLine(nil), lines...)
}

// saveRevision stores nr as the revision after base and shows the task at its result. A base
// that is no longer the latest revision (another tab, another person) is answered with 409 and
// what changed in between; nothing is stored then.
func (h *Handler) saveRevision(w http.ResponseWriter, r *http.Request, t store.Task, base int, nr store.NewRevision) error {
	_, _, err := h.store.CreateRevision(r.Context(), t.ID, base, nr, time.Now().UTC())
	if errors.Is(err, store.ErrStale) {
		return h.conflict(w, r, t, base, "")
	}
	if err != nil {
		return err
	}
	return showTask(w, r, t.ID, "result")
}

// conflict answers a change based on a revision that is no longer the latest: 409, with what
// changed from base to the current revision. For htmx it replaces the estimate section of the
// page the user acted on, which is out of date.
func (h *Handler) conflict(w http.ResponseWriter, r *http.Request, t store.Task, base int, recomputeURL string) error {
	ctx := r.Context()
	cur, curLines, err := h.store.LatestRevision(ctx, t.ID)
	if err != nil {
		return err
	}
	v := views.ConflictView{TaskID: t.ID, Base: base, Current: cur.Number, Currency: t.Currency, RecomputeURL: recomputeURL}
	if old, oldLines, err := h.store.Revision(ctx, t.ID, base); err == nil {
		if v.Rows, err = compareRows(old.Document(oldLines), cur.Document(curLines)); err != nil {
			return err
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	h.log.DebugContext(ctx, "change refused: stale base", "task_id", t.ID, "base", base, "current", cur.Number)
	if wantsFragment(r) {
		w.Header().Set("HX-Retarget", "#estimate")
		w.Header().Set("HX-Reswap", "outerHTML show:#estimate:top")
	}
	_, tv, err := h.loadTask(r)
	if err != nil {
		return err
	}
	s := h.shell(r, i18n.T(ctx, "conflict.title"), "")
	return h.render(w, r, http.StatusConflict, views.ConflictPage(s, tv, v), views.ConflictFragment(v))
}

// changeStart is what every change of the estimate starts from: the task, the revision the form
// was rendered from, and that revision as a document.
type changeStart struct {
	task store.Task
	base int
	doc  estimate.Document
}

// startChange reads the posted form's base and the task's current revision. When the base is no
// longer current it answers with the conflict page itself and returns ok false: the caller stops.
func (h *Handler) startChange(w http.ResponseWriter, r *http.Request) (c changeStart, ok bool, err error) {
	if c.task, err = h.taskFromPath(r); err != nil {
		return c, false, err
	}
	if c.base, err = h.formBase(w, r); err != nil {
		return c, false, err
	}
	rev, lines, err := h.store.LatestRevision(r.Context(), c.task.ID)
	if err != nil {
		return c, false, err
	}
	if rev.Number != c.base {
		return c, false, h.conflict(w, r, c.task, c.base, "")
	}
	c.doc = rev.Document(lines)
	return c, true, nil
}

// formBase reads the revision number a form was rendered from. Every form that changes the
// estimate carries it, so a change is never applied to a revision the user has not seen.
func (h *Handler) formBase(w http.ResponseWriter, r *http.Request) (int, error) {
	if err := h.parseTextForm(w, r); err != nil {
		return 0, err
	}
	base, err := strconv.Atoi(r.PostForm.Get("base"))
	if err != nil || base < 1 {
		return 0, &httpError{status: http.StatusBadRequest, titleKey: "error.bad_request_title", bodyKey: "conflict.no_base"}
	}
	return base, nil
}

// pathNumber is the {n} of a revision or line route: a positive number, else 404.
func pathNumber(r *http.Request) (int, error) {
	n, err := strconv.Atoi(pathLine(r))
	if err != nil || n < 1 {
		return 0, errNotFound
	}
	return n, nil
}
