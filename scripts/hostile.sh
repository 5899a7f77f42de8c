#!/usr/bin/env bash
# hostile.sh — audit the hostile batch of issue 8 (internal/hostile: Cases)
# in one batch with two good reports, and print the time, the peak RSS and
# the outcome of every class.
#
# Usage (from anywhere inside the repository):
#   scripts/hostile.sh            # scale 10: the sizes of the issue (20 MB table, 5 MB page …)
#   scripts/hostile.sh 1          # the sizes of the test in `make test`
#
# Environment:
#   NIANBAO=path   binary to build and run (default /tmp/nianbao-hostile)
#   WORKERS=2      --workers
#   TIMEOUT=2m     --timeout (per file)
#   KEEP=1         keep the generated folder ($TMPDIR/nianbao-hostile-corpus)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NIANBAO=${NIANBAO:-/tmp/nianbao-hostile}
SCALE=${1:-10}
die() { echo "hostile: $*" >&2; exit 2; }
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found (apt-get install time)"

(cd "$ROOT" && CGO_ENABLED=0 go build -o "$NIANBAO" ./cmd/nianbao) || die "go build failed"
work=${TMPDIR:-/tmp}/nianbao-hostile-corpus
rm -rf "$work"
mkdir -p "$work"
[[ -n ${KEEP:-} ]] || trap 'rm -rf "$work"' EXIT
(cd "$ROOT" && go run ./internal/hostile/gen -scale "$SCALE" "$work/corpus") >"$work/args" || die "generator failed"
mapfile -t hostile <"$work/args"
good=("$ROOT/fixtures/html/clean-lo-serif-city.html" "$ROOT/fixtures/pdf/clean-lo-zenhei-town.pdf")

/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$NIANBAO" audit --format json --workers "${WORKERS:-2}" \
	--timeout "${TIMEOUT:-2m}" --fail-on never "${good[0]}" "${hostile[@]}" "${good[1]}" >"$work/out.json" 2>"$work/stderr" || true
read -r secs user sys kb < <(tail -n 1 "$work/time")
echo "scale $SCALE: $((${#hostile[@]} + 2)) inputs, ${secs} s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') s CPU, peak RSS $((kb / 1024)) MB"
python3 - "$work/out.json" "$work/corpus" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
print(f"valid JSON: {len(doc['reports'])} reports, {doc['summary']['failed_to_read']} unreadable")
for r in doc["reports"]:
    p = r["source"]["path"]
    name = os.path.relpath(p, sys.argv[2]) if p.startswith(sys.argv[2]) else "good: " + os.path.basename(p)
    if r["errors"]:
        e = r["errors"][0]
        out = f"{e['code']}: {e['message'].replace(sys.argv[2] + '/', '')}"
    else:
        out = f"result ({len(r.get('findings', []))} findings, {sum(1 for s in r['sections'] if s['present'])}/6 parts)"
    print(f"  {name:28} {out[:150]}")
PY
grep -q panic "$work/stderr" && echo "PANIC on stderr" || true
