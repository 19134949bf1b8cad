package handlers

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"estimator/estimate"
	"estimator/i18n"
	"estimator/store"
)

// errNoRevision refuses a document of a task that has no estimate yet: there is nothing to quote.
var errNoRevision = &httpError{status: http.StatusConflict, titleKey: "error.conflict_title", bodyKey: "quote.no_revision"}

// quoteParts are the parts of a quotation that a document shows besides its lines, totals and
// terms. Each is read only for the documents that show it: for a 500-line task the notes are most
// of the bytes read, and the history reads every revision's lines again.
type quoteParts struct {
	notes   bool // each line's reasoning, assumptions and risks, and the remarks drawn from the assumptions
	history bool // the questions and answers the estimate rests on, and the revisions with their totals
}

// quoteRevision reads the revision a document is about: ?rev=n, or the current one. Without
// notes, the current revision's lines are read without them.
func (h *Handler) quoteRevision(r *http.Request, t store.Task, notes bool) (store.Revision, []store.RevisionLine, error) {
	var rev store.Revision
	var lines []store.RevisionLine
	var err error
	if n := r.URL.Query().Get("rev"); n != "" {
		number, perr := strconv.Atoi(n)
		if perr != nil || number < 1 {
			return rev, nil, errNotFound
		}
		rev, lines, err = h.store.Revision(r.Context(), t.ID, number)
	} else {
		latest := h.store.LatestRevision
		if !notes {
			latest = h.store.LatestRevisionBrief
		}
		rev, lines, err = latest(r.Context(), t.ID)
		if errors.Is(err, store.ErrNotFound) {
			return rev, nil, errNoRevision
		}
	}
	return rev, lines, err
}

// quoteLabels are the fixed texts of a quotation in the document's language.
func (h *Handler) quoteLabels(lang string, taxRateBP, contingencyBP int64) estimate.QuoteLabels {
	t := func(key string, args ...any) string { return h.i18n.T(lang, key, args...) }
	l := estimate.QuoteLabels{
		SheetQuote: t("quote.sheet_quote"), SheetBreakdown: t("quote.sheet_breakdown"), SheetQA: t("quote.sheet_qa"), SheetRevisions: t("quote.sheet_revisions"),
		Heading: t("quote.heading"), Greeting: t("quote.greeting"), Number: t("quote.number"), IssueDate: t("quote.issue_date"),
		ValidUntil: t("quote.valid_until"), Title: t("quote.title"), Delivery: t("quote.delivery"), Payment: t("quote.payment"),
		Headline: t("quote.headline"), TaxIncluded: t("quote.tax_included"), Registration: t("quote.registration"),
		Phone: t("quote.phone"), Email: t("quote.email"), Person: t("quote.person"),
		No: t("quote.col_no"), Name: t("quote.col_name"), Description: t("quote.col_description"), Quantity: t("quote.col_quantity"),
		Unit: t("quote.col_unit"), UnitPrice: t("quote.col_unit_price"), Amount: t("quote.col_amount"), UnitDays: t("quote.unit_days"),
		Contingency: t("quote.contingency", "rate", i18n.Percent(contingencyBP)), Discount: t("quote.discount"),
		Subtotal: t("quote.subtotal"), Tax: t("quote.tax", "rate", i18n.Percent(taxRateBP)), Total: t("quote.total"), Remarks: t("quote.remarks"),
		Range: t("quote.range"), Confidence: t("quote.confidence"), Engine: t("quote.engine"), Reasoning: t("quote.reasoning"),
		Assumptions: t("quote.assumptions"), Risks: t("quote.risks"), Question: t("quote.question"), Answer: t("quote.answer"),
		RevisionNumber: t("quote.revision_number"), RevisionTime: t("quote.revision_time"), RevisionKind: t("quote.revision_kind"),
		RevisionNote: t("quote.revision_note"), Page: t("quote.page"),
	}
	for p := range l.Phases {
		l.Phases[p] = h.i18n.T(lang, "phase."+estimate.Phase(p).Key())
	}
	return l
}

// quoteDocument builds the quotation of a revision: its lines and totals computed by the domain
// package, the terms of the quotation and the issuer, and the parts the document shows (the
// remarks only with the notes they are drawn from). The first document of a task gets the task
// its quotation number (and issue date).
func (h *Handler) quoteDocument(ctx context.Context, t store.Task, rev store.Revision, lines []store.RevisionLine, parts quoteParts, now time.Time) (estimate.Quote, error) {
	doc := rev.Document(lines)
	tot, err := doc.Totals()
	if err != nil {
		return estimate.Quote{}, err
	}
	lang := t.Language
	q := estimate.Quote{
		Lang: lang, Currency: t.Currency, Labels: h.quoteLabels(lang, rev.TaxRateBP, rev.ContingencyBP),
		Money: func(minor int64) string { return i18n.Money(minor, t.Currency) }, Days: i18n.Days,
		Title: t.Title, Addressee: h.clientLabel(lang, t.ClientName, t.ClientHonorific), Revision: rev.Number,
		Totals: estimate.QuoteTotals{DaysTenths: tot.Days, LinesMinor: tot.LinesMinor, ContingencyBP: rev.ContingencyBP,
			ContingencyMinor: tot.ContingencyMinor, DiscountMinor: tot.DiscountMinor, SubtotalMinor: tot.SubtotalMinor,
			TaxMinor: tot.TaxMinor, TotalMinor: tot.TotalMinor, TaxRateBP: rev.TaxRateBP},
	}
	q.Labels.TaxInside = h.i18n.T(lang, "quote.tax_inside", "amount", q.Money(tot.TaxMinor))
	offline := false
	q.Lines = make([]estimate.QuoteLine, 0, len(doc.Lines))
	for i, l := range doc.Lines {
		amount, _ := l.Amount() // Totals has checked every line
		q.Lines = append(q.Lines, estimate.QuoteLine{
			No: i + 1, Name: l.Name, Description: l.Description, DaysTenths: l.Effort.Days(), UnitCostMinor: l.UnitCostMinor,
			AmountMinor: amount, Phases: l.Effort.Phases, OptimisticTenths: l.Effort.Optimistic, PessimisticTenths: l.Effort.Pessimistic,
			Confidence: confidenceLabel(h, lang, l.Confidence), Engine: h.engineLabel(lang, l), Reasoning: l.Reasoning,
			Assumptions: l.Assumptions, Risks: l.Risks,
		})
		offline = offline || l.Source == estimate.SourceOffline
	}
	typed, err := h.quoteTerms(ctx, t, &q, now)
	if err != nil {
		return q, err
	}
	if parts.notes {
		q.Remarks = h.quoteRemarks(q.Lang, typed, doc, offline)
	}
	if !parts.history {
		return q, nil
	}
	if q.QA, err = h.quoteQA(ctx, rev); err != nil {
		return q, err
	}
	q.Revisions, err = h.quoteHistory(ctx, t)
	return q, err
}

// quoteTerms fills in what the quotation says beyond the estimate: the issuer from the settings,
// and the number, dates, subject, addressee, delivery and payment terms of the task's quotation,
// each falling back to what the task and the settings say. It returns the remarks as typed.
func (h *Handler) quoteTerms(ctx context.Context, t store.Task, q *estimate.Quote, now time.Time) (string, error) {
	issuer, err := h.store.Issuer(ctx)
	if err != nil {
		return "", err
	}
	today := now.In(h.displayZone())
	if _, err := h.store.IssueQuoteNumber(ctx, t.ID, issuer.NumberFormat, today); err != nil {
		return "", err
	}
	meta, _, err := h.store.Quote(ctx, t.ID)
	if err != nil {
		return "", err
	}
	issued, valid := meta.Dates(issuer.ValidityDays, today)
	q.Number, q.IssueDate, q.ValidUntil = meta.Number, i18n.Date(q.Lang, issued), i18n.Date(q.Lang, valid)
	q.Title = cmp.Or(meta.Title, t.Title)
	q.Addressee = h.clientLabel(q.Lang, t.ClientName, t.ClientHonorific)
	if meta.Addressee != "" {
		q.Addressee = h.clientLabel(q.Lang, meta.Addressee, meta.Honorific)
	}
	q.Delivery, q.Payment = meta.Delivery, cmp.Or(meta.PaymentTerms, issuer.PaymentTerms)
	q.Issuer = estimate.Issuer{Company: issuer.Company, Address: issuer.Address, Phone: issuer.Phone, Email: issuer.Email,
		Person: issuer.Person, Registration: issuer.Registration, Seal: issuer.Seal, Logo: issuer.Logo}
	return meta.Remarks, nil
}

// quoteRemarks are the remarks of the quotation: those typed, one per line, or the default ones;
// either way they say so when the figures come from the offline model.
func (h *Handler) quoteRemarks(lang, typed string, doc estimate.Document, offline bool) []string {
	remarks := remarkLines(typed)
	if len(remarks) == 0 {
		return h.defaultRemarks(lang, doc, offline)
	}
	if note := h.i18n.T(lang, "quote.remark_offline"); offline && !slices.Contains(remarks, note) {
		// Remarks written by hand still say where the figures come from.
		remarks = append(remarks, note)
	}
	return remarks
}

// remarkLines are the non-empty lines of the remarks as typed.
func remarkLines(text string) []string {
	var out []string
	for line := range strings.Lines(text) {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// displayZone is DISPLAY_TIMEZONE, UTC when unset.
func (h *Handler) displayZone() *time.Location {
	if h.zone == nil {
		return time.UTC
	}
	return h.zone
}

// confidenceLabel translates a line's confidence, "" when it has none.
func confidenceLabel(h *Handler, lang string, c estimate.Confidence) string {
	if c == "" {
		return ""
	}
	return h.i18n.T(lang, "confidence."+string(c))
}

// engineLabel says where a line's figures come from, in the document's language.
func (h *Handler) engineLabel(lang string, l estimate.Line) string {
	switch {
	case l.Source == estimate.SourceManual:
		return h.i18n.T(lang, "lines.source_manual")
	case l.Source == estimate.SourceOffline:
		return h.i18n.T(lang, "estimate.engine_offline")
	case l.Model != "":
		return h.i18n.T(lang, "estimate.engine_model", "model", l.Model)
	}
	return h.i18n.T(lang, "lines.source_ai")
}

// maxDefaultRemarks bounds the assumptions a quotation lists by default; the rest are in the
// breakdown.
const maxDefaultRemarks = 8

// defaultRemarks are the 備考 of a quotation nobody has edited: the standard terms of a software
// quotation, whether the figures come from the offline model, and the lines' assumptions (each
// once).
func (h *Handler) defaultRemarks(lang string, doc estimate.Document, offline bool) []string {
	remarks := []string{h.i18n.T(lang, "quote.remark_scope"), h.i18n.T(lang, "quote.remark_change")}
	if offline {
		remarks = append(remarks, h.i18n.T(lang, "quote.remark_offline"))
	}
	seen := map[string]bool{}
	added := 0
	for _, l := range doc.Lines {
		for _, a := range l.Assumptions {
			if !seen[a] && added < maxDefaultRemarks {
				seen[a] = true
				remarks = append(remarks, a)
				added++
			}
		}
	}
	return remarks
}

// quoteQA are the questions and answers the revision's estimate rests on.
func (h *Handler) quoteQA(ctx context.Context, rev store.Revision) ([]estimate.QuoteQA, error) {
	if rev.RunID == 0 {
		return nil, nil
	}
	answers, err := h.store.RunAnswers(ctx, rev.RunID)
	if err != nil {
		return nil, err
	}
	out := make([]estimate.QuoteQA, len(answers))
	for i, a := range answers {
		out[i] = estimate.QuoteQA{Question: a.Question, Answer: a.Answer}
	}
	return out, nil
}

// quoteHistory is every revision of the task with its totals, newest first.
func (h *Handler) quoteHistory(ctx context.Context, t store.Task) ([]estimate.QuoteRevision, error) {
	revs, totals, err := h.historyTotals(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	out := make([]estimate.QuoteRevision, 0, len(revs))
	for _, rev := range revs {
		tot := totals[rev.Number]
		out = append(out, estimate.QuoteRevision{
			Number: rev.Number, Time: i18n.DateTime(t.Language, rev.CreatedAt.In(h.displayZone())),
			Kind: h.i18n.T(t.Language, "revisions.kind."+rev.Kind()), Note: rev.Note,
			SubtotalMinor: tot.SubtotalMinor, TotalMinor: tot.TotalMinor,
		})
	}
	return out, nil
}
