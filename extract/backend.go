package extract

import "context"

// Backend is one input format's reader: what it is called, which file names
// it claims when a folder is walked, how it recognises its bytes, and how it
// extracts a Document. Each backend package exports one Backend value;
// extract/load lists them in its registry, so a new format is one package
// plus one line there.
type Backend struct {
	Format Format
	// Name says the format to people (help text, error messages).
	Name string
	// Extensions are the lower-case file name endings (with the dot) that a
	// folder walk picks up for this backend.
	Extensions []string
	// Sniff says how sure the backend is that a file is its format, from
	// its lower-case extension and its first bytes (at most SniffBytes).
	// The backend with the highest verdict reads the file.
	Sniff func(ext string, head []byte) Verdict
	// Extract reads the whole file. path is only recorded.
	Extract func(ctx context.Context, path string, data []byte) (*Document, error)
	// Companions, when set, names what a document of this format takes in
	// from beside it on disk — a saved web page's folder of pictures,
	// styles and frames (dirs, taken whole), and the pictures it shows
	// (files) — so that a folder walk leaves them to the document instead
	// of reading each as a report. The folders are found without reading
	// the document; the files only when readFiles is set (it reads the
	// document). Paths are as found on disk; nothing is an error.
	Companions func(path string, readFiles bool) (dirs, files []string)
}

// SniffBytes is how much of a file Sniff sees.
const SniffBytes = 64 << 10

// Verdict is a backend's answer to "is this file yours?".
type Verdict int

// Verdicts, weakest first.
const (
	// No: not this format.
	No Verdict = iota
	// Fallback: the backend can read anything that is left (plain text).
	Fallback
	// ByName: only the file name says so.
	ByName
	// ByContent: the bytes look like this format (markup, structure).
	ByContent
	// ByMagic: the bytes carry this format's signature.
	ByMagic
)
