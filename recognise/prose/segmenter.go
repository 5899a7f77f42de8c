package prose

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/go-ego/gse"
)

// dictText is our own small dictionary: the 年报 domain vocabulary plus the
// function words and common nouns the figure and negation finders need, one
// "word frequency tag" per line. It is not taken from gse's dictionaries.
//
//go:embed dict.txt
var dictText string

var (
	segOnce sync.Once
	seg     *gse.Segmenter
	segErr  error
)

// segmenter returns the shared segmenter, loading the embedded dictionary on
// first use. HMM is never loaded: with a small dictionary it is slow and
// splits worse.
func segmenter() (*gse.Segmenter, error) {
	segOnce.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				segErr = fmt.Errorf("加载分词词典失败: %v", r)
			}
		}()
		s := &gse.Segmenter{}
		s.SkipLog = true
		s.NotLoadHMM = true
		if err := s.LoadDictStr(dictText); err != nil {
			segErr = fmt.Errorf("加载分词词典失败: %w", err)
			return
		}
		seg = s
	})
	return seg, segErr
}

// token is one segmented word with its dictionary tag ("x" when unknown).
type token struct {
	text string
	pos  string
}

// tokens segments s (shortest path over the dictionary DAG, no HMM).
func tokens(s string) []token {
	sg, err := segmenter()
	if err != nil || sg == nil {
		// fall back to single characters: every rune is unknown
		var out []token
		for _, r := range s {
			out = append(out, token{string(r), "x"})
		}
		return out
	}
	ps := sg.Pos(s, false)
	out := make([]token, len(ps))
	for i, p := range ps {
		out[i] = token{p.Text, p.Pos}
	}
	return out
}
