package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"estimator/i18n"
	"estimator/store"
	"estimator/views"
)

// tasksPerPage is the length of a page of the estimates list; maxPage bounds ?page=.
const (
	tasksPerPage = 50
	maxPage      = 1_000_000
)

// tasksIndex lists the estimates, newest first, filtered by ?q= on title or client.
//
// Like a task's page, a page of the list is served from the page cache while the list's version
// is the one it was rendered at: with thousands of tasks, reading the version is one query on a
// one-row table, where the page takes two over the list's index and renders 50 rows.
func (h *Handler) tasksIndex(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len([]rune(q)) > maxTitle {
		q = string([]rune(q)[:maxTitle])
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = min(max(page, 1), maxPage) // a wild ?page= must not overflow the offset
	version, err := h.store.ListVersion(r.Context())
	if err != nil {
		return err
	}
	flash := h.popFlash(w, r)
	key := pageKey{lang: i18n.Lang(r.Context()), uri: r.URL.RequestURI(), fragment: wantsFragment(r)}
	sizeHint, served, err := h.serveKept(w, r, key, version, true, flash)
	if served || err != nil {
		return err
	}
	tasks, total, err := h.store.ListTasks(r.Context(), q, tasksPerPage, (page-1)*tasksPerPage)
	if err != nil {
		return err
	}
	v := views.TaskListView{Q: q, Total: total, Empty: total == 0 && q == "", Self: listURL(q, page)}
	if len(tasks) == 0 && total > 0 {
		v.Page, v.LastURL = page, listURL(q, (total+tasksPerPage-1)/tasksPerPage)
	}
	for _, t := range tasks {
		v.Rows = append(v.Rows, views.TaskRow{
			ID: t.ID, Title: t.Title, Client: h.clientLabel(t.Language, t.ClientName, t.ClientHonorific),
			Status: t.Status, Lines: t.LineCount, Created: t.CreatedAt, Currency: t.Currency, Total: t.TotalMinor,
		})
	}
	if len(tasks) > 0 {
		v.From = (page-1)*tasksPerPage + 1
		v.To = v.From + len(tasks) - 1
	}
	if page > 1 {
		v.PrevURL = listURL(q, page-1)
	}
	if page*tasksPerPage < total {
		v.NextURL = listURL(q, page+1)
	}
	s := h.shell(r, i18n.T(r.Context(), "tasks.title"), views.NavTasks)
	s.Flash = flash
	if len(flash) > 0 {
		return h.render(w, r, http.StatusOK, views.TasksPage(s, v), views.TaskList(v))
	}
	return h.renderKept(w, r, key, version, sizeHint, views.TasksPage(s, v), views.TaskList(v))
}

// listReturn is the page of the list a delete came from (?return=), rebuilt from its search and
// page number so that nothing but a list page can be named; "" when there is none.
func listReturn(r *http.Request) string {
	u, err := url.Parse(r.URL.Query().Get("return"))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path != "/tasks" {
		return ""
	}
	page, _ := strconv.Atoi(u.Query().Get("page"))
	q := u.Query().Get("q")
	if len([]rune(q)) > maxTitle {
		q = string([]rune(q)[:maxTitle])
	}
	return listURL(q, min(max(page, 1), maxPage))
}

func listURL(q string, page int) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/tasks"
	}
	return "/tasks?" + v.Encode()
}

// clientLabel is the client's name with its honorific, as a 見積書 addresses it: 「株式会社○○ 御中」.
// The honorific belongs to the document, so it follows the task's language, not the reader's:
// 御中 and 様 are Japanese forms of address, and an English document has none.
func (h *Handler) clientLabel(docLang, name, honorific string) string {
	if name == "" || honorific == "" || docLang != i18n.Japanese {
		return name
	}
	return name + " " + h.i18n.T(i18n.Japanese, "form.honorific_"+honorific)
}

// loadTask reads the task named in the path and builds its header, with its lines.
func (h *Handler) loadTask(r *http.Request) (store.Task, views.TaskView, error) {
	t, err := h.taskFromPath(r)
	if err != nil {
		return t, views.TaskView{}, err
	}
	v, err := h.taskView(r.Context(), t, true)
	return t, v, err
}

// taskView builds the task's header, with its lines as entered when withLines is set.
func (h *Handler) taskView(ctx context.Context, t store.Task, withLines bool) (views.TaskView, error) {
	v := views.TaskView{
		ID: t.ID, Title: t.Title, Client: h.clientLabel(t.Language, t.ClientName, t.ClientHonorific),
		Status: t.Status, Language: t.Language, Currency: t.Currency,
		UnitCostMinor: t.UnitCostMinor, TaxRateBP: t.TaxRateBP,
		Requirements: t.Requirements, Created: t.CreatedAt,
	}
	if !withLines {
		return v, nil
	}
	lines, err := h.store.TaskLines(ctx, t.ID)
	if err != nil {
		return v, err
	}
	for _, l := range lines {
		v.Lines = append(v.Lines, views.FormRow{Name: l.Name, Description: l.Description})
	}
	markDuplicates(v.Lines)
	return v, nil
}

// taskShow shows one estimate: its header, then questions, progress or result.
//
// The page is served from the page cache while the task's version is the one it was rendered at
// (see pageCache): reading the version is one indexed query, where building the page takes a
// dozen and rendering some 60 kB. A page with a flash message, or one that shows work going on
// (its elapsed time changes by itself), is always rendered and never kept.
func (h *Handler) taskShow(w http.ResponseWriter, r *http.Request) error {
	id, version, err := h.taskVersion(r)
	if err != nil {
		return err
	}
	flash := h.popFlash(w, r)
	key := pageKey{taskID: id, lang: i18n.Lang(r.Context()), uri: r.URL.RequestURI(), fragment: wantsFragment(r)}
	sizeHint, served, err := h.serveKept(w, r, key, version, false, flash)
	if served || err != nil {
		return err
	}
	t, err := h.store.Task(r.Context(), id)
	if err != nil {
		return err
	}
	e, err := h.estimateView(r.Context(), t, version, time.Now().UTC())
	if err != nil {
		return err
	}
	// The lines as entered are shown only until a run or a revision shows them with estimates.
	v, err := h.taskView(r.Context(), t, e.Run == nil && e.Result == nil)
	if err != nil {
		return err
	}
	s := h.shell(r, v.Title, "")
	s.Flash = flash
	// Without JavaScript the page reloads itself while work runs or a chat reply is written.
	s.Refresh = e.Pending() || (e.Result != nil && e.Result.Chat.Pending())
	if flash != nil || s.Refresh {
		return h.render(w, r, http.StatusOK, views.TaskPage(s, v, e), nil)
	}
	return h.renderKept(w, r, key, version, sizeHint, views.TaskPage(s, v, e), nil)
}

// taskDeleteConfirm asks before deleting, for browsers without JavaScript.
func (h *Handler) taskDeleteConfirm(w http.ResponseWriter, r *http.Request) error {
	_, v, err := h.loadTask(r)
	if err != nil {
		return err
	}
	s := h.shell(r, i18n.T(r.Context(), "tasks.delete_title"), "")
	return h.render(w, r, http.StatusOK, views.TaskDeletePage(s, v, listReturn(r)), nil)
}

// taskDelete removes the task and everything it owns, with an audit record naming the client
// address it came from, then returns to the list.
func (h *Handler) taskDelete(w http.ResponseWriter, r *http.Request) error {
	t, err := h.taskFromPath(r)
	if err != nil {
		return err
	}
	deletion := store.Deletion{By: store.DeletedByUser, Client: h.clientIP(r), Reason: "deleted from the task page", At: time.Now()}
	if err := h.store.DeleteTask(r.Context(), t.ID, deletion); err != nil {
		return fmt.Errorf("delete task %s: %w", t.ID, err)
	}
	h.log.InfoContext(r.Context(), "task deleted", "task_id", t.ID)
	h.addFlash(w, r, i18n.T(r.Context(), "tasks.deleted", "title", t.Title))
	back := listReturn(r)
	if back == "" {
		back = "/tasks"
	}
	return redirectAfterPost(w, r, back)
}
