#!/bin/sh
# OCR accuracy over scanned fixtures (issue 9): makes scans of every
# generated PDF of fixtures/pdf with fixtures/ocrgen at several settings
# (resolution, JPEG quality, largest rotation, seed of the angles and the
# noise), audits them and prints a Markdown table per scan and a total:
# cells read exactly (and how many of those are sure), cells read wrong
# without being marked uncertain, fails where the printed numbers hold,
# injected defects reported. With ../shared beside the repository (REAL=0
# leaves them out), the real PDFs of its corpus are scanned too and measured
# against what nianbao reads from the PDFs themselves. Needs pdftoppm,
# ImageMagick and tesseract with chi_sim. About 5 minutes of CPU per setting.
#
#   scripts/ocr-accuracy.sh [DIR [SETTING...]]
#
# DIR keeps the scans (default: a temp dir); a SETTING is
# dpi:quality:rotation:seed[:noise] (noise: ImageMagick -attenuate of the
# Gaussian noise, default 0.25). The default settings are the two the
# recogniser was tuned on (150:60:1.2:9 and 200:75:2:5) and two it was not
# (180:50:1.5:17 and 240:70:2.5:23).
set -eu
cd "$(dirname "$0")/.."
dir=${1:-$(mktemp -d)}
[ $# -gt 0 ] && shift
settings=${*:-"150:60:1.2:9 200:75:2:5 180:50:1.5:17 240:70:2.5:23"}
dirs=""
for s in $settings; do
	dpi=$(echo "$s" | cut -d: -f1)
	q=$(echo "$s" | cut -d: -f2)
	rot=$(echo "$s" | cut -d: -f3)
	seed=$(echo "$s" | cut -d: -f4)
	noise=$(echo "$s" | cut -d: -f5)
	d="$dir/$dpi-q$q-r$rot-s$seed${noise:+-n$noise}"
	[ -d "$d" ] || go run ./fixtures/ocrgen -all -out "$d" -dpi "$dpi" -quality "$q" -rotate "$rot" -seed "$seed" -noise "${noise:-0.25}" >/dev/null
	dirs="$dirs${dirs:+,}$d"
	# the real reports of ../shared/corpus/real scanned the same way: their
	# truth is what nianbao reads from the PDFs themselves
	if [ "${REAL:-1}" = 1 ] && ls ../shared/corpus/real/*.pdf >/dev/null 2>&1; then
		[ -d "$d-real" ] || go run ./fixtures/ocrgen -all -src ../shared/corpus/real -out "$d-real" -dpi "$dpi" -quality "$q" -rotate "$rot" -seed "$seed" -noise "${noise:-0.25}" >/dev/null
		dirs="$dirs,$d-real"
	fi
done
NIANBAO_OCR_ACCURACY="$dirs" go test ./audit/ -run '^TestOCRAccuracy$' -count=1 -timeout 120m -v |
	grep -v '^=== RUN\|^--- \|^PASS\|^ok\|^FAIL$'
