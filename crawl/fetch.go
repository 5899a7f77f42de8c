package crawl

import (
	"context"
	"net/url"
	"strings"

	"github.com/nianbao/nianbao/crawl/manifest"
	nbhtml "github.com/nianbao/nianbao/extract/html"
)

// Fetch downloads the given URLs themselves, with the same manners and
// limits as a crawl, and follows no links. A page whose title names a report
// is stored like a crawled report page (<host>/<year>-<title>/page.html,
// with its title and publication date in the manifest); anything else goes
// to <host>/<file name>.
func (c *Crawler) Fetch(ctx context.Context, urls []string) (err error) {
	defer func() {
		if werr := c.finish(); werr != nil && err == nil {
			err = werr
		}
	}()
	var todo []*url.URL
	for _, s := range urls {
		u, perr := url.Parse(strings.TrimSpace(s))
		if perr != nil || u.Host == "" {
			c.fail(s, &Error{URL: s, Reason: ReasonScheme, Msg: "地址无效"})
			continue
		}
		u.Fragment, u.RawFragment = "", ""
		c.client.AllowHost(u.Host)
		todo = append(todo, u)
	}
	for _, u := range todo {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, ok := c.download(ctx, u)
		if !ok {
			continue
		}
		resp, body, prior, hasPrior, us := d.resp, d.body, d.prior, d.hasPrior, u.String()
		kind, dir, info := manifest.KindFile, hostDir(u), pageInfo{}
		if isHTML(resp.ContentType, body) {
			if p, err := nbhtml.ParsePage(ctx, body, resp.ContentType); err == nil {
				if y, ok := reportTitle(p.Meta.Title); ok {
					info = pageInfo{url: us, title: p.Meta.Title, year: y, published: p.Meta.Published,
						publishedFrom: p.Meta.PublishedFrom, articleChars: contentChars(textOf(p.Article))}
					kind, dir = manifest.KindPage, c.reportDir(u, info)
					c.sum.Reports++
				}
			}
		}
		if hasPrior {
			kind = prior.Kind
		}
		c.store(resp, body, prior, hasPrior, kind, dir, "", info)
		if err := c.man.Write(); err != nil {
			return err
		}
	}
	return ctx.Err()
}
