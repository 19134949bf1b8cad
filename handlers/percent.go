package handlers

import (
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// parsePercent reads a percentage as people type it ("10", "7.5", "10%", "１０％") into basis
// points, with at most two decimals; ok is false for anything else, negative numbers included.
func parsePercent(text string) (bp int64, ok bool) {
	s := strings.TrimSpace(norm.NFKC.String(text))
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(whole) > 6 || len(frac) > 2 || !digits(whole) || !digits(frac) {
		return 0, false
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	return w*100 + f, true
}

// digits reports whether s has only ASCII digits (the empty string has none to fail).
func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
