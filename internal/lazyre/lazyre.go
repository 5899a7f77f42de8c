// Package lazyre is a regular expression compiled on first use.
//
// A package-level regexp.MustCompile runs at start-up in every nianbao
// process, whether or not the process reads the format or runs the
// command it belongs to (a PDF audit never needs the HTML or crawler
// expressions); each costs tens of microseconds and a few hundred
// allocations, together a measurable share of a one-file run. A
// *lazyre.Regexp declared the same way compiles on its first match
// instead, and offers the methods nianbao uses with regexp's meaning.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a regexp.Regexp compiled on first use; safe for concurrent use.
type Regexp struct {
	src string
	re  func() *regexp.Regexp
}

// New returns the expression src, compiled (and checked: a bad expression
// panics, like regexp.MustCompile) on first use.
func New(src string) *Regexp {
	return &Regexp{src: src, re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(src) })}
}

// Compiled is the compiled expression.
func (r *Regexp) Compiled() *regexp.Regexp { return r.re() }

func (r *Regexp) String() string                       { return r.src }
func (r *Regexp) MatchString(s string) bool            { return r.re().MatchString(s) }
func (r *Regexp) FindString(s string) string           { return r.re().FindString(s) }
func (r *Regexp) FindStringIndex(s string) []int       { return r.re().FindStringIndex(s) }
func (r *Regexp) FindStringSubmatch(s string) []string { return r.re().FindStringSubmatch(s) }
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	return r.re().FindStringSubmatchIndex(s)
}
func (r *Regexp) FindAllString(s string, n int) []string { return r.re().FindAllString(s, n) }
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return r.re().FindAllStringIndex(s, n)
}
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return r.re().FindAllStringSubmatch(s, n)
}
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.re().FindAllStringSubmatchIndex(s, n)
}
func (r *Regexp) ReplaceAllString(s, repl string) string { return r.re().ReplaceAllString(s, repl) }
func (r *Regexp) ReplaceAllStringFunc(s string, f func(string) string) string {
	return r.re().ReplaceAllStringFunc(s, f)
}
func (r *Regexp) FindSubmatch(b []byte) [][]byte             { return r.re().FindSubmatch(b) }
func (r *Regexp) Match(b []byte) bool                        { return r.re().Match(b) }
func (r *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte { return r.re().FindAllSubmatch(b, n) }
