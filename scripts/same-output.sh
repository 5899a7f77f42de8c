#!/usr/bin/env bash
# same-output.sh — checks that two nianbao binaries print the same bytes on
# every document we hold: a speed change must not change what users get.
#
# Usage (from anywhere inside the repository):
#   scripts/same-output.sh OLD NEW [FILE…]
# OLD and NEW are nianbao binaries (e.g. one built from main before the change:
#   git worktree add /tmp/old main && (cd /tmp/old && CGO_ENABLED=0 go build -o /tmp/nianbao-old ./cmd/nianbao)).
# Without FILEs it runs over ../shared/corpus (real and seed), every fixture and generated PDFs of
# 5 and 500 pages. For each file it compares, stdout and stderr together, `text`, `extract --format json`
# and `audit --format json`; then `audit` of all the files as one batch in json, text and csv with
# --workers 1 and 2. Prints each difference and a count; exits 1 when any output differs. About six
# minutes on the 2-core machine (the scanned fixtures run tesseract).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "same-output: $*" >&2; exit 2; }
(($# >= 2)) || die "usage: scripts/same-output.sh OLD NEW [FILE…]"
old=$1 new=$2
shift 2
[[ -x $old && -x $new ]] || die "$old and $new must be executable nianbao binaries"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=("$@")
if ((${#files[@]} == 0)); then
	shopt -s nullglob
	files=("$ROOT"/../shared/corpus/real/*.{pdf,html,txt,md} "$ROOT"/../shared/corpus/seed/*
		"$ROOT"/fixtures/*/*.{pdf,html,docx,txt})
	(cd "$ROOT" && go run ./scripts/benchpdf gen -pages 5,500 "$work/pdf" >/dev/null) || die "benchpdf gen failed"
	files+=("$work"/pdf/*.pdf)
fi
((${#files[@]})) || die "no files"

n=0 bad=0
same() { # same LABEL ARGS…: runs both binaries with ARGS and compares
	local label=$1
	shift
	n=$((n + 1))
	"$old" "$@" >"$work/old" 2>&1 || true
	"$new" "$@" >"$work/new" 2>&1 || true
	if ! cmp -s "$work/old" "$work/new"; then
		echo "differs: $label"
		bad=$((bad + 1))
	fi
}
for f in "${files[@]}"; do
	same "text $f" text "$f"
	same "extract $f" extract --format json "$f"
	same "audit $f" audit --format json "$f"
done
mkdir -p "$work/batch"
i=0
for f in "${files[@]}"; do
	i=$((i + 1))
	ln -s "$(realpath "$f")" "$work/batch/$(printf '%03d' "$i")-$(basename "$f")"
done
for fmt in json text csv; do
	for w in 1 2; do
		same "batch audit --format $fmt --workers $w" audit --format "$fmt" --workers "$w" "$work/batch"
	done
done
echo "$n outputs compared, $bad differ"
((bad == 0))
