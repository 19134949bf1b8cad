// Package procmem reads a process's memory as the kernel accounts it, from /proc/<pid>/status,
// which Linux keeps for every live process.
package procmem

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Memory is a process's resident memory, in KiB.
type Memory struct {
	VmRSSKB   int64 `json:"vmrss_kb"`   // resident now
	VmHWMKB   int64 `json:"vmhwm_kb"`   // peak resident since the process started
	RssAnonKB int64 `json:"rssanon_kb"` // heap and stacks: what the Go runtime allocated
	RssFileKB int64 `json:"rssfile_kb"` // mapped file pages, mostly the binary's own code
}

// Path is the status file of process pid.
func Path(pid int) string { return fmt.Sprintf("/proc/%d/status", pid) }

// Read reads the memory of process pid.
func Read(pid int) (Memory, error) {
	data, err := os.ReadFile(Path(pid))
	if err != nil {
		return Memory{}, err
	}
	return Parse(data)
}

// Parse picks the memory lines ("VmRSS:	   12345 kB") out of a status file.
func Parse(data []byte) (Memory, error) {
	var m Memory
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
			return Memory{}, fmt.Errorf("%s: %w", name, err)
		}
		*dst = n
	}
	if err := sc.Err(); err != nil {
		return Memory{}, err
	}
	if m.VmRSSKB == 0 {
		return Memory{}, fmt.Errorf("no VmRSS line")
	}
	return m, nil
}

// MiB converts a KiB figure to the MiB the reports show.
func MiB(kb int64) float64 { return float64(kb) / 1024 }
