package jobs

import (
	"math/rand/v2"
	"time"
)

// maxBackoff caps the wait between attempts, whatever Config.MaxAttempts allows.
const maxBackoff = time.Minute

// backoff returns the wait after failed attempt number attempt (1-based): base, 2×base, 4×base, …
// up to maxBackoff, each spread at random over half to one and a half times its value, so that
// lines that failed together (a provider outage) do not all come back at the same moment.
func backoff(attempt int, base time.Duration) time.Duration {
	d := base
	for i := 1; i < attempt && d < maxBackoff; i++ {
		d *= 2
	}
	d = min(d, maxBackoff)
	if d < 2 {
		return d
	}
	return d/2 + rand.N(d)
}
