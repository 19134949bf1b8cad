package cputime

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// userHZ is the unit of /proc/<pid>/stat CPU times: fixed at 100 on Linux, whatever the kernel's
// own tick rate.
const userHZ = 100

// Process returns the CPU time (user + system) process pid has used so far.
func Process(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	return ParseProcessStat(data)
}

// ParseProcessStat reads utime and stime, fields 14 and 15 of /proc/<pid>/stat. The command name
// (field 2) may contain spaces, so fields are counted after its closing parenthesis.
func ParseProcessStat(data []byte) (time.Duration, error) {
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, fmt.Errorf("no command name in stat")
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("stat has %d fields after the name", len(f))
	}
	// f[0] is field 3 (state), so utime (14) is f[11] and stime (15) f[12].
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, err
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / userHZ, nil
}
