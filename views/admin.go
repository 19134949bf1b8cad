package views

import (
	"context"
	"strconv"
	"time"

	"estimator/i18n"
)

// AdminLoginView is the admin sign-in form: empty, or back after a wrong password.
type AdminLoginView struct {
	Error Msg
}

// AdminView is the operators' page: what the service spends, calls, queues and keeps.
type AdminView struct {
	Spend     AdminSpend
	Calls     []AdminCallWindow // the last 24 hours, then the last 30 days
	Queue     []AdminQueuedKind
	Breaker   AdminBreaker
	Limited   []AdminLimitedClient // clients refused in the last 24 hours
	Tasks     []AdminTaskCount
	DBBytes   int64
	DBDialect string // "sqlite" or "postgres": what DBBytes measures differs
	Deletions []AdminDeletion
	Delete    AdminDeleteForm
}

// AdminSpend is the model calls' cost today and this month against the caps, in micro-USD; a cap
// of 0 is none. Reached names the cap reached, "day" or "month", or is "".
type AdminSpend struct {
	Day, Month           int64
	DailyCap, MonthlyCap int64
	Reached              string
}

// AdminCallWindow is the model calls of one window, by operation and outcome.
type AdminCallWindow struct {
	TitleKey string
	Rows     []AdminCallRow
	Total    AdminCallRow // Operation and Status empty
	// FailedBP is the share of finished calls that failed (error or lost), in basis points.
	FailedBP int64
}

// AdminCallRow sums the calls of one operation and outcome.
type AdminCallRow struct {
	Operation, Status                                   string
	Calls, PromptTokens, CachedTokens, CompletionTokens int64
	CostMicroUSD                                        int64
}

// AdminQueuedKind is the queued jobs of one kind.
type AdminQueuedKind struct {
	Kind       string
	Jobs       int64
	OldestWait time.Duration // how long the job due first has been due
}

// AdminBreaker is the model engine's circuit breaker. Used is false for the offline engine, which
// has none.
type AdminBreaker struct {
	Used, Open bool
	Failures   int
	Until      time.Time // when open: from when a trial call may go
}

// AdminLimitedClient is a client the rate limit refused recently.
type AdminLimitedClient struct {
	Client      string
	Refused     int64
	LastRefused time.Time
}

// AdminTaskCount is how many tasks are in one status.
type AdminTaskCount struct {
	Status string
	Tasks  int64
}

// AdminDeletion is the audit record of a deleted task.
type AdminDeletion struct {
	TaskID, TaskStatus string
	LineCount          int
	TaskCreatedAt      time.Time
	By, Client, Reason string
	At                 time.Time
}

// AdminDeleteForm is the form deleting a task, as last sent, with its errors by field.
type AdminDeleteForm struct {
	TaskID, Reason string
	Errors         map[string]Msg
	MaxReason      int
}

// Catalog keys of the codes the admin page names: call outcomes, who deleted a task, the cap
// reached and the database engine.
var (
	adminCallStatusKeys = map[string]string{"ok": "admin.call_status.ok", "error": "admin.call_status.error",
		"lost": "admin.call_status.lost", "in_flight": "admin.call_status.in_flight"}
	adminDeletedByKeys = map[string]string{"user": "admin.by.user", "retention": "admin.by.retention", "admin": "admin.by.admin"}
	adminCapKeys       = map[string]string{"day": "admin.cap_reached_day", "month": "admin.cap_reached_month"}
	adminDBKeys        = map[string]string{"sqlite": "admin.db_sqlite", "postgres": "admin.db_postgres"}
)

// adminCode translates code with keys; a code without a key (one added since) is shown as it is.
func adminCode(ctx context.Context, keys map[string]string, code string) string {
	if key, ok := keys[code]; ok {
		return i18n.T(ctx, key)
	}
	return code
}

// adminCap shows a spending cap, or says there is none.
func adminCap(ctx context.Context, micro int64) string {
	if micro == 0 {
		return i18n.T(ctx, "admin.no_cap")
	}
	return i18n.MicroUSD(micro)
}

// byteSize shows a size in bytes with a binary unit, one decimal above a kibibyte.
func byteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return strconv.FormatFloat(float64(n)/float64(div), 'f', 1, 64) + " " + "KMGTP"[exp:exp+1] + "iB"
}

// waited shows how long a job has been waiting, to the second.
func waited(d time.Duration) string {
	return d.Round(time.Second).String()
}

// adminDeleteInvalid is the aria-invalid value of a field of the delete form.
func adminDeleteInvalid(f AdminDeleteForm, field string) string {
	_, bad := f.Errors[field]
	return boolString(bad)
}
