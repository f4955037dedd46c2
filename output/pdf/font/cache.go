package font

import (
	"fmt"
	"sync"
)

// cache holds every face loaded by this process, keyed by canonical
// path#index. A font is read-only data, and loading uming.ttc costs tens of
// milliseconds, so it is done once per process, not once per document.
// Failures are cached too: a batch of a thousand files reports the same
// bad font a thousand times without reading it again.
var cache sync.Map // string → *entry

type entry struct {
	once sync.Once
	face *Face
	err  error
}

// Load returns the face named by spec ("path" or "path#index"), reading
// and preparing it on first use. It is safe for concurrent use.
func Load(spec string) (*Face, error) {
	key := canonical(spec)
	v, _ := cache.LoadOrStore(key, new(entry))
	e := v.(*entry)
	e.once.Do(func() { e.face, e.err = load(spec) })
	return e.face, e.err
}

func load(spec string) (*Face, error) {
	path, index := SplitSpec(spec)
	tables, err := readFace(path, index)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", spec, err)
	}
	f, err := newFace(tables, spec)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", spec, err)
	}
	return f, nil
}
