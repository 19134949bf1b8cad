package main

import (
	"fmt"
	"net"
)

// freePort asks the kernel for an unused loopback port. The port is released before the server
// binds it, so another process could take it in between; on a benchmark machine that race is
// rare, and the run then fails loudly rather than measuring the wrong thing.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if err := ln.Close(); err != nil {
		return 0, fmt.Errorf("release port %d: %w", port, err)
	}
	return port, nil
}
