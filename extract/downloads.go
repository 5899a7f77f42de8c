package extract

import "context"

// Downloads knows where files fetched from the web were saved (the crawl
// manifest of `nianbao crawl`): a page saved by the crawler names its
// pictures by their web addresses (a full URL, a path from the site's root),
// which say nothing about where on disk the crawler put them.
type Downloads interface {
	// Local returns the file holding what the saved page at path calls
	// ref (an <img src>, resolved against the page's own address); ok is
	// false when path was not downloaded or ref was not.
	Local(path, ref string) (file string, ok bool)
}

type downloadsKey struct{}

// WithDownloads attaches d to ctx, for the backends that resolve web
// addresses (HTML pictures).
func WithDownloads(ctx context.Context, d Downloads) context.Context {
	return context.WithValue(ctx, downloadsKey{}, d)
}

// DownloadsFrom returns the Downloads attached to ctx, or nil.
func DownloadsFrom(ctx context.Context) Downloads {
	if ctx == nil {
		return nil
	}
	d, _ := ctx.Value(downloadsKey{}).(Downloads)
	return d
}
