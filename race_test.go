//go:build race

package main

// raceEnabled is set when the race detector slows this test binary, the client that measures
// the server's latency, several times over.
const raceEnabled = true
