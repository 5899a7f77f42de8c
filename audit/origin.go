package audit

import (
	"context"

	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/extract"
)

// PublishedFromManifest is the PublishedFrom value of a publication date
// taken from the crawl manifest (the report page's own date).
const PublishedFromManifest = "manifest"

// origin looks up where a file was downloaded from (the manifest written by
// `nianbao crawl`/`fetch`), when opt.Manifests is set. When doc is not nil,
// the page's metadata reaches the document: the page's publication date
// replaces a missing one or one that only says when the file was made (PDF
// document information, DOCX core properties), and the page's title fills
// a missing title. A manifest that cannot be read becomes a problem of the
// document.
func (opt Options) origin(path string, doc *extract.Document) *manifest.Entry {
	if opt.Manifests == nil {
		return nil
	}
	e, ok, err := opt.Manifests.Lookup(path)
	if err != nil && doc != nil {
		doc.Problems = append(doc.Problems, extract.Problem{Code: "manifest", Message: err.Error()})
	}
	if !ok {
		return nil
	}
	if doc != nil {
		m := &doc.Meta
		if e.Published != "" && (m.Published == "" || m.PublishedFrom == "pdf-info" || m.PublishedFrom == "docx-core") {
			m.Published, m.PublishedFrom = e.Published, PublishedFromManifest
		}
		if m.Title == "" && e.Title != "" {
			m.Title = e.Title
		}
	}
	return &e
}

// downloads attaches opt.Manifests to ctx as where crawled pages' pictures
// were saved (extract.Downloads), when it is set.
func (opt Options) downloads(ctx context.Context) context.Context {
	if opt.Manifests == nil {
		return ctx
	}
	return extract.WithDownloads(ctx, opt.Manifests)
}
