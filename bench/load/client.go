package main

import (
	"net"
	"net/http"
	"time"

	"estimator/bench/internal/loopback"
)

// newClient gives one worker its own connection: a private transport that keeps one idle
// connection to the target and reuses it, so the number of TCP connections equals -c.
func newClient(timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: timeout, Control: loopback.DialGuard}
	tr := &http.Transport{
		Proxy:               nil, // never through a proxy: the request must go straight to loopback
		DialContext:         dialer.DialContext,
		MaxIdleConns:        1,
		MaxIdleConnsPerHost: 1,
		MaxConnsPerHost:     1,
		IdleConnTimeout:     time.Minute,
		DisableCompression:  true, // measure the bytes the server sends for a plain client
	}
	return &http.Client{
		Transport: tr,
		Timeout:   timeout,
		// A redirect is reported as its own 3xx status rather than followed elsewhere.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
