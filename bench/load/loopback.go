package main

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
)

// errNotLoopback is the refusal for any target off this machine. Load is only ever sent to the
// loopback interface: pointing this tool at a shared or remote host would be an attack, not a
// benchmark.
var errNotLoopback = errors.New("only loopback targets are allowed (127.0.0.0/8, ::1, localhost)")

// parseTarget validates the -url flag: an absolute http(s) URL whose host is loopback.
func parseTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("parse target %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("target %q: scheme must be http or https", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("target %q: no host", raw)
	}
	if !isLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("target host %q: %w", u.Hostname(), errNotLoopback)
	}
	return u, nil
}

// isLoopbackHost accepts the literal name localhost and loopback IP literals only. Other names
// are refused rather than resolved, because a name's meaning can change between this check and
// the dial.
func isLoopbackHost(host string) bool {
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

// dialGuard is a net.Dialer Control hook that checks the address actually being connected to.
// It backs up parseTarget for what the URL check cannot see: what localhost resolves to, and any
// redirect or proxy that would send a request elsewhere.
func dialGuard(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("dial %s %q: %w", network, address, err)
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !addr.Unmap().IsLoopback() {
		return fmt.Errorf("dial %s %q: %w", network, address, errNotLoopback)
	}
	return nil
}
