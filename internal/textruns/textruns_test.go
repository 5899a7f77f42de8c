package textruns

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The runs of a text and the matches found in them, offsets in the whole
// text; Need skips runs; Find stops at the first match.
func TestRuns(t *testing.T) {
	digits := Runs{In: Digit}
	s := "ab12c345d6\xff78"
	var runs []string
	digits.Each(s, func(at int, run string) bool {
		if s[at:at+len(run)] != run {
			t.Errorf("run %q not at %d", run, at)
		}
		runs = append(runs, run)
		return true
	})
	if want := []string{"12", "345", "6", "78"}; !reflect.DeepEqual(runs, want) {
		t.Errorf("runs %q, want %q", runs, want)
	}
	re := regexp.MustCompile(`[0-9]{2}`)
	if got, want := digits.FindAll(re, s), re.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
		t.Errorf("FindAll %v, want %v", got, want)
	}
	if got, want := digits.Find(re, s), re.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
		t.Errorf("Find %v, want %v", got, want)
	}
	three := Runs{In: Digit, Need: func(run string) bool { return strings.Contains(run, "3") }}
	if got := three.FindAll(re, s); !reflect.DeepEqual(got, [][]int{{5, 7}}) {
		t.Errorf("with Need: %v, want [[5 7]]", got)
	}
	if got := digits.FindAll(re, "abc"); got != nil {
		t.Errorf("no runs: %v", got)
	}
}
