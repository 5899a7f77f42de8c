package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Limits bound what one run may do. Zero fields take the defaults.
type Limits struct {
	// Rate is the most requests per second sent to one host (default 1).
	Rate float64
	// Timeout bounds one request, headers and body (default 60 s).
	Timeout time.Duration
	// MaxSize is the largest response body kept, in bytes (default 64 MiB).
	MaxSize int64
	// MaxRedirects is the longest redirect chain followed (default 5).
	MaxRedirects int
	// Retries is how many times a request answered 429 or 5xx is repeated
	// (default 3), after a back-off of 2 s, 4 s, 8 s … or the server's
	// Retry-After.
	Retries int
	// MaxRetryWait is the longest Retry-After honoured; a server asking for
	// more makes the request fail (default 2 min).
	MaxRetryWait time.Duration
	// MaxPages is the most HTML pages (listings and report pages) fetched
	// in one crawl (default 500).
	MaxPages int
	// MaxFiles is the most attachments and images fetched (default 2000).
	MaxFiles int
}

// Default limits.
const (
	DefaultRate         = 1.0
	DefaultTimeout      = 60 * time.Second
	DefaultMaxSize      = 64 << 20
	DefaultMaxRedirects = 5
	DefaultRetries      = 3
	DefaultMaxRetryWait = 2 * time.Minute
	DefaultMaxPages     = 500
	DefaultMaxFiles     = 2000
	backoffBase         = 2 * time.Second
)

func (l Limits) withDefaults() Limits {
	if l.Rate <= 0 {
		l.Rate = DefaultRate
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.MaxSize <= 0 {
		l.MaxSize = DefaultMaxSize
	}
	if l.MaxRedirects <= 0 {
		l.MaxRedirects = DefaultMaxRedirects
	}
	if l.Retries < 0 {
		l.Retries = 0
	} else if l.Retries == 0 {
		l.Retries = DefaultRetries
	}
	if l.MaxRetryWait <= 0 {
		l.MaxRetryWait = DefaultMaxRetryWait
	}
	if l.MaxPages <= 0 {
		l.MaxPages = DefaultMaxPages
	}
	if l.MaxFiles <= 0 {
		l.MaxFiles = DefaultMaxFiles
	}
	return l
}

// ProductToken is the name robots.txt groups are matched against.
const ProductToken = "nianbao"

// UserAgent is the honest User-Agent of nianbao version v.
func UserAgent(v string) string {
	return fmt.Sprintf("%s/%s (+https://github.com/nianbao/nianbao; 政府信息公开年报研究工具)", ProductToken, v)
}

// Request is one download; ETag and LastModified, when set, make it
// conditional (If-None-Match, If-Modified-Since).
type Request struct {
	URL          string
	ETag         string
	LastModified string
}

// Response is a finished download.
type Response struct {
	URL      string // as requested
	FinalURL string // after redirects
	Status   int    // 200…299, or 304 for a conditional request whose file has not changed
	// ContentType, ETag and LastModified are the response's headers.
	ContentType, ETag, LastModified string
	Body                            []byte // nil for 304
}

// NotModified reports a 304 answer.
func (r *Response) NotModified() bool { return r.Status == http.StatusNotModified }

// Why a URL was not fetched or failed.
const (
	ReasonScheme    = "scheme"             // not http or https
	ReasonHost      = "host"               // another host, not allowed by --allow-host
	ReasonRobots    = "robots"             // robots.txt forbids it
	ReasonNoRobots  = "robots-unreachable" // robots.txt could not be fetched (5xx, no connection): RFC 9309 keeps the host out for now, a failure to retry
	ReasonStatus    = "status"             // the server answered 4xx/5xx
	ReasonTooLarge  = "too-large"          // larger than MaxSize
	ReasonTimeout   = "timeout"            // no complete answer within Timeout
	ReasonRedirects = "redirects"          // a redirect loop or too long a chain
	ReasonNetwork   = "network"            // connection failed
	ReasonRetryWait = "retry-wait"
	ReasonLimit     = "limit" // MaxPages or MaxFiles reached
)

// Error is a URL that was not downloaded, and why.
type Error struct {
	URL    string
	Reason string // one of the Reason constants
	Status int    // HTTP status for ReasonStatus
	Msg    string // Chinese, for people
	Err    error
}

func (e *Error) Error() string { return e.URL + "：" + e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Skipped reports whether the URL was left alone by policy (robots.txt, the
// host rule, a limit) rather than failing.
func (e *Error) Skipped() bool {
	switch e.Reason {
	case ReasonScheme, ReasonHost, ReasonRobots, ReasonLimit:
		return true
	}
	return false
}

// Client downloads with the crawler's manners: robots.txt obeyed, requests
// to one host spaced by 1/Rate (or the robots Crawl-delay, whichever is
// longer), an honest User-Agent, back-off on 429/5xx, and caps on time,
// size and redirects. Only hosts in Hosts may be fetched. It is not safe
// for concurrent use: the crawl is sequential.
type Client struct {
	UserAgent string
	Limits    Limits
	Clock     Clock
	HTTP      *http.Client
	// Hosts are the hosts that may be fetched ("host" or "host:port").
	Hosts map[string]bool

	last     map[string]time.Time // per host: when the last request was sent
	robots   map[string]*Robots   // per scheme://host
	requests int
}

// NewClient returns a client; hosts may be added to Hosts afterwards.
func NewClient(userAgent string, limits Limits, clock Clock, transport http.RoundTripper) *Client {
	if clock == nil {
		clock = RealClock{}
	}
	if transport == nil {
		transport = http.DefaultTransport
	}
	return &Client{
		UserAgent: userAgent,
		Limits:    limits.withDefaults(),
		Clock:     clock,
		HTTP: &http.Client{Transport: transport,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		Hosts:  map[string]bool{},
		last:   map[string]time.Time{},
		robots: map[string]*Robots{},
	}
}

// Requests is the number of HTTP requests sent so far (robots.txt included).
func (c *Client) Requests() int { return c.requests }

// AllowHost adds a host ("example.gov.cn" for any port, or "host:port").
func (c *Client) AllowHost(h string) {
	if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
		c.Hosts[h] = true
	}
}

// hostAllowed reports whether u's host may be fetched. A host and its
// "www." form are one site (portals redirect example.gov.cn to
// www.example.gov.cn).
func (c *Client) hostAllowed(u *url.URL) bool {
	h, name := strings.ToLower(u.Host), strings.ToLower(u.Hostname())
	for _, v := range []string{h, name} {
		if c.Hosts[v] {
			return true
		}
		if strings.HasPrefix(v, "www.") {
			if c.Hosts[strings.TrimPrefix(v, "www.")] {
				return true
			}
		} else if c.Hosts["www."+v] {
			return true
		}
	}
	return false
}

// Check reports whether u may be fetched (scheme, host, robots.txt), fetching
// the host's robots.txt if it is not known yet.
func (c *Client) Check(ctx context.Context, u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return &Error{URL: u.String(), Reason: ReasonScheme, Msg: fmt.Sprintf("只抓取 http/https 地址（此地址为 %s）", u.Scheme)}
	}
	if !c.hostAllowed(u) {
		return &Error{URL: u.String(), Reason: ReasonHost, Msg: fmt.Sprintf("主机 %s 不在抓取范围内（可用 --allow-host 加入）", u.Host)}
	}
	rb, err := c.robotsFor(ctx, u)
	if err != nil {
		return err
	}
	if !rb.Allowed(ProductToken, u.EscapedPath()+queryPart(u)) {
		if rb.unreachable != "" {
			return &Error{URL: u.String(), Reason: ReasonNoRobots,
				Msg: "无法获取该网站的 robots.txt（" + rb.unreachable + "），按 RFC 9309 暂不抓取该网站，可稍后重试"}
		}
		return &Error{URL: u.String(), Reason: ReasonRobots, Msg: "robots.txt 不允许抓取"}
	}
	return nil
}

func queryPart(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	return "?" + u.RawQuery
}

// robotsFor fetches and caches the robots.txt of u's host (RFC 9309: a 4xx
// answer allows everything; a 5xx answer or an unreachable host disallows
// everything).
func (c *Client) robotsFor(ctx context.Context, u *url.URL) (*Robots, error) {
	key := u.Scheme + "://" + strings.ToLower(u.Host)
	if r, ok := c.robots[key]; ok {
		return r, nil
	}
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	var rb *Robots
	for hop := 0; ; hop++ {
		resp, err := c.once(ctx, ru, Request{}, 512<<10)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			var e *Error
			if errors.As(err, &e) && e.Reason == ReasonStatus && e.Status >= 400 && e.Status < 500 {
				rb = &Robots{}
			} else if errors.As(err, &e) && e.Reason == ReasonTooLarge {
				rb = &Robots{} // RFC 9309: parse what fits; we treat an oversized file as silent
			} else {
				why := err.Error()
				if errors.As(err, &e) {
					why = e.Msg
				}
				rb = disallowBecause(why)
			}
			break
		}
		if loc := resp.location; loc != nil {
			if hop >= c.Limits.MaxRedirects || !strings.EqualFold(loc.Host, u.Host) {
				rb = &Robots{}
				break
			}
			ru = loc
			continue
		}
		rb = ParseRobots(resp.Body)
		break
	}
	c.robots[key] = rb
	return rb, nil
}

// Get downloads one URL, following redirects (each hop checked like the
// first: scheme, host, robots.txt), and returns the final response or an
// *Error.
func (c *Client) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil, &Error{URL: req.URL, Reason: ReasonScheme, Msg: "地址无效", Err: err}
	}
	seen := map[string]bool{u.String(): true}
	for hop := 0; ; hop++ {
		if err := c.Check(ctx, u); err != nil {
			return nil, err
		}
		resp, err := c.once(ctx, u, req, c.Limits.MaxSize)
		if err != nil {
			return nil, err
		}
		if loc := resp.location; loc != nil {
			if seen[loc.String()] {
				return nil, &Error{URL: req.URL, Reason: ReasonRedirects, Msg: fmt.Sprintf("重定向循环（%s）", loc)}
			}
			if hop+1 > c.Limits.MaxRedirects {
				return nil, &Error{URL: req.URL, Reason: ReasonRedirects, Msg: fmt.Sprintf("重定向超过 %d 次", c.Limits.MaxRedirects)}
			}
			seen[loc.String()] = true
			u = loc
			continue
		}
		resp.URL, resp.FinalURL = req.URL, u.String()
		return &resp.Response, nil
	}
}

type hopResponse struct {
	Response
	location *url.URL // set for a redirect
}

// once sends one request to u (with retries on 429/5xx), spaced from the
// previous request to the same host, and reads the body up to maxSize.
func (c *Client) once(ctx context.Context, u *url.URL, req Request, maxSize int64) (*hopResponse, error) {
	us := u.String()
	for attempt := 0; ; attempt++ {
		if err := c.wait(ctx, u); err != nil {
			return nil, err
		}
		resp, retryAfter, err := c.send(ctx, u, req, maxSize)
		// The next request waits from the end of this one, so the server
		// sees requests at least the gap apart whatever the latency.
		c.last[strings.ToLower(u.Host)] = c.Clock.Now()
		if err == nil {
			return resp, nil
		}
		var e *Error
		if !errors.As(err, &e) || e.Reason != ReasonStatus || !retryable(e.Status) || attempt >= c.Limits.Retries {
			return nil, err
		}
		w := backoffBase << attempt
		if retryAfter >= 0 {
			w = retryAfter
		}
		if w > c.Limits.MaxRetryWait {
			return nil, &Error{URL: us, Reason: ReasonRetryWait, Status: e.Status,
				Msg: fmt.Sprintf("服务器要求等待 %v 后重试（HTTP %d），超过上限 %v", w, e.Status, c.Limits.MaxRetryWait)}
		}
		if err := c.Clock.Sleep(ctx, w); err != nil {
			return nil, err
		}
	}
}

func retryable(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// wait spaces requests to one host: at least 1/Rate, or the host's robots
// Crawl-delay when longer, since the previous request ended.
func (c *Client) wait(ctx context.Context, u *url.URL) error {
	host := strings.ToLower(u.Host)
	gap := time.Duration(float64(time.Second) / c.Limits.Rate)
	if rb := c.robots[u.Scheme+"://"+host]; rb != nil {
		gap = max(gap, min(rb.CrawlDelay(ProductToken), c.Limits.MaxRetryWait))
	}
	if last, ok := c.last[host]; ok {
		if d := last.Add(gap).Sub(c.Clock.Now()); d > 0 {
			if err := c.Clock.Sleep(ctx, d); err != nil {
				return err
			}
		}
	}
	c.last[host] = c.Clock.Now()
	return nil
}

// send performs one HTTP exchange under the time limit and reads the body.
// retryAfter is the server's Retry-After (-1 when absent).
func (c *Client) send(ctx context.Context, u *url.URL, req Request, maxSize int64) (*hopResponse, time.Duration, error) {
	us := u.String()
	ctx, cancel := context.WithTimeout(ctx, c.Limits.Timeout)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, us, nil)
	if err != nil {
		return nil, -1, &Error{URL: us, Reason: ReasonNetwork, Msg: "无法构造请求", Err: err}
	}
	hr.Header.Set("User-Agent", c.UserAgent)
	hr.Header.Set("Accept", "*/*")
	if req.ETag != "" {
		hr.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hr.Header.Set("If-Modified-Since", req.LastModified)
	}
	c.requests++
	resp, err := c.HTTP.Do(hr)
	if err != nil {
		return nil, -1, c.transportError(ctx, us, err)
	}
	defer resp.Body.Close()
	out := &hopResponse{Response: Response{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return out, -1, nil
	case resp.StatusCode >= 300 && resp.StatusCode < 400 && resp.Header.Get("Location") != "":
		loc, err := u.Parse(resp.Header.Get("Location"))
		if err != nil {
			return nil, -1, &Error{URL: us, Reason: ReasonRedirects, Msg: "重定向地址无效", Err: err}
		}
		loc.Fragment, loc.RawFragment = "", ""
		out.location = loc
		return out, -1, nil
	case resp.StatusCode < 200 || resp.StatusCode >= 300:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, retryAfter(resp.Header.Get("Retry-After"), c.Clock.Now()),
			&Error{URL: us, Reason: ReasonStatus, Status: resp.StatusCode, Msg: fmt.Sprintf("服务器返回 HTTP %d", resp.StatusCode)}
	}
	if resp.ContentLength > maxSize {
		return nil, -1, &Error{URL: us, Reason: ReasonTooLarge,
			Msg: fmt.Sprintf("文件大小 %d 字节，超过上限 %d 字节", resp.ContentLength, maxSize)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxSize+1))
	if err != nil {
		return nil, -1, c.transportError(ctx, us, err)
	}
	if int64(len(body)) > maxSize {
		return nil, -1, &Error{URL: us, Reason: ReasonTooLarge, Msg: fmt.Sprintf("文件超过大小上限 %d 字节", maxSize)}
	}
	out.Body = body
	return out, -1, nil
}

func (c *Client) transportError(ctx context.Context, us string, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &Error{URL: us, Reason: ReasonTimeout, Msg: fmt.Sprintf("超过时限 %v 仍未下载完", c.Limits.Timeout), Err: err}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return &Error{URL: us, Reason: ReasonNetwork, Msg: "连接失败：" + netProblem(err), Err: err}
}

// retryAfter reads a Retry-After header: seconds or an HTTP date; -1 when
// absent or unreadable.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return -1
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return -1
}
