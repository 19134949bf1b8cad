package handlers

import (
	"net/http"

	"github.com/gorilla/mux"

	"estimator/static"
)

// routes is the only list of routes. Every route names its methods; anything else is a 404 or
// 405 page from the same error path as the handlers. The routes that cost model calls are
// limited per client (h.limited); no other route is.
func (h *Handler) routes() (http.Handler, error) {
	r := mux.NewRouter()
	h.router = r
	r.NotFoundHandler = h.wrap(h.notFound)
	r.MethodNotAllowedHandler = h.wrap(methodNotAllowed(r))

	// The progress every open task page polls once a second, first: the router tries the routes in
	// this order, each by a regular expression, and most requests of a busy server are these.
	r.Handle("/tasks/{id}/estimate", h.wrap(h.taskEstimate)).Methods(http.MethodGet, http.MethodHead)

	// Operators' probe: kept exactly as the predecessor answered it.
	r.Handle("/health", h.wrap(h.health)).Methods(http.MethodGet, http.MethodHead)

	// JSON API.
	api := r.PathPrefix("/api/v1").Subrouter()
	api.Handle("/health", h.wrap(h.apiHealth)).Methods(http.MethodGet, http.MethodHead)
	api.Handle("/translations", h.wrap(h.apiTranslations)).Methods(http.MethodGet, http.MethodHead)

	// Embedded CSS, JavaScript and images.
	r.PathPrefix(static.Prefix).Handler(h.assets.Handler(r.NotFoundHandler)).Methods(http.MethodGet, http.MethodHead)

	// New estimate: the form, its actions (each also works without JavaScript) and samples. The
	// form carries the file input, so every POST of it may bring a spreadsheet over a slow link.
	r.Handle("/", h.wrap(h.home)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/form", h.allowSlowUpload(h.wrap(h.formAction))).Methods(http.MethodPost)
	r.Handle("/tasks/form/row", h.wrap(h.formRow)).Methods(http.MethodGet)
	r.Handle("/tasks/form/template", h.wrap(h.formTemplate)).Methods(http.MethodGet)
	r.Handle("/tasks/import", h.allowSlowUpload(h.wrap(h.formImport))).Methods(http.MethodPost)
	r.Handle("/samples/deliverables.xlsx", h.wrap(h.sampleXLSX)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/samples/deliverables.csv", h.wrap(h.sampleCSV)).Methods(http.MethodGet, http.MethodHead)

	// Estimates.
	r.Handle("/tasks", h.wrap(h.tasksIndex)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks", h.allowSlowUpload(h.wrap(h.limited(h.taskCreate)))).Methods(http.MethodPost)
	r.Handle("/tasks/{id}", h.wrap(h.taskShow)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/{id}/delete", h.wrap(h.taskDeleteConfirm)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/{id}/delete", h.wrap(h.taskDelete)).Methods(http.MethodPost)

	// Estimating: questions, answers, progress, retries.
	r.Handle("/tasks/{id}/answers", h.wrap(h.limited(h.taskAnswers))).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/questions", h.wrap(h.limited(h.taskRegenerateQuestions))).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/cancel", h.wrap(h.taskCancel)).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/retry", h.wrap(h.limited(h.taskRetry))).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/lines/{n}/retry", h.wrap(h.limited(h.taskRetry))).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/drop-failed", h.wrap(h.taskDropFailed)).Methods(http.MethodPost)

	// Negotiating: revisions, comparison, quick adjustments and line edits. Every change makes a
	// new revision from the one the form was rendered from.
	r.Handle("/tasks/{id}/revisions", h.wrap(h.revisionsIndex)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/{id}/revisions/{n}", h.wrap(h.revisionShow)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/{id}/revisions/{n}/restore", h.wrap(h.revisionRestore)).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/revisions/{n}/lines/{pos}", h.wrap(h.lineDetail)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/{id}/compare", h.wrap(h.compare)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/{id}/adjust", h.wrap(h.taskAdjust)).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/lines/new", h.wrap(h.lineNew)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/{id}/lines", h.wrap(h.limited(h.lineAdd))).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/lines/{n}/edit", h.wrap(h.lineEditForm)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/{id}/lines/{n}", h.wrap(h.lineUpdate)).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/lines/{n}/delete", h.wrap(h.lineDelete)).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/lines/adding/{n}/retry", h.wrap(h.limited(h.lineAddingRetry))).Methods(http.MethodPost)

	// The licence of the font the PDF quotations embed.
	r.Handle("/licenses/ipaexfont.txt", h.wrap(h.fontLicense)).Methods(http.MethodGet, http.MethodHead)

	// The quotation (見積書) of a revision, as a page to print.
	r.Handle("/tasks/{id}/quote", h.wrap(h.quotePage)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/{id}/quote", h.wrap(h.quoteTermsSave)).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/quote.xlsx", h.wrap(h.quoteXLSX)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/{id}/quote.pdf", h.wrap(h.quotePDF)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/{id}/quote.csv", h.wrap(h.quoteCSV)).Methods(http.MethodGet, http.MethodHead)

	// The negotiation chat: messages, replies written by a worker, proposal cards.
	r.Handle("/tasks/{id}/chat", h.wrap(h.taskChat)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/tasks/{id}/messages", h.wrap(h.limited(h.messagePost))).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/messages/{n}/retry", h.wrap(h.limited(h.replyRetry))).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/proposals/{pid}/apply", h.wrap(h.proposalApply)).Methods(http.MethodPost)
	r.Handle("/tasks/{id}/proposals/{pid}/recompute", h.wrap(h.proposalRecompute)).Methods(http.MethodPost)

	// Settings: the issuer printed on every quotation, with its seal and logo.
	r.Handle("/settings", h.wrap(h.settingsShow)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/settings", h.allowSlowUpload(h.wrap(h.settingsSave))).Methods(http.MethodPost)
	r.Handle("/settings/seal.png", h.wrap(h.settingsSeal)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/settings/logo.png", h.wrap(h.settingsLogo)).Methods(http.MethodGet, http.MethodHead)

	// The operators' page, only when ADMIN_PASSWORD is set (otherwise the usual 404), behind its own
	// sign-in form and session: Apache's Basic auth in front already takes the Authorization header.
	if h.admin != nil {
		r.Handle("/admin", h.wrap(h.adminOnly(h.adminShow))).Methods(http.MethodGet, http.MethodHead)
		r.Handle("/admin/login", h.wrap(h.adminLoginForm)).Methods(http.MethodGet, http.MethodHead)
		r.Handle("/admin/login", h.wrap(h.adminLogin)).Methods(http.MethodPost)
		r.Handle("/admin/logout", h.wrap(h.adminLogout)).Methods(http.MethodPost)
		r.Handle("/admin/tasks/delete", h.wrap(h.adminOnly(h.adminDeleteTask))).Methods(http.MethodPost)
	}

	// Prometheus's scrapes, only when METRICS_ENABLED.
	h.metricsRoutes(r)

	return h.middleware(r)
}
