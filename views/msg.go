package views

import (
	"context"

	"estimator/i18n"
)

// Msg is a message to show, as a catalog key and its arguments: handlers decide what to say,
// views translate it into the request's language.
type Msg struct {
	Key  string
	Args []any
}

// M makes a Msg.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

func (m Msg) text(ctx context.Context) string { return i18n.T(ctx, m.Key, m.Args...) }

// IsZero reports whether there is no message.
func (m Msg) IsZero() bool { return m.Key == "" }
