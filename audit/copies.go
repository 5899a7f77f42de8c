package audit

import (
	"encoding/binary"
	"hash/fnv"
	"math"
)

// Copy is a report of the batch whose body and year an earlier report of
// the batch has too: most often one report downloaded twice (the portal's
// page and its PDF attachment, a file saved under two names), sometimes two
// versions of it (a corrected one published beside the first). The batch's
// counts are by file, so a supervisor must know which files are the same
// report; the audit lists them instead of guessing which one to keep.
type Copy struct {
	Index  int    // the report's position in the batch (input order)
	Path   string // its file
	Of     int    // the position of the batch's first report of that body and year
	OfPath string
	Issuer string // the body as the later report names it
	Year   int
	// SameBytes: the two files are byte for byte the same (same SHA-256).
	SameBytes bool
	// Numbers is how many template cells the later report has a number in;
	// SameNumbers is set when both reports read the same numbers in the
	// same cells (and the same cells blank).
	Numbers     int
	SameNumbers bool
}

// copyIndex finds the copies as the items come, in input order. It keeps
// for each body and year only its first report's position, path, digest
// and a hash of its numbers, so a batch of thousands of reports holds a few
// dozen bytes per report.
type copyIndex struct {
	n      int // items seen
	byYear map[int]*byIssuer[firstCopy]
}

type firstCopy struct {
	index   int
	path    string
	sha256  string
	numbers uint64
}

// add looks at the next item: a copy when an earlier report names the
// same body (rules.SameIssuer) for the same year, else nil.
func (x *copyIndex) add(it Item) *Copy {
	i := x.n
	x.n++
	r := it.Report
	if r == nil || r.Year == 0 || r.Issuer == "" {
		return nil
	}
	h, n := numbersHash(it)
	if x.byYear == nil {
		x.byYear = map[int]*byIssuer[firstCopy]{}
	}
	year := forYear(x.byYear, r.Year)
	if k := year.index.First(r.Issuer); k >= 0 {
		f := year.items[k]
		return &Copy{Index: i, Path: it.Path, Of: f.index, OfPath: f.path, Issuer: r.Issuer, Year: r.Year,
			SameBytes: f.sha256 != "" && f.sha256 == r.Source.SHA256, Numbers: n, SameNumbers: f.numbers == h}
	}
	year.add(r.Issuer, firstCopy{index: i, path: it.Path, sha256: r.Source.SHA256, numbers: h})
	return nil
}

// numbersHash hashes a report's cells (key, blank or number) and counts
// those with a number. Each cell is hashed on its own (FNV-1a) and the
// hashes are added up, so the map's order does not matter and nothing is
// sorted. Whether a reading was certain does not enter: the same report read
// from HTML and from a PDF has the same numbers even where one reading was
// less sure.
func numbersHash(it Item) (uint64, int) {
	var sum uint64
	n := 0
	h := fnv.New64a()
	var v [9]byte // blank or number, then the number's bits: a blank is not 0
	for k, c := range it.Report.Cells {
		v = [9]byte{}
		if c.Value.Valid {
			v[0] = 1
			binary.LittleEndian.PutUint64(v[1:], math.Float64bits(c.Value.V))
			n++
		}
		h.Reset()
		h.Write([]byte(k))
		h.Write(v[:])
		sum += h.Sum64()
	}
	return sum, n
}
