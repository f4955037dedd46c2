package convert

import (
	"testing"
	"time"
)

// TestTimeoutFor (issue 11, defect 12): the default bound grows with the
// input, 188 s for the largest one; a zero Runner has none.
func TestTimeoutFor(t *testing.T) {
	r := &Runner{Timeout: DefaultTimeout, TimeoutPerMB: DefaultTimeoutPerMB}
	for size, want := range map[int]time.Duration{0: 60 * time.Second, 1 << 20: 62 * time.Second, 64 << 20: 188 * time.Second} {
		if got := r.timeoutFor(size); got != want {
			t.Errorf("%d bytes: %v, want %v", size, got, want)
		}
	}
	if got := (&Runner{}).timeoutFor(64 << 20); got != 0 {
		t.Errorf("zero Runner: %v, want no bound", got)
	}
}
