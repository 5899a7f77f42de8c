package dataset

import (
	"context"
	"database/sql"

	"github.com/nianbao/nianbao/rules"
)

// neighbours finds, among this run's unchanged files, the reports that the
// cross-report rules pair with a processed one: the same body (as
// rules.SameIssuer decides) in the year before, the same year (other copies
// of the report, which may come first in input order), or the year after,
// by the processed report's new and old issuer and year. When there are
// any, again lists, in input order, every processed file and the
// neighbours (so that CONS-COPY-PEER still compares all processed files
// with each other); successors are the neighbours of the year after, whose
// stored findings must be replaced.
func neighbours(inputs, todo []input, done map[string][]issuerYear, old map[string]issuerYear) (again, successors []input) {
	inTodo := map[string]bool{}
	for _, in := range todo {
		inTodo[in.path] = true
	}
	// the processed reports' issuers, filed so that each unchanged file
	// is looked up rather than compared with every one of them
	index := rules.NewIssuerIndex()
	var years []int // by id
	for _, ks := range done {
		for _, k := range ks {
			index.Add(k.issuer)
			years = append(years, k.year)
		}
	}
	need := map[string]bool{} // unchanged paths to run with the processed ones
	succ := map[string]bool{}
	for _, in := range inputs {
		u, ok := old[in.path]
		if inTodo[in.path] || !ok {
			continue
		}
		for _, id := range index.Matches(u.issuer) {
			d := u.year - years[id]
			if d < -1 || d > 1 {
				continue
			}
			need[in.path] = true
			if d == 1 {
				succ[in.path] = true
			}
		}
	}
	if len(need) == 0 {
		return nil, nil
	}
	for _, in := range inputs {
		if need[in.path] || inTodo[in.path] {
			again = append(again, in)
		}
		if succ[in.path] {
			successors = append(successors, in)
		}
	}
	return again, successors
}

// issuerYear is a stored report's issuer and year.
type issuerYear struct {
	issuer string
	year   int
}

// issuerYears are the issuer and year of every readable report stored.
func issuerYears(ctx context.Context, db *sql.DB) (map[string]issuerYear, error) {
	rows, err := db.QueryContext(ctx, "SELECT path, issuer, year FROM reports WHERE readable = 1 AND issuer IS NOT NULL AND year IS NOT NULL")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]issuerYear{}
	for rows.Next() {
		var p string
		var k issuerYear
		if err := rows.Scan(&p, &k.issuer, &k.year); err != nil {
			return nil, err
		}
		out[p] = k
	}
	return out, rows.Err()
}
