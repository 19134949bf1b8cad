package main

import (
	"os"
	"strings"
	"testing"
)

func TestReadMemory(t *testing.T) {
	if m, err := readMemory(os.Getpid()); err != nil || m.VmRSSKB <= 0 {
		t.Errorf("readMemory(self) = %+v, %v", m, err)
	}
	if _, err := readMemory(-1); err == nil || !strings.HasPrefix(err.Error(), "read /proc/-1/status: ") {
		t.Errorf("readMemory(-1) = %v, want a read error naming the file", err)
	}
}
