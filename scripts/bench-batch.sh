#!/usr/bin/env bash
# bench-batch.sh — peak memory and time of `nianbao audit` over batches of
# 10 → 10,000 small reports (copies of the generated fixtures, HTML, DOCX
# and text), to show that memory stays flat in the number of reports.
#
# Usage (from anywhere inside the repository):
#   scripts/bench-batch.sh                  # 10 100 1000 10000 reports
#   scripts/bench-batch.sh 10 1000          # chosen sizes
#
# Environment:
#   NIANBAO=path    binary to build and time (default /tmp/nianbao-bench)
#   NO_BUILD=1      do not build; time $NIANBAO as it is
#   WORKERS=2       --workers
#   FORMATS="json json-stream text"   output formats to time (json streams but reports wait
#                   for the cross-report rules; json-stream is json with --stream, where nothing
#                   waits; text is a batch renderer)
#   KEEP=1          keep the generated folders (in $TMPDIR/nianbao-bench-batch)
#   BODIES=distinct every report from a different body instead: copies of one HTML fixture
#                   (fixtures/html/clean-lo-serif-city.html) with the city's name replaced by a
#                   made-up one per copy, every other copy moved to the year after — the batch a
#                   researcher crawls from many bodies, where pairing reports by body must not
#                   compare each with every other
#
# The copies share issuers and years, so with the cross-report rules every
# report waits for a possible year-before report and is spooled: the worst
# case for the streaming output. Prints one line per size and format: reports, wall seconds, CPU
# seconds (user+sys), peak RSS (MB, /usr/bin/time's maximum resident set size), output bytes.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NIANBAO=${NIANBAO:-/tmp/nianbao-bench}
WORKERS=${WORKERS:-2}
FORMATS=${FORMATS:-json json-stream text}
die() { echo "bench-batch: $*" >&2; exit 2; }
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found (apt-get install time)"

if [[ -z ${NO_BUILD:-} ]]; then
	(cd "$ROOT" && CGO_ENABLED=0 go build -o "$NIANBAO" ./cmd/nianbao) || die "go build failed"
fi
sizes=("$@")
((${#sizes[@]})) || sizes=(10 100 1000 10000)

work=${TMPDIR:-/tmp}/nianbao-bench-batch
rm -rf "$work"
mkdir -p "$work"
[[ -n ${KEEP:-} ]] || trap 'rm -rf "$work"' EXIT

mapfile -t seeds < <(ls "$ROOT"/fixtures/html/clean-*.html "$ROOT"/fixtures/docx/*.docx "$ROOT"/fixtures/html/defect-*.html)
((${#seeds[@]})) || die "no fixtures found"

printf '%-8s %-11s %9s %9s %9s %12s\n' reports format seconds cpu_s peak_MB output_bytes
for n in "${sizes[@]}"; do
	dir=$work/$n
	mkdir -p "$dir"
	if [[ ${BODIES:-} == distinct ]]; then
		python3 - "$ROOT/fixtures/html/clean-lo-serif-city.html" "$dir" "$n" <<'PY' || die "could not write the distinct bodies"
import os, sys
src, out, n = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], int(sys.argv[3])
if "云岭市" not in src:
    sys.exit("the fixture no longer names 云岭市: every copy would be the same body")
chars = "东南西北中安平和新华兴宁康泰永昌盛福德仁义礼智信明光清正"
for i in range(n):
    name, k = "", i
    for _ in range(4):
        name, k = name + chars[k % len(chars)], k // len(chars)
    text = src.replace("云岭市", name + "市")
    if i % 2:
        text = text.replace("2023", "2024").replace("2022", "2023")
    sub = os.path.join(out, str(i // 500))
    os.makedirs(sub, exist_ok=True)
    open(os.path.join(sub, "r%05d.html" % i), "w", encoding="utf-8").write(text)
PY
	else
		for ((i = 0; i < n; i++)); do
			src=${seeds[i % ${#seeds[@]}]}
			ext=${src##*.}
			sub=$dir/$((i / 500))
			mkdir -p "$sub"
			dst=$sub/$(printf 'r%05d' "$i").$ext
			ln "$src" "$dst" 2>/dev/null || cp "$src" "$dst"
		done
	fi
	for fmt in $FORMATS; do
		out=$work/out.$fmt
		flags=(--format "$fmt")
		[[ $fmt == json-stream ]] && flags=(--format json --stream)
		/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$NIANBAO" audit "${flags[@]}" --workers "$WORKERS" \
			--fail-on never "$dir" >"$out" 2>"$work/stderr" || true
		read -r secs user sys kb < <(tail -n 1 "$work/time")
		printf '%-8s %-11s %9s %9s %9d %12d\n' "$n" "$fmt" "$secs" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" $((kb / 1024)) "$(stat -c %s "$out")"
		if [[ $fmt == json* ]]; then
			python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["summary"]["reports"]==int(sys.argv[2]), d["summary"]' "$out" "$n" ||
				die "output of $n reports is not a valid audit document"
		fi
	done
	rm -rf "$dir"
done
