package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// memory is the process's memory as the kernel accounts it, in KiB.
type memory struct {
	VmRSSKB   int64 `json:"vmrss_kb"`   // resident now: the "memory after start" figure
	VmHWMKB   int64 `json:"vmhwm_kb"`   // peak resident so far, e.g. during migrations
	RssAnonKB int64 `json:"rssanon_kb"` // heap, stacks: what the Go runtime allocated
	RssFileKB int64 `json:"rssfile_kb"` // mapped file pages, mostly the binary's own code
}

// readMemory reads /proc/<pid>/status, which Linux keeps for every live process.
func readMemory(pid int) (memory, error) {
	path := fmt.Sprintf("/proc/%d/status", pid)
	data, err := os.ReadFile(path)
	if err != nil {
		return memory{}, fmt.Errorf("read %s: %w", path, err)
	}
	m, err := parseStatus(data)
	if err != nil {
		return memory{}, fmt.Errorf("parse %s: %w", path, err)
	}
	return m, nil
}

// parseStatus picks the memory lines ("VmRSS:	   12345 kB") out of a status file.
func parseStatus(data []byte) (memory, error) {
	var m memory
	fields := map[string]*int64{"VmRSS": &m.VmRSSKB, "VmHWM": &m.VmHWMKB, "RssAnon": &m.RssAnonKB, "RssFile": &m.RssFileKB}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		dst, wanted := fields[name]
		if !ok || !wanted {
			continue
		}
		value := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB"))
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return memory{}, fmt.Errorf("%s: %w", name, err)
		}
		*dst = n
	}
	if err := sc.Err(); err != nil {
		return memory{}, err
	}
	if m.VmRSSKB == 0 {
		return memory{}, fmt.Errorf("no VmRSS line")
	}
	return m, nil
}
