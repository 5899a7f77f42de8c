// Package mhtml reads web pages saved as one file — MHTML (.mht, .mhtml), what
// browsers write for "网页，单个文件" and Word and WPS for "单个文件网页": a MIME
// message (RFC 2557) whose parts are the page and everything it shows. The
// page part is read by the HTML reader, passed in by extract/load so that
// backends do not import each other, with the pictures the message holds.
package mhtml

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/mail"
	"net/url"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/errtext"
)

// maxParts bounds the parts read from one file: a saved page has dozens.
const maxParts = 10000

// Pictures gives the bytes of a picture the page shows (html.Pictures).
type Pictures = func(src string) (data []byte, ok bool)

// ReadPage reads the page part: html.ExtractPage.
type ReadPage func(ctx context.Context, path string, data []byte, contentType string, pictures Pictures) (*extract.Document, error)

// Backend registers MHTML with extract/load, reading the page with read.
func Backend(read ReadPage) extract.Backend {
	return extract.Backend{
		Format:     extract.FormatHTML,
		Name:       "单个文件网页（MHTML）",
		Extensions: []string{".mht", ".mhtml"},
		Sniff: func(ext string, head []byte) extract.Verdict {
			if looksLikeMHTML(head) {
				return extract.ByContent
			}
			if ext == ".mht" || ext == ".mhtml" {
				return extract.ByName
			}
			return extract.No
		},
		Extract: func(ctx context.Context, path string, data []byte) (*extract.Document, error) {
			return Extract(ctx, path, data, read)
		},
	}
}

// looksLikeMHTML reports whether a file starts as a MIME message whose body
// is a multipart/related page.
func looksLikeMHTML(head []byte) bool {
	h := bytes.ToLower(head[:min(len(head), 4096)])
	return bytes.Contains(h, []byte("mime-version:")) && bytes.Contains(h, []byte("multipart/related"))
}

// part is one decoded part of the message.
type part struct {
	contentType string // the part's Content-Type, parameters included
	mediaType   string // its lower-case media type (text/html)
	location    string // Content-Location
	id          string // Content-ID without its angle brackets
	body        []byte
}

// Extract reads the page of an MHTML file with read, the pictures of the
// file given to it by their Content-Location (resolved against the page's)
// or Content-ID (cid:). The document's digest is the whole file's.
func Extract(ctx context.Context, path string, data []byte, read ReadPage) (*extract.Document, error) {
	if !extract.HasBudget(ctx) { // one budget for the parts, the pictures and the page's reading
		ctx = extract.WithBudget(ctx, extract.NewBudget(extract.DefaultBudget))
	}
	page, parts, err := split(ctx, data)
	if err != nil {
		return nil, fmt.Errorf("mhtml %s: %w", path, err)
	}
	doc, err := read(ctx, path, page.body, page.contentType, pictures(extract.BudgetFrom(ctx), page, parts))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	doc.SHA256 = hex.EncodeToString(sum[:])
	return doc, nil
}

// split decodes the message's pages and pictures (other parts are not
// needed), spending the document's memory budget on them, and picks the
// page: the HTML part the message's start parameter names, else the one at
// its Snapshot-Content-Location (what Chromium writes), else the first.
func split(ctx context.Context, data []byte) (page part, parts []part, err error) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return part{}, nil, fmt.Errorf("不是有效的单个文件网页（MIME 邮件头无法解析：%s）", errtext.Data(err))
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(mt, "multipart/") || params["boundary"] == "" {
		return part{}, nil, fmt.Errorf("不是有效的单个文件网页（Content-Type 不是带分隔符的 multipart：%q）", msg.Header.Get("Content-Type"))
	}
	budget := extract.BudgetFrom(ctx)
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for range maxParts {
		if err := ctx.Err(); err != nil {
			return part{}, nil, err
		}
		p, err := mr.NextRawPart() // quoted-printable is decoded below, leniently
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if len(parts) > 0 {
				break // a file cut short: the parts before the damage are whole
			}
			return part{}, nil, fmt.Errorf("单个文件网页的内容无法解析：%s", errtext.Data(err))
		}
		ct := p.Header.Get("Content-Type")
		media, _, _ := mime.ParseMediaType(ct)
		media = strings.ToLower(media)
		page := media == "text/html" || media == "application/xhtml+xml"
		if !page && !strings.HasPrefix(media, "image/") {
			continue // styles, scripts, fonts: not read (NextRawPart skips the rest of a part)
		}
		body, fits, rerr := readPart(p, p.Header.Get("Content-Transfer-Encoding"), budget)
		if rerr != nil && len(body) == 0 && fits {
			continue // a damaged part: the others are still read
		}
		if !fits || !budget.TrySpend(int64(len(body))) {
			if page {
				return part{}, nil, fmt.Errorf("单个文件网页的网页部分%w（上限 %d MB）", extract.ErrBudget, budget.Limit()>>20)
			}
			continue // a picture past the budget is not read: the text is
		}
		parts = append(parts, part{contentType: ct, mediaType: media,
			location: strings.TrimSpace(p.Header.Get("Content-Location")),
			id:       strings.Trim(strings.TrimSpace(p.Header.Get("Content-ID")), "<>"), body: body})
	}
	start := strings.Trim(params["start"], "<>")
	snapshot := strings.TrimSpace(msg.Header.Get("Snapshot-Content-Location"))
	isPage := func(p part) bool { return p.mediaType == "text/html" || p.mediaType == "application/xhtml+xml" }
	for _, want := range []func(part) bool{
		func(p part) bool { return start != "" && p.id == start },
		func(p part) bool { return snapshot != "" && p.location == snapshot },
		func(p part) bool { return true },
	} {
		for _, p := range parts {
			if isPage(p) && want(p) {
				return p, parts, nil
			}
		}
	}
	return part{}, nil, fmt.Errorf("单个文件网页中没有网页部分（text/html）")
}

// readPart decodes a part's body (base64, quoted-printable, or as it is),
// reading no more of it than the budget has left could hold decoded; fits
// is false when the decoded body would not fit.
func readPart(p io.Reader, encoding string, budget *extract.Budget) (body []byte, fits bool, err error) {
	left := int64(-1) // no limit
	if budget.Limit() > 0 {
		left = max(0, budget.Limit()-budget.Used())
	}
	encoding = strings.ToLower(strings.TrimSpace(encoding))
	lr := &io.LimitedReader{R: p, N: math.MaxInt64}
	if left >= 0 {
		// the most raw bytes a body of left bytes takes, and one more
		switch encoding {
		case "base64":
			lr.N = left/3*4 + left/54*2 + 8 // 4 per 3, a line end per 76 characters
		case "quoted-printable":
			lr.N = 3*left + left/25*3 + 8 // "=XX" per byte, a soft break per 76 characters
		default:
			lr.N = left + 1
		}
	}
	switch encoding {
	case "base64":
		body, err = io.ReadAll(base64.NewDecoder(base64.StdEncoding, lr))
	case "quoted-printable":
		body, err = io.ReadAll(lr)
		body = decodeQP(body)
	default: // 7bit, 8bit, binary
		body, err = io.ReadAll(lr)
	}
	fits = left < 0 || lr.N > 0 && int64(len(body)) <= left
	return body, fits, err
}

// pictures looks up an <img src> among the parts: by Content-ID for cid:,
// else by Content-Location, the src as written or resolved against the
// page's location.
func pictures(budget *extract.Budget, page part, parts []part) Pictures {
	byLocation, byID := map[string][]byte{}, map[string][]byte{}
	for _, p := range parts {
		if !strings.HasPrefix(p.mediaType, "image/") {
			continue
		}
		if p.location != "" {
			byLocation[p.location] = p.body
		}
		if p.id != "" {
			byID[p.id] = p.body
		}
	}
	base, _ := url.Parse(page.location)
	find := func(src string) ([]byte, bool) {
		if id, ok := strings.CutPrefix(src, "cid:"); ok {
			data, ok := byID[id]
			return data, ok
		}
		if data, ok := byLocation[src]; ok {
			return data, true
		}
		if base != nil {
			if u, err := base.Parse(src); err == nil {
				data, ok := byLocation[u.String()]
				return data, ok
			}
		}
		return nil, false
	}
	// A picture handed to the page's reader is spent from the budget
	// there: what split spent on it is given back, once per picture.
	given := map[*byte]bool{}
	return func(src string) ([]byte, bool) {
		data, ok := find(src)
		if ok && len(data) > 0 && !given[&data[0]] {
			given[&data[0]] = true
			budget.Release(int64(len(data)))
		}
		return data, ok
	}
}

// decodeQP decodes quoted-printable as mail readers do, leniently: "=XY"
// is the byte XY, "=" at the end of a line joins it to the next, and
// anything else — an "=" not followed by two hex digits, control bytes,
// lines of any length — stands for itself (Go's reader stops at the
// first such byte or at a line longer than its buffer, which would cut the
// page there).
func decodeQP(b []byte) []byte {
	out := b[:0] // decoding never grows the text
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '=' {
			out = append(out, c)
			continue
		}
		switch {
		case i+2 < len(b) && hexValue(b[i+1]) >= 0 && hexValue(b[i+2]) >= 0:
			out = append(out, byte(hexValue(b[i+1])<<4|hexValue(b[i+2])))
			i += 2
		default:
			// a soft line break: "=", blanks, then a line end
			j := i + 1
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			switch {
			case j < len(b) && b[j] == '\n':
				i = j
			case j+1 < len(b) && b[j] == '\r' && b[j+1] == '\n':
				i = j + 1
			case j == len(b):
				i = j
			default:
				out = append(out, c)
			}
		}
	}
	return out
}

func hexValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
