package dataset

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/audit/render"
)

// SchemaVersion is stored in the meta table. A file written by another
// version is rebuilt only when asked (--rebuild); columns are added in new
// versions, never renamed or removed (docs/dataset.md).
const SchemaVersion = "1"

// tables is the DDL of the tables and indexes; Schema adds the cells_wide
// view, which has one column per cell key. docs/dataset.md describes every
// column and a test keeps the two in step.
const tables = `CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE reports (
  id                INTEGER PRIMARY KEY,
  path              TEXT NOT NULL UNIQUE,
  source_url        TEXT,
  source_page       TEXT,
  source_published  TEXT,
  source_kind       TEXT,
  source_report     TEXT,
  sha256            TEXT NOT NULL,
  format            TEXT,
  pages             INTEGER,
  title             TEXT,
  issuer            TEXT,
  issuer_normalized TEXT,
  year              INTEGER,
  template          TEXT,
  published         TEXT,
  published_from    TEXT,
  readable          INTEGER NOT NULL CHECK (readable IN (0, 1)),
  error             TEXT
);

CREATE TABLE cells (
  report     INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  key        TEXT NOT NULL,
  tbl        TEXT NOT NULL,
  row        TEXT NOT NULL,
  column     TEXT NOT NULL,
  value      NUMERIC,
  text       TEXT,
  status     TEXT NOT NULL CHECK (status IN ('certain', 'uncertain')),
  alternatives TEXT,
  page       INTEGER,
  source     TEXT NOT NULL DEFAULT 'text',
  confidence REAL,
  PRIMARY KEY (report, key)
);

CREATE TABLE figures (
  report  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq     INTEGER NOT NULL,
  subject TEXT,
  value   NUMERIC NOT NULL,
  unit    TEXT,
  approx  INTEGER NOT NULL,
  negated INTEGER NOT NULL,
  cue     TEXT,
  clause  TEXT,
  text    TEXT,
  page    INTEGER,
  section INTEGER,
  PRIMARY KEY (report, seq)
);

CREATE TABLE findings (
  report         INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  rule           TEXT NOT NULL,
  category       TEXT NOT NULL,
  status         TEXT NOT NULL,
  severity       TEXT NOT NULL,
  message        TEXT NOT NULL,
  cells          TEXT,
  expected       NUMERIC,
  actual         NUMERIC,
  page           INTEGER,
  section        INTEGER,
  responsibility TEXT,
  fingerprint    TEXT,
  PRIMARY KEY (report, seq)
);

CREATE TABLE sections (
  report  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  n       INTEGER NOT NULL,
  heading TEXT,
  present INTEGER NOT NULL,
  page    INTEGER,
  PRIMARY KEY (report, n)
);

CREATE INDEX reports_issuer ON reports(issuer_normalized, year);
CREATE INDEX reports_year ON reports(year);
CREATE INDEX reports_sha256 ON reports(sha256);
CREATE INDEX cells_key ON cells(key, value);
CREATE INDEX findings_rule ON findings(rule);
`

// Schema is the whole DDL of a dataset file: the tables, the indexes and
// the cells_wide view. `nianbao dataset --schema` prints it.
func Schema() string {
	return tables + "\n" + wideView() + "\n"
}

// wideView is one row per report with one column per cell key
// (render.DatasetKeys, the columns of the CSV dataset), named by the key
// itself: in SQL write it in double quotes, e.g. "t3.new.total".
func wideView() string {
	var b strings.Builder
	b.WriteString("CREATE VIEW cells_wide AS\nSELECT r.id AS report, r.path, r.source_url, r.issuer, r.issuer_normalized, r.year, r.template, r.published")
	for _, k := range render.DatasetKeys() {
		fmt.Fprintf(&b, ",\n  MAX(CASE WHEN c.key = '%s' THEN c.value END) AS \"%s\"", k, k)
	}
	b.WriteString("\nFROM reports r LEFT JOIN cells c ON c.report = r.id\nGROUP BY r.id;\n")
	return b.String()
}
