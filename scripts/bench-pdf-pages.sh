#!/usr/bin/env bash
# bench-pdf-pages.sh — CPU time and peak memory of nianbao against
# `pdftotext -layout` on the same PDFs, one process per file, in the same run.
#
# Usage (from anywhere inside the repository):
#   scripts/bench-pdf-pages.sh                # generated PDFs of 5, 50, 500, 1000, 5000 pages
#   scripts/bench-pdf-pages.sh a.pdf b.pdf    # your own files (e.g. ../shared/corpus/real/*.pdf fixtures/pdf/*.pdf)
#
# Environment:
#   PAGES=5,50,500,1000,5000   page counts of the generated files (internal/hostile.PDFPages)
#   OBJSTM=1                   generate them with their objects in object streams and a cross-reference
#                              stream, as Word, WPS and qpdf write (internal/hostile.PDFPagesObjStm)
#   RUNS=5                     runs of each command per file; the median is reported
#   COMMANDS="extraction extract audit"   which nianbao processes to time:
#       extraction  extraction alone (scripts/benchpdf extract FILE: extract/load.File, no recognition)
#       text        nianbao text FILE (the text as read, pdftotext's job: extraction, no recognition)
#       extract     nianbao extract --format json FILE (extraction and recognition)
#       audit       nianbao audit --format json FILE (everything, as a user runs it on one file)
#       extract-before, audit-before   the same with the binary $BEFORE (e.g. one built from an older
#                   commit), to show before → now in the same run:
#                   BEFORE=/tmp/nianbao-old COMMANDS="extract-before extract audit-before audit" scripts/bench-pdf-pages.sh
#
# For every file it runs each command and `pdftotext -layout FILE -` RUNS times, interleaved (so that
# a load change on a shared machine hits all of them alike), measured by `benchpdf time` (the
# kernel's CPU accounting of the child, to the microsecond, its peak RSS and its wall time), and prints
# one Markdown row: pages, the median CPU time (user+sys) of each, the ratio of each to pdftotext (below 1:
# nianbao used less CPU), the ratio of the median wall times, and the largest peak RSS. CPU time is the
# measure, wall time the second look: on a busy machine wall time measures the other jobs too, and
# nianbao's threads overlap work that its CPU time counts once per thread. Nothing here is a test: it never
# fails on a slow result.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-5}
PAGES=${PAGES:-5,50,500,1000,5000}
COMMANDS=${COMMANDS:-extraction extract audit}

die() { echo "bench-pdf-pages: $*" >&2; exit 2; }
command -v pdftotext >/dev/null || die "pdftotext not found (apt-get install poppler-utils)"
command -v pdfinfo >/dev/null || die "pdfinfo not found (apt-get install poppler-utils)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "building nianbao and scripts/benchpdf …" >&2
(cd "$ROOT" && CGO_ENABLED=0 go build -o "$work/nianbao" ./cmd/nianbao && CGO_ENABLED=0 go build -o "$work/benchpdf" ./scripts/benchpdf) ||
	die "go build failed"

files=("$@")
if ((${#files[@]} == 0)); then
	objstm=()
	[[ ${OBJSTM:-} == 1 ]] && objstm=(-objstm)
	mapfile -t files < <("$work/benchpdf" gen -pages "$PAGES" "${objstm[@]}" "$work/pdf")
fi

# run NAME CMD…: one timed run, appends "cpu_seconds peak_kB wall_seconds" to $work/NAME
run() {
	local name=$1
	shift
	"$work/benchpdf" time "$@" >>"$work/$name"
}
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
peak() { awk '$2 > m {m = $2} END {printf "%.0f", m / 1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f×", a / b; else print "—"}'; }

header="| file | pages | pdftotext CPU s"
sep="|---|---|---"
for c in $COMMANDS; do
	header+=" | $c CPU s | $c ÷ pdftotext"
	sep+="|---|---"
done
header+=" | pdftotext wall s"
sep+="|---"
for c in $COMMANDS; do
	header+=" | $c ÷ pdftotext, wall"
	sep+="|---"
done
header+=" | peak RSS MB (pdftotext"
for c in $COMMANDS; do header+=" / $c"; done
header+=") |"
sep+="|---|"
echo "$header"
echo "$sep"

for f in "${files[@]}"; do
	[[ -r $f ]] || die "cannot read $f"
	pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
	rm -f "$work"/{pdftotext,extraction,text,extract,audit,extract-before,audit-before}
	for ((i = 0; i < RUNS; i++)); do
		run pdftotext pdftotext -layout "$f" -
		for c in $COMMANDS; do
			case $c in
			extraction) run extraction "$work/benchpdf" extract "$f" ;;
			text) run text "$work/nianbao" text "$f" ;;
			extract) run extract "$work/nianbao" extract --format json "$f" ;;
			audit) run audit "$work/nianbao" audit --format json "$f" ;;
			extract-before) run extract-before "${BEFORE:?set BEFORE to a nianbao binary}" extract --format json "$f" ;;
			audit-before) run audit-before "${BEFORE:?set BEFORE to a nianbao binary}" audit --format json "$f" ;;
			*) die "unknown command $c" ;;
			esac
		done
	done
	p=$(cut -d' ' -f1 "$work/pdftotext" | median)
	pw=$(cut -d' ' -f3 "$work/pdftotext" | median)
	row="| $(basename "$f") | ${pages:-?} | $(printf '%.3f' "$p")"
	walls=" | $(printf '%.3f' "$pw")"
	mem=$(peak <"$work/pdftotext")
	for c in $COMMANDS; do
		m=$(cut -d' ' -f1 "$work/$c" | median)
		row+=" | $(printf '%.3f' "$m") | $(ratio "$m" "$p")"
		walls+=" | $(ratio "$(cut -d' ' -f3 "$work/$c" | median)" "$pw")"
		mem+=" / $(peak <"$work/$c")"
	done
	echo "$row$walls | $mem |"
done
