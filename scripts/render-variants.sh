#!/usr/bin/env bash
# render-variants.sh — print the generated fixtures again at other font sizes
# (fixtures/gen -font-sizes: other line wraps, page breaks inside table rows,
# numbers too wide for their columns) and compare each printing's findings
# with the same report's as HTML. Every difference is a reading that depends
# on how the report was printed; it exits 1 when a printing has a finding
# against the report that the HTML does not (a lost number must only make
# findings uncertain, with the extraction responsible). Not a test (it needs
# LibreOffice, Chromium and the fixture fonts, and takes about two minutes).
#
# Usage (from anywhere inside the repository):
#   scripts/render-variants.sh                 # 9, 10.5, 14 and 15.5 pt
#   SIZES=8,16 scripts/render-variants.sh
#
# Environment:
#   SIZES=9,10.5,14,15.5   body font sizes in pt
#   KEEP=1                 keep the printed variants ($TMPDIR/nianbao-variants)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=${SIZES:-9,10.5,14,15.5}
work=${TMPDIR:-/tmp}/nianbao-variants
rm -rf "$work"
mkdir -p "$work"
if [[ -z ${KEEP:-} ]]; then
	trap 'rm -rf "$work"' EXIT
fi
cd "$ROOT"
echo "printing the fixtures at $SIZES pt into $work …" >&2
go run ./fixtures/gen -font-sizes "$SIZES" -dir "$work" >/dev/null
go run ./scripts/variants "$work"
