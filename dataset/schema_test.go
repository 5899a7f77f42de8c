package dataset_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
	"github.com/nianbao/nianbao/crawl/manifest"
	"github.com/nianbao/nianbao/dataset"
	"github.com/nianbao/nianbao/internal/testutil"
	"github.com/nianbao/nianbao/rules"
)

// TestSchemaDocumented: docs/dataset.md describes exactly the columns of
// every table of the schema, in order.
func TestSchemaDocumented(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testutil.RepoRoot(t), "docs", "dataset.md"))
	if err != nil {
		t.Fatal(err)
	}
	heading := regexp.MustCompile("^## Table `([a-z_]+)`")
	column := regexp.MustCompile("^\\| `([a-z_0-9]+)` \\|")
	documented := map[string][]string{}
	table := ""
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "## ") {
			table = ""
			if m := heading.FindStringSubmatch(l); m != nil {
				table = m[1]
			}
			continue
		}
		if m := column.FindStringSubmatch(l); m != nil && table != "" {
			documented[table] = append(documented[table], m[1])
		}
	}
	db := filepath.Join(t.TempDir(), "s.sqlite")
	if _, err := dataset.WriteSQLite(context.Background(), db, nil, dataset.Options{}); err != nil {
		t.Fatal(err)
	}
	d := open(t, db)
	tables := rows(t, d, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if want := []string{"cells", "figures", "findings", "meta", "reports", "sections"}; !slices.Equal(tables, want) {
		t.Errorf("tables %v, want %v", tables, want)
	}
	for _, tb := range tables {
		cols := rows(t, d, "SELECT name FROM pragma_table_info(?)", tb)
		if !slices.Equal(cols, documented[tb]) {
			t.Errorf("table %s: columns %v, docs/dataset.md lists %v", tb, cols, documented[tb])
		}
	}
	for tb := range documented {
		if !slices.Contains(tables, tb) {
			t.Errorf("docs/dataset.md documents table %s, which the schema lacks", tb)
		}
	}
	if got := one(t, d, "SELECT value FROM meta WHERE key = 'schema_version'"); got != dataset.SchemaVersion {
		t.Errorf("schema_version %s", got)
	}
}

// TestCSV: the CSV form is the extract CSV with the source columns after
// the metadata; the manifest fills them.
func TestCSV(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "r.html")
	copyFixture(t, "clean-lo-serif-borderless.html", src)
	m := manifest.Empty(dir)
	m.Put(manifest.Entry{Path: "r.html", URL: "https://a.gov.cn/r.html", FoundOn: "https://a.gov.cn/", Kind: manifest.KindPage, Published: "2024-01-20"})
	if err := m.Write(); err != nil {
		t.Fatal(err)
	}
	res := audit.Run(context.Background(), []string{src}, audit.Options{Rules: true, Profile: rules.DefaultProfile(), Manifests: manifest.NewFinder()})
	var ext, ds bytes.Buffer
	if err := render.ExtractCSV(&ext, res); err != nil {
		t.Fatal(err)
	}
	if err := dataset.WriteCSV(&ds, res); err != nil {
		t.Fatal(err)
	}
	read := func(b *bytes.Buffer) [][]string {
		r, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
		if err != nil || len(r) != 2 {
			t.Fatalf("%d rows, %v", len(r), err)
		}
		return r
	}
	e, d := read(&ext), read(&ds)
	extra := []string{"source_url", "source_page", "source_published", "published_from", "issuer_normalized"}
	if want := slices.Concat(e[0][:9], extra, e[0][9:]); !slices.Equal(d[0], want) {
		t.Errorf("header %v", d[0])
	}
	if want := slices.Concat(e[1][:9], []string{"https://a.gov.cn/r.html", "https://a.gov.cn/", "2024-01-20", "meta", "青禾县人民政府办"}, e[1][9:]); !slices.Equal(d[1], want) {
		t.Errorf("row\n%v\nwant\n%v", d[1], want)
	}
}
