package handlers

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"sync"
	"time"
)

// Reading an uploaded spreadsheet is bounded in memory and time by the readers' own limits, but
// a burst of imports would still take every core: a request reads its file only in one of a few
// slots, one for every two cores (at least one), and waits up to importWait for a slot before it
// is told to try again. Receiving the file is not counted, so a slow upload holds no slot.
const importWait = 5 * time.Second

// parallelImports is how many files are read at once in this process.
func parallelImports() int {
	return max(1, runtime.GOMAXPROCS(0)/2)
}

// errImportsBusy: no import slot freed up in time.
var errImportsBusy = errors.New("every import slot is taken")

// importSlots is the semaphore over the imports running at once.
type importSlots struct {
	slots chan struct{}
	wait  time.Duration
}

func newImportSlots(n int, wait time.Duration) *importSlots {
	return &importSlots{slots: make(chan struct{}, n), wait: wait}
}

// take waits for a slot, at most s.wait and while the request lasts, and returns the function
// that gives it back; calling that more than once gives it back once.
func (s *importSlots) take(ctx context.Context) (release func(), err error) {
	timer := time.NewTimer(s.wait)
	defer timer.Stop()
	select {
	case s.slots <- struct{}{}:
		return sync.OnceFunc(func() { <-s.slots }), nil
	case <-timer.C:
		return nil, errImportsBusy
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for an import slot: %w", ctx.Err())
	}
}

// retryAfter is the Retry-After of a refused import, in whole seconds: the time it waited.
func (s *importSlots) retryAfter() string {
	return strconv.Itoa(max(1, int(math.Ceil(s.wait.Seconds()))))
}
