package llm

import (
	"context"
	"errors"
	"strconv"
	"strings"
)

// Kinds of Error, as returned by Error.Kind. The HTTP layer translates UserMessage by kind;
// the strings are stable because they are also logged and recorded with failed lines.
const (
	KindRateLimited   = "rate_limited"   // HTTP 429 still refused after every retry
	KindUnavailable   = "unavailable"    // 5xx, network failure, unreadable response
	KindTimeout       = "timeout"        // no answer within the per-call timeout, or the caller gave up
	KindRejected      = "rejected"       // any other 4xx, or a request that could not be sent
	KindInvalidAnswer = "invalid_answer" // the answer failed validation, and so did the repaired one
	KindBreakerOpen   = "breaker_open"   // recent calls failed, so this one was not attempted
	KindCostCap       = "cost_cap"       // the spending cap is reached, so this one was not attempted
)

// Error is every error the OpenAI-compatible engine (package openai) returns from an
// operation. Category says what went wrong; Message is a sanitized, truncated detail that is
// safe to log and, for rejected requests and invalid answers, to show.
//
// The category is a field named Category rather than Kind because Go does not allow a field
// and a method of the same name, and Kind() is the method the HTTP layer relies on.
type Error struct {
	Category string // one of the Kind constants
	Status   int    // HTTP status of the last attempt, 0 when there was none
	Message  string // sanitized detail: the provider's message, or what failed
	Err      error  // the underlying error, for errors.Is and errors.As
}

// Error is the text for logs: kind, HTTP status and the sanitized detail, never the API key.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("llm: ")
	b.WriteString(e.Category)
	if e.Status != 0 {
		b.WriteString(" (HTTP ")
		b.WriteString(strconv.Itoa(e.Status))
		b.WriteString(")")
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Kind returns the category of the failure, one of the Kind constants.
func (e *Error) Kind() string { return e.Category }

// UserMessage is a short explanation in English that is safe to show to the user: it never
// contains the API key or raw provider output, only the sanitized provider message of a
// rejected request or the reason an answer was refused.
func (e *Error) UserMessage() string {
	switch e.Category {
	case KindRateLimited:
		return "The language model service is limiting requests right now. Try again in a minute, or use the offline estimate."
	case KindUnavailable:
		return "The language model service is unavailable right now. Try again later, or use the offline estimate."
	case KindTimeout:
		if errors.Is(e.Err, context.Canceled) {
			return "The request to the language model was cancelled."
		}
		return "The language model did not answer in time. Try again, or use the offline estimate."
	case KindRejected:
		if e.Status == 0 {
			return "The request to the language model could not be made: " + e.Message
		}
		return "The language model service refused the request: " + e.Message
	case KindInvalidAnswer:
		return "The language model gave an invalid answer twice, so nothing was recorded: " + e.Message
	case KindBreakerOpen:
		return "Calls to the language model are paused after repeated failures. Try again in a minute, or use the offline estimate."
	case KindCostCap:
		return "The spending cap for the language model is reached, so no more calls are made until it resets. Use the offline estimate meanwhile."
	}
	return "The language model call failed."
}

// IsUnavailable reports whether err means that the language model service cannot be used
// right now (breaker open, 5xx, network failure, timeout, 429 after retries, spending cap), so that the UI
// can offer the offline engine instead. A call cancelled by the caller proves nothing about
// the service and is not reported as unavailable.
func IsUnavailable(err error) bool {
	var e *Error
	if !errors.As(err, &e) || errors.Is(err, context.Canceled) {
		return false
	}
	switch e.Category {
	case KindBreakerOpen, KindUnavailable, KindTimeout, KindRateLimited, KindCostCap:
		return true
	}
	return false
}
