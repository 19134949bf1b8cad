package main

import (
	"net"
	"net/http"
	"time"

	"estimator/bench/internal/loopback"
)

// newClient is an HTTP client that can only reach loopback, never goes through a proxy and
// never follows redirects: a 303 after a form post carries the task's address, which the driver
// reads itself. conns bounds its keep-alive connections.
func newClient(conns int, timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: timeout, Control: loopback.DialGuard}
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         dialer.DialContext,
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		MaxConnsPerHost:     conns,
		IdleConnTimeout:     time.Minute,
		DisableCompression:  true,
	}
	return &http.Client{
		Transport:     tr,
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
