//go:build !race

package sheets

// raceEnabled is unset without the race detector: timing checks apply.
const raceEnabled = false
