//go:build unix

package pdf

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) this process has used. On a
// loaded machine it measures a benchmark more steadily than the wall
// clock, which counts the time other processes held the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
