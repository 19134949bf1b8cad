// Package loopback keeps the benchmark tools on this machine: they only ever listen on, and
// send requests to, the loopback interface. Pointing load at a shared or remote host would be an
// attack, not a benchmark, and a fake model reachable from the network would be a server
// nobody meant to run.
package loopback

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
)

// ErrNotLoopback is the refusal for any address off this machine.
var ErrNotLoopback = errors.New("only loopback addresses are allowed (127.0.0.0/8, ::1, localhost)")

// ParseTarget validates a URL flag: an absolute http(s) URL whose host is loopback.
func ParseTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("parse URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("URL %q: scheme must be http or https", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("URL %q: no host", raw)
	}
	if !IsLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("URL host %q: %w", u.Hostname(), ErrNotLoopback)
	}
	return u, nil
}

// CheckListenAddr validates a listen address such as 127.0.0.1:0. An empty host would listen on
// every interface, so it is refused like any other non-loopback host.
func CheckListenAddr(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listen address %q: %w", addr, err)
	}
	if !IsLoopbackHost(host) {
		return fmt.Errorf("listen address %q: %w", addr, ErrNotLoopback)
	}
	return nil
}

// IsLoopbackHost accepts the literal name localhost and loopback IP literals only. Other names
// are refused rather than resolved, because a name's meaning can change between this check and
// the dial.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	// Unmap so ::ffff:127.0.0.1 counts as the IPv4 loopback it is.
	return addr.Unmap().IsLoopback()
}

// DialGuard is a net.Dialer Control hook that checks the address actually being connected to.
// It backs up ParseTarget for what a URL check cannot see: what localhost resolves to, and any
// redirect or proxy that would send a request elsewhere.
func DialGuard(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("dial %s %q: %w", network, address, err)
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !addr.Unmap().IsLoopback() {
		return fmt.Errorf("dial %s %q: %w", network, address, ErrNotLoopback)
	}
	return nil
}
