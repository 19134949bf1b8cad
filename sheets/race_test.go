//go:build race

package sheets

// raceEnabled is set when the race detector slows everything down several times, so timing
// checks are skipped.
const raceEnabled = true
