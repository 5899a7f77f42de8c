#!/bin/sh
# OCR accuracy over scanned fixtures (issue 9): makes scans of every
# generated PDF of fixtures/pdf at two settings with fixtures/ocrgen
# (150 dpi, JPEG quality 60, up to 1.2° rotation; 200 dpi, quality 75, up
# to 2°), audits them and prints a Markdown table: cells read exactly, cells
# read wrong without being marked uncertain, fails where the printed
# numbers hold, injected defects reported. Needs pdftoppm, ImageMagick and
# tesseract with chi_sim. About 10 minutes on two cores.
#
#   scripts/ocr-accuracy.sh [DIR]      # DIR keeps the scans (default: a temp dir)
set -eu
cd "$(dirname "$0")/.."
dir=${1:-$(mktemp -d)}
[ -d "$dir/150" ] || go run ./fixtures/ocrgen -all -out "$dir/150" -dpi 150 -quality 60 -rotate 1.2 -seed 9 >/dev/null
[ -d "$dir/200" ] || go run ./fixtures/ocrgen -all -out "$dir/200" -dpi 200 -quality 75 -rotate 2 -seed 5 >/dev/null
NIANBAO_OCR_ACCURACY="$dir/150,$dir/200" go test ./audit/ -run '^TestOCRAccuracy$' -count=1 -timeout 60m -v |
	grep -v '^=== RUN\|^--- \|^PASS\|^ok\|^FAIL$'
