package crawl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/crawl/manifest"
	nbhtml "github.com/nianbao/nianbao/extract/html"
	"github.com/nianbao/nianbao/internal/errtext"
	"github.com/nianbao/nianbao/internal/regular"
)

func sha256hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// pageInfo is what a report page says about the report, carried by every
// file of the report in the manifest.
type pageInfo struct {
	url           string // the report page, or the document linked from a listing
	articleChars  int    // of the report page's article
	title         string
	year          int
	published     string
	publishedFrom string
}

// report downloads one report page and its attachments and images (or,
// for a document linked straight from a listing, that document).
func (c *Crawler) report(ctx context.Context, r reportItem) {
	us := r.u.String()
	if r.document {
		year, _ := reportTitle(r.text)
		info := pageInfo{url: us, title: cleanTitle(r.text), year: year}
		dir := c.reportDir(r.u, info)
		c.file(ctx, r.u, manifest.KindAttachment, dir, r.foundOn, info)
		c.sum.Reports++
		return
	}
	if c.pages >= c.client.Limits.MaxPages {
		if !c.limitHit["页数"] {
			c.limit(us, "页数", c.client.Limits.MaxPages)
		}
		return
	}
	c.pages++
	prior, hasPrior := c.priorFor(us)
	f := r.page
	var body []byte
	var resp *Response
	if f != nil {
		resp, body = f.resp, f.resp.Body
	} else {
		var err error
		resp, body, err = c.get(ctx, us, prior, hasPrior)
		if err != nil {
			c.fail(us, err)
			return
		}
	}
	if !isHTML(resp.ContentType, body) {
		// The "report page" is a document itself.
		year, _ := reportTitle(r.text)
		info := pageInfo{url: us, title: cleanTitle(r.text), year: year}
		c.store(resp, body, prior, hasPrior, manifest.KindAttachment, c.reportDir(r.u, info), r.foundOn, info)
		c.sum.Reports++
		return
	}
	var p *nbhtml.Page
	if f != nil {
		p = f.page
	} else {
		var err error
		if p, err = nbhtml.ParsePage(ctx, body, resp.ContentType); err != nil {
			c.fail(us, &Error{URL: us, Reason: ReasonStatus, Msg: err.Error(), Err: err})
			return
		}
	}
	info := pageInfo{url: us, published: p.Meta.Published, publishedFrom: p.Meta.PublishedFrom,
		articleChars: contentChars(textOf(p.Article))}
	if y, ok := reportTitle(p.Meta.Title); ok {
		info.title, info.year = p.Meta.Title, y
	} else if y, ok := reportTitle(r.text); ok {
		info.title, info.year = cleanTitle(r.text), y
	} else {
		info.title = p.Meta.Title
	}
	dir := c.reportDir(r.u, info)
	if hasPrior && prior.Kind == manifest.KindPage {
		dir = path.Dir(prior.Path)
	}
	e := c.store(resp, body, prior, hasPrior, manifest.KindPage, dir, r.foundOn, info)
	if e == nil {
		return
	}
	c.sum.Reports++
	final, _ := url.Parse(resp.FinalURL)
	if final == nil {
		final = r.u
	}
	c.logf("报告页 %s：%s", us, orDash(info.title))
	done := map[string]bool{us: true, resp.FinalURL: true}
	for _, l := range discover(p, final) {
		ls := l.URL.String()
		if done[ls] {
			continue
		}
		switch {
		case documentLink(l) && (l.Tag == "a" || l.Tag == "script" || l.Tag == "frame"):
			done[ls] = true
			c.file(ctx, l.URL, manifest.KindAttachment, dir, us, info)
		case l.Tag == "img" && l.InArticle:
			done[ls] = true
			c.file(ctx, l.URL, manifest.KindImage, dir, us, info)
		}
	}
}

// contentChars counts CJK characters and digits: the measure of report text.
func contentChars(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// cleanTitle is a listing link's text without the date or the "..." a
// listing appends.
func cleanTitle(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for ext := range documentExts {
		if strings.HasSuffix(strings.ToLower(s), ext) {
			s = s[:len(s)-len(ext)]
		}
	}
	s = strings.TrimRight(s, ".… ")
	return s
}

// priorFor is the manifest entry of an earlier run for URL u.
func (c *Crawler) priorFor(u string) (manifest.Entry, bool) {
	e, ok := c.old.ByURL(u)
	return e, ok
}

// get downloads u, conditionally when an earlier run stored it and the file
// is still there; for a 304 the stored bytes are returned.
func (c *Crawler) get(ctx context.Context, u string, prior manifest.Entry, hasPrior bool) (*Response, []byte, error) {
	req := Request{URL: u}
	var stored []byte
	if hasPrior {
		if full, err := within(c.opt.Dir, prior.Path); err == nil {
			if b, err := regular.Read(full, c.client.Limits.MaxSize); err == nil && sha256hex(b) == prior.SHA256 {
				stored = b
				req.ETag, req.LastModified = prior.ETag, prior.LastModified
			}
		}
	}
	resp, err := c.client.Get(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	if resp.NotModified() {
		if stored == nil { // a 304 to a request we did not make conditional
			return nil, nil, &Error{URL: u, Reason: ReasonStatus, Status: resp.Status, Msg: "服务器返回 304，但本地没有该文件"}
		}
		if resp.ContentType == "" {
			resp.ContentType = prior.ContentType
		}
		return resp, stored, nil
	}
	return resp, resp.Body, nil
}

// file downloads one attachment or image of a report into dir.
func (c *Crawler) file(ctx context.Context, u *url.URL, kind, dir, foundOn string, info pageInfo) {
	d, ok := c.download(ctx, u)
	if !ok {
		return
	}
	c.store(d.resp, d.body, d.prior, d.hasPrior, kind, dir, foundOn, info)
}

// store writes a downloaded file under dir (or where an earlier run put it)
// and records it in the manifest. It returns nil when the file could not be
// written.
func (c *Crawler) store(resp *Response, body []byte, prior manifest.Entry, hasPrior bool, kind, dir, foundOn string, info pageInfo) *manifest.Entry {
	now := c.now()
	rel := ""
	if hasPrior {
		rel = prior.Path
	} else {
		name := "page.html"
		if kind != manifest.KindPage {
			u, _ := url.Parse(resp.FinalURL)
			if u == nil {
				u, _ = url.Parse(resp.URL)
			}
			name = fileNameFor(u, resp.ContentType)
		}
		rel = c.uniquePath(dir, name, resp.URL)
	}
	full, err := within(c.opt.Dir, rel)
	if err != nil {
		c.fail(resp.URL, &Error{URL: resp.URL, Reason: ReasonNetwork, Msg: "无法保存：" + err.Error(), Err: err})
		return nil
	}
	sum := sha256hex(body)
	change := manifest.New
	switch {
	case resp.NotModified():
		change = manifest.Unchanged
	case hasPrior && prior.SHA256 == sum:
		change = manifest.Unchanged
	case hasPrior:
		change = manifest.Changed
	}
	write := !resp.NotModified()
	if change == manifest.Unchanged && write {
		if b, err := regular.Read(full, c.client.Limits.MaxSize); err == nil && sha256hex(b) == sum {
			write = false
		}
	}
	if write {
		if err := writeFile(full, body); err != nil {
			c.fail(resp.URL, &Error{URL: resp.URL, Reason: ReasonNetwork, Msg: fmt.Sprintf("无法保存到 %s：%v", full, errtext.Write(err)), Err: err})
			return nil
		}
	}
	e := manifest.Entry{
		Path: rel, URL: resp.URL, FinalURL: resp.FinalURL, FoundOn: foundOn, Kind: kind,
		Fetched: now, Checked: now, Status: resp.Status, ContentType: resp.ContentType,
		Size: int64(len(body)), SHA256: sum, LastModified: resp.LastModified, ETag: resp.ETag,
		Title: info.title, Year: info.year, Published: info.published, PublishedFrom: info.publishedFrom,
		ReportURL: info.url, Change: change,
	}
	if kind == manifest.KindPage {
		e.ArticleChars = info.articleChars
	}
	if resp.NotModified() {
		// Keep what the earlier run learnt from the full answer.
		e.Fetched, e.FinalURL = prior.Fetched, prior.FinalURL
		if e.ContentType == "" || e.ContentType != prior.ContentType {
			e.ContentType = prior.ContentType
		}
		if e.ETag == "" {
			e.ETag = prior.ETag
		}
		if e.LastModified == "" {
			e.LastModified = prior.LastModified
		}
	}
	if err := c.man.Put(e); err != nil {
		c.fail(resp.URL, err)
		return nil
	}
	c.pathOwner[rel] = resp.URL
	switch change {
	case manifest.New:
		c.sum.New++
	case manifest.Changed:
		c.sum.Changed++
	default:
		c.sum.Unchanged++
	}
	return &e
}

// extFor is the file extension a content type implies (".pdf" for
// application/pdf), "" when unknown.
func extFor(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	switch mt {
	case "application/pdf":
		return ".pdf"
	case "application/msword":
		return ".doc"
	case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		return ".docx"
	case "application/ofd":
		return ".ofd"
	case "message/rfc822", "multipart/related", "application/x-mimearchive":
		return ".mht"
	case "text/html":
		return ".html"
	case "image/png":
		return ".png"
	case "image/jpeg":
		return ".jpg"
	case "image/gif":
		return ".gif"
	}
	return ""
}

// reportDir is the folder of a report: <host>/<year>-<title>, unique among
// the reports of this and earlier runs.
func (c *Crawler) reportDir(u *url.URL, info pageInfo) string {
	slug := info.title
	if slug == "" {
		slug = strings.TrimSuffix(urlFileName(u, ""), path.Ext(urlFileName(u, "")))
	}
	slug = safeName(slug, maxSlug)
	name := slug
	if info.year > 0 {
		name = fmt.Sprintf("%d-%s", info.year, slug)
	}
	name = safeName(name, maxSegment)
	base := hostDir(u) + "/" + name
	owner := u.String()
	dir := base
	for i := 2; ; i++ {
		if o, ok := c.dirOwner[dir]; !ok || o == owner {
			break
		}
		dir = fmt.Sprintf("%s-%d", base, i)
	}
	c.dirOwner[dir] = owner
	return dir
}

// uniquePath is dir/name, or dir/name-2.ext … when another URL already
// owns that path.
func (c *Crawler) uniquePath(dir, name, owner string) string {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	rel := dir + "/" + name
	for i := 2; ; i++ {
		if o, ok := c.pathOwner[rel]; !ok || o == owner {
			break
		}
		rel = fmt.Sprintf("%s/%s-%d%s", dir, stem, i, ext)
	}
	c.pathOwner[rel] = owner
	return rel
}

// downloaded is one file fetched by download, with the manifest entry of
// an earlier run for its URL.
type downloaded struct {
	resp     *Response
	body     []byte
	prior    manifest.Entry
	hasPrior bool
}

// download fetches a file URL once per run, within the file limit; a
// failure is recorded and ok is false.
func (c *Crawler) download(ctx context.Context, u *url.URL) (d downloaded, ok bool) {
	us := u.String()
	if c.seen["file "+us] {
		return d, false
	}
	c.seen["file "+us] = true
	if c.files >= c.client.Limits.MaxFiles {
		if !c.limitHit["文件数"] {
			c.limit(us, "文件数", c.client.Limits.MaxFiles)
		}
		return d, false
	}
	c.files++
	d.prior, d.hasPrior = c.priorFor(us)
	var err error
	d.resp, d.body, err = c.get(ctx, us, d.prior, d.hasPrior)
	if err != nil {
		c.fail(us, err)
		return d, false
	}
	return d, true
}
