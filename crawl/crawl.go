// Package crawl downloads 政府信息公开工作年度报告 from government portals
// into a local folder and keeps DIR/manifest.jsonl (package crawl/manifest)
// up to date.
//
// From a listing page (the portal's 政府信息公开年报 column) it follows the
// pagination (下一页 links, index_1.html … pages, TRS createPageHTML pagers),
// picks the links whose title names a report with its year, saves each
// report page as DIR/<host>/<year>-<title>/page.html, and beside it the
// documents the page links to (.pdf .doc .docx .wps .rtf .mht .ofd) and the pictures in
// its article (tables published as images). Every request goes through
// Client: robots.txt, per-host spacing, an honest User-Agent, back-off and
// limits. A second run sends conditional requests and downloads only what
// changed. Crawling is sequential and never talks to any host but those
// given (and --allow-host).
package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"time"

	"github.com/nianbao/nianbao/crawl/manifest"
	nbhtml "github.com/nianbao/nianbao/extract/html"
	"github.com/nianbao/nianbao/internal/errtext"
)

// Options configure a crawl or fetch.
type Options struct {
	Dir        string // download folder
	UserAgent  string
	Limits     Limits
	AllowHosts []string // hosts beyond those of the start URLs
	Clock      Clock    // nil: the wall clock
	// Transport sends the requests (nil: http.DefaultTransport).
	Transport http.RoundTripper
	// Log, when set, receives one Chinese line per notable step.
	Log func(string)
}

// Summary is what a run did.
type Summary struct {
	Listings int // listing pages read
	Reports  int // report pages found (downloaded or unchanged)
	// New, Changed and Unchanged count the files recorded in the manifest
	// by this run (report pages, attachments, images).
	New, Changed, Unchanged int
	Requests                int      // HTTP requests sent, robots.txt included
	Skipped                 []*Error // left alone by policy (robots.txt, other host, a limit)
	Failed                  []*Error // could not be downloaded
}

// Crawler runs one crawl or fetch.
type Crawler struct {
	opt    Options
	client *Client
	old    *manifest.Manifest
	man    *manifest.Manifest
	sum    Summary

	seen      map[string]bool   // URLs queued or fetched this run
	listings  map[string]bool   // sha256 of listing pages read (the same page under two URLs)
	dirOwner  map[string]string // report folder (relative) → the URL it belongs to
	pathOwner map[string]string // file path (relative) → its URL
	pages     int
	files     int
	limitHit  map[string]bool
}

// New prepares a crawler: it reads DIR/manifest.jsonl of earlier runs.
func New(opt Options) (*Crawler, error) {
	if opt.Dir == "" {
		return nil, fmt.Errorf("没有给出下载目录")
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建下载目录 %s：%w", opt.Dir, errtext.Write(err))
	}
	old, err := manifest.Read(opt.Dir)
	if err != nil {
		return nil, err
	}
	c := &Crawler{
		opt:       opt,
		client:    NewClient(opt.UserAgent, opt.Limits, opt.Clock, opt.Transport),
		old:       old,
		man:       manifest.Empty(opt.Dir),
		seen:      map[string]bool{},
		listings:  map[string]bool{},
		dirOwner:  map[string]string{},
		pathOwner: map[string]string{},
		limitHit:  map[string]bool{},
	}
	for _, h := range opt.AllowHosts {
		c.client.AllowHost(h)
	}
	for _, e := range old.Entries() {
		e.Change = manifest.Unchecked
		c.man.Put(e)
		c.pathOwner[e.Path] = e.URL
		if e.Kind == manifest.KindPage {
			c.dirOwner[path.Dir(e.Path)] = e.URL
		}
	}
	return c, nil
}

// Summary is what the run has done so far.
func (c *Crawler) Summary() Summary {
	s := c.sum
	s.Requests = c.client.Requests()
	return s
}

func (c *Crawler) logf(format string, args ...any) {
	if c.opt.Log != nil {
		c.opt.Log(fmt.Sprintf(format, args...))
	}
}

func (c *Crawler) now() string { return c.client.Clock.Now().UTC().Format(time.RFC3339) }

// fail records err (an *Error or another error for the URL). A request
// cut by the run's own cancellation (Ctrl-C) is not a failure of the
// portal: the run says it was interrupted instead.
func (c *Crawler) fail(u string, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	e, ok := err.(*Error)
	if !ok {
		e = &Error{URL: u, Reason: ReasonNetwork, Msg: err.Error(), Err: err}
	}
	if e.URL == "" {
		e.URL = u
	}
	if e.Skipped() {
		c.sum.Skipped = append(c.sum.Skipped, e)
		c.logf("跳过 %s：%s", e.URL, e.Msg)
	} else {
		c.sum.Failed = append(c.sum.Failed, e)
		c.logf("失败 %s：%s", e.URL, e.Msg)
	}
}

// limit records that a limit stopped further downloads (once per limit).
func (c *Crawler) limit(u, which string, n int) {
	c.fail(u, &Error{URL: u, Reason: ReasonLimit, Msg: fmt.Sprintf("已达到%s上限 %d", which, n)})
	c.limitHit[which] = true
}

// finish writes the manifest.
func (c *Crawler) finish() error {
	return c.man.Write()
}

// listingItem is a listing page to read.
type listingItem struct {
	u       *url.URL
	foundOn string
	start   bool
	probe   int // >0: index_<probe> guessed from an index page without a pager
	dir     string
}

// Crawl reads the start URLs (listing pages or report pages) and downloads
// the reports they lead to. The manifest is written even when ctx is
// cancelled half-way; the error is then ctx's.
func (c *Crawler) Crawl(ctx context.Context, starts []string) (err error) {
	defer func() {
		if werr := c.finish(); werr != nil && err == nil {
			err = werr
		}
	}()
	var queue []listingItem
	for _, s := range starts {
		u, perr := url.Parse(strings.TrimSpace(s))
		if perr != nil || u.Host == "" {
			c.fail(s, &Error{URL: s, Reason: ReasonScheme, Msg: "地址无效"})
			continue
		}
		u.Fragment, u.RawFragment = "", ""
		c.client.AllowHost(u.Host)
		queue = append(queue, listingItem{u: u, start: true, dir: dirOf(u)})
	}
	var reports []reportItem
	for len(queue) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		it := queue[0]
		queue = queue[1:]
		key := it.u.String()
		if c.seen[key] {
			continue
		}
		c.seen[key] = true
		more, found := c.listing(ctx, it)
		queue = append(queue, more...)
		reports = append(reports, found...)
	}
	for _, r := range reports {
		if err := ctx.Err(); err != nil {
			return err
		}
		c.report(ctx, r)
		if err := c.man.Write(); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// reportItem is a report page (or a document linked straight from a
// listing) to download.
type reportItem struct {
	u       *url.URL
	text    string // the listing's link text
	foundOn string
	// page is set for a start URL that is itself a report page.
	page *fetched
	// document is true for a listing link that points straight at a file.
	document bool
}

// fetched is a downloaded page.
type fetched struct {
	resp *Response
	page *nbhtml.Page
}

func isHTML(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	if ct == "" || strings.HasPrefix(ct, "application/octet-stream") {
		ct = strings.ToLower(http.DetectContentType(body))
	}
	return strings.Contains(ct, "html") || strings.Contains(ct, "xml")
}

// listing reads one listing page and returns the listing pages and
// reports it leads to.
func (c *Crawler) listing(ctx context.Context, it listingItem) (more []listingItem, reports []reportItem) {
	us := it.u.String()
	if c.pages >= c.client.Limits.MaxPages {
		if !c.limitHit["页数"] {
			c.limit(us, "页数", c.client.Limits.MaxPages)
		}
		return nil, nil
	}
	c.pages++
	resp, err := c.client.Get(ctx, Request{URL: us})
	if err != nil {
		if e, ok := err.(*Error); ok && it.probe > 0 && e.Reason == ReasonStatus && e.Status == http.StatusNotFound {
			return nil, nil // a guessed index_N page that does not exist: the end of the listing
		}
		c.fail(us, err)
		return nil, nil
	}
	if !isHTML(resp.ContentType, resp.Body) {
		if it.start { // a start URL that is a document: keep it
			return nil, []reportItem{{u: it.u, document: true}}
		}
		return nil, nil
	}
	sum := sha256hex(resp.Body)
	if c.listings[sum] {
		return nil, nil
	}
	c.listings[sum] = true
	p, err := nbhtml.ParsePage(ctx, resp.Body, resp.ContentType)
	if err != nil {
		c.fail(us, &Error{URL: us, Reason: ReasonStatus, Status: resp.Status, Msg: err.Error(), Err: err})
		return nil, nil
	}
	final, _ := url.Parse(resp.FinalURL)
	links := discover(p, final)

	var found []reportItem
	seenHere := map[string]bool{}
	pager := false
	for _, l := range links {
		if l.Tag != "a" {
			continue
		}
		ls := l.URL.String()
		if _, ok := reportTitle(l.Text); ok && !seenHere[ls] {
			seenHere[ls] = true
			found = append(found, reportItem{u: l.URL, text: l.Text, foundOn: us, document: documentLink(l)})
			continue
		}
		if nextPageText(l.Text) || numberedListing(l.URL, it.dir) {
			pager = true
			if sameSite(l.URL, final) {
				more = append(more, listingItem{u: l.URL, foundOn: us, dir: it.dir})
			}
		}
	}
	for _, u := range pagerPages(p, final, c.client.Limits.MaxPages) {
		pager = true
		more = append(more, listingItem{u: u, foundOn: us, dir: it.dir})
	}

	// A start URL that is itself a report page.
	// Its title names a report, and it links to no more than a few other
	// report pages (related reading), none under its own title (a listing
	// whose only entry gave the page its title is still a listing); its
	// documents are its attachments.
	if it.start {
		if _, ok := reportTitle(p.Meta.Title); ok {
			others, titled := 0, false
			for _, f := range found {
				if f.document || f.u.String() == us || f.u.String() == resp.FinalURL {
					continue
				}
				others++
				titled = titled || strings.Contains(strings.Join(strings.Fields(f.text), ""), strings.Join(strings.Fields(p.Meta.Title), ""))
			}
			if others < 5 && !titled {
				c.pages-- // counted again as a report page
				return nil, []reportItem{{u: it.u, page: &fetched{resp: resp, page: p}}}
			}
		}
	}
	c.sum.Listings++
	c.logf("列表页 %s：%d 个报告链接", us, len(found))

	// An index page without any pager: try index_1.html, index_2.html …
	// until a page is missing or brings nothing new.
	if !pager && len(found) > 0 {
		if next := probeNext(final, it.probe); next != nil {
			newOnes := 0
			for _, f := range found {
				if !c.seen["report "+f.u.String()] {
					newOnes++
				}
			}
			if newOnes > 0 {
				more = append(more, listingItem{u: next, foundOn: us, probe: it.probe + 1, dir: it.dir})
			}
		}
	}
	for _, f := range found {
		k := "report " + f.u.String()
		if !c.seen[k] {
			c.seen[k] = true
			reports = append(reports, f)
		}
	}
	return more, reports
}

// probeNext is the index_<n+1> page beside an index page (n = 0 for the
// index page itself), or nil when u is not an index page.
func probeNext(u *url.URL, n int) *url.URL {
	dir, file := path.Split(u.Path)
	ext := ".html"
	switch {
	case file == "":
	case n == 0 && strings.HasPrefix(strings.ToLower(file), "index."):
		ext = path.Ext(file)
	case n > 0:
		ext = path.Ext(file)
	default:
		return nil
	}
	next := *u
	next.Path = dir + fmt.Sprintf("index_%d%s", n+1, ext)
	next.RawPath = ""
	next.RawQuery = ""
	return &next
}

func sameSite(a, b *url.URL) bool {
	return strings.EqualFold(a.Host, b.Host) && a.Scheme == b.Scheme
}

// dirOf is the folder part of u's path, with its final slash.
func dirOf(u *url.URL) string {
	d, _ := path.Split(u.Path)
	if d == "" {
		return "/"
	}
	return d
}
