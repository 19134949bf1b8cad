//go:build !race

package main

// raceEnabled is unset without the race detector: latency targets apply.
const raceEnabled = false
