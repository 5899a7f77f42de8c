package audit

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
	// Changes are the cells whose numbers the two reports read
	// differently (a cell one of them does not have counts as blank),
	// table by table (outputs put them in the report's template order);
	// none when the files are the same.
	Changes []CellChange
}

// copyIndex finds the copies as the items come, in input order. It keeps
// for each body and year only its first report's position, path, digest
// and numbers (cellNumbers, packed), so a batch of a hundred thousand
// reports holds a few hundred bytes per report, not its reports.
type copyIndex struct {
	n      int // items seen
	byYear map[int]*byIssuer[firstCopy]
}

type firstCopy struct {
	index   int
	path    string
	sha256  string
	numbers cellNumbers
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
	if x.byYear == nil {
		x.byYear = map[int]*byIssuer[firstCopy]{}
	}
	year := forYear(x.byYear, r.Year)
	if k := year.index.First(r.Issuer); k >= 0 {
		f := year.items[k]
		c := &Copy{Index: i, Path: it.Path, Of: f.index, OfPath: f.path, Issuer: r.Issuer, Year: r.Year,
			SameBytes: f.sha256 != "" && f.sha256 == r.Source.SHA256}
		for _, cell := range r.Cells {
			if cell.Value.Valid {
				c.Numbers++
			}
		}
		c.SameNumbers = c.SameBytes
		if !c.SameBytes {
			var sameCells bool
			c.Changes, sameCells = f.numbers.changes(r.Cells)
			c.SameNumbers = sameCells && len(c.Changes) == 0
		}
		return c
	}
	year.add(r.Issuer, firstCopy{index: i, path: it.Path, sha256: r.Source.SHA256, numbers: compactNumbers(r.Cells)})
	return nil
}
