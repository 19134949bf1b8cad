package main

import (
	"fmt"
	"os"

	"estimator/bench/internal/procmem"
)

// readMemory is procmem.Read with errors that name the file and the step that failed: a run's
// error is all that a failed run prints.
func readMemory(pid int) (procmem.Memory, error) {
	path := procmem.Path(pid)
	data, err := os.ReadFile(path)
	if err != nil {
		return procmem.Memory{}, fmt.Errorf("read %s: %w", path, err)
	}
	m, err := procmem.Parse(data)
	if err != nil {
		return procmem.Memory{}, fmt.Errorf("parse %s: %w", path, err)
	}
	return m, nil
}
