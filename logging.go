package main

import (
	"io"
	"log/slog"
	"strings"

	"estimator/handlers"
)

// newLogger builds the structured logger: JSON or text, with the request ID added to every line
// logged with a request's context, every configured secret redacted wherever it appears, and with
// MASK_PII personal data masked (see maskPII).
func newLogger(cfg Config, w io.Writer) *slog.Logger {
	var mask func([]string, slog.Attr) slog.Attr
	if cfg.MaskPII {
		mask = maskPII()
	}
	opts := &slog.HandlerOptions{Level: cfg.LogLevel, ReplaceAttr: chainReplace(redactSecrets(cfg.Secrets()), mask)}
	var h slog.Handler = slog.NewJSONHandler(w, opts)
	if cfg.LogFormat == "text" {
		h = slog.NewTextHandler(w, opts)
	}
	log := slog.New(handlers.LogHandler(h))
	for _, warning := range cfg.Warnings {
		log.Warn(warning)
	}
	return log
}

// redactSecrets replaces secret values inside any string attribute or message. Error texts from
// client libraries can echo request details, so filtering at the sink is the only safe place.
func redactSecrets(secrets []string) func(groups []string, a slog.Attr) slog.Attr {
	if len(secrets) == 0 {
		return nil
	}
	return func(_ []string, a slog.Attr) slog.Attr {
		s, ok := attrText(a)
		if !ok {
			return a
		}
		redacted := s
		for _, secret := range secrets {
			redacted = strings.ReplaceAll(redacted, secret, "[redacted]")
		}
		if redacted != s {
			return slog.String(a.Key, redacted)
		}
		return a
	}
}
