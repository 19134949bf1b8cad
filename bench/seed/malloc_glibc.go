//go:build linux && cgo

package main

/*
#include <malloc.h>

// keep_freed_memory raises glibc's trim threshold to 1 GiB; a libc without the knob is left as is.
static void keep_freed_memory(void) {
#ifdef M_TRIM_THRESHOLD
	mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
*/
import "C"

// keepFreedMemory stops glibc from handing freed heap memory back to the kernel. SQLite allocates
// and frees memory (its page cache among it) on whichever thread cgo runs it, and glibc returns
// the free top of each thread's arena at once with madvise: perf showed the seed faulting the same
// pages in again and again (pcache1FetchStage2) and every madvise interrupting the other core to
// flush its TLB. The seed writes some 30 short transactions per task: with the default it made
// about 10 tasks/s on the 2-core benchmark machine, with this 60.
func keepFreedMemory() {
	C.keep_freed_memory()
}
