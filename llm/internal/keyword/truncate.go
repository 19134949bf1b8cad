package keyword

// TruncateRunes returns s cut to at most n characters (runes), the last of them "…" when
// anything was cut, so that a reader sees the text goes on.
func TruncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	return string(r[:n-1]) + "…"
}
