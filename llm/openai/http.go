package openai

import (
	"context"
	"net"
	"net/http"
	"time"
)

// newHTTPClient builds the client go-openai sends through. go-openai's default is a bare
// &http.Client{} with no timeout at all; one scalar timeout would make an unreachable server
// cost the whole generation budget, so connecting and the TLS handshake get their own short
// limit and the wait for the response headers (which, without streaming, arrive when the
// model has finished) gets the per-call limit. The per-call context deadline still applies
// on top of both. Proxies from the environment keep working, as corporate networks need.
func newHTTPClient(connectTimeout, callTimeout time.Duration) *headerRecorder {
	t := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: connectTimeout, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   connectTimeout,
		ResponseHeaderTimeout: callTimeout,
		ExpectContinueTimeout: time.Second,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		// Parallel estimates all go to one host; the default of 2 idle connections per
		// host would make most of them dial and handshake again for every line.
		MaxIdleConnsPerHost: 16,
		IdleConnTimeout:     90 * time.Second,
	}
	return &headerRecorder{client: &http.Client{Transport: t}}
}

// headerRecorder is the HTTP client handed to go-openai. go-openai turns a failed response
// into an *openai.APIError without its headers, but a 429's Retry-After lives in the
// headers; the recorder copies them into the attemptHeaders that the call put into the
// request's context.
type headerRecorder struct {
	client *http.Client
}

// Do sends req and records the headers of a failed response.
func (h *headerRecorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := h.client.Do(req)
	if resp != nil && resp.StatusCode >= http.StatusBadRequest {
		if dst, ok := req.Context().Value(attemptHeadersKey{}).(*attemptHeaders); ok {
			dst.header = resp.Header.Clone()
		}
	}
	return resp, err
}

// attemptHeaders receives the headers of one attempt's failed response.
type attemptHeaders struct {
	header http.Header
}

type attemptHeadersKey struct{}

// withAttemptHeaders returns a context under which headerRecorder fills dst.
func withAttemptHeaders(ctx context.Context, dst *attemptHeaders) context.Context {
	return context.WithValue(ctx, attemptHeadersKey{}, dst)
}
