package crawl

import (
	"context"
	"time"
)

// Clock tells the time and waits. The crawler takes every wait (request
// spacing, back-off, Retry-After) through it, so tests can run a fake clock
// that advances without sleeping.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done (then it returns ctx.Err()).
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
type RealClock struct{}

// Now is time.Now.
func (RealClock) Now() time.Time { return time.Now() }

// Sleep waits for d, or until ctx is done.
func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
