#!/usr/bin/env bash
# bench-pdf.sh — time `nianbao extract` against `pdftotext -layout` on the same PDFs.
#
# Usage (from anywhere inside the repository):
#   scripts/bench-pdf.sh                 # fixtures/pdf/*.pdf + ../shared/corpus/real/*.pdf
#   scripts/bench-pdf.sh a.pdf b.pdf     # your own files
#
# Environment:
#   RUNS=5          timed repetitions of each command (after one warm-up run)
#   NIANBAO=path    binary to build and time (default /tmp/nianbao)
#   NO_BUILD=1      do not build; time $NIANBAO as it is
#   SHARED=dir      the shared/ folder (default <repo root>/../shared)
# Without /usr/bin/time the VmHWM fallback samples /proc every 5 ms: approximate for short runs.
#
# It prints the total page count (pdfinfo), the mean wall time and pages/s of
#   nianbao-per-file   one `nianbao extract FILE` process per file (like pdftotext)
#   nianbao-batch      one `nianbao extract FILE…` process for all files
#   pdftotext-per-file one `pdftotext -layout FILE -` process per file
# the ratio nianbao / pdftotext, and the peak RSS of both on the largest file.
# Timings use hyperfine when installed, else a bash loop over `date +%s.%N`.
# Peak RSS uses /usr/bin/time -v when installed, else VmHWM from /proc.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
RUNS=${RUNS:-5}
NIANBAO=${NIANBAO:-/tmp/nianbao}

die() { echo "bench-pdf: $*" >&2; exit 2; }
command -v pdftotext >/dev/null || die "pdftotext not found (apt-get install poppler-utils)"
command -v pdfinfo >/dev/null || die "pdfinfo not found (apt-get install poppler-utils)"

if [[ -z ${NO_BUILD:-} ]]; then
	echo "building $NIANBAO …"
	(cd "$ROOT" && CGO_ENABLED=0 go build -o "$NIANBAO" ./cmd/nianbao) || die "go build ./cmd/nianbao failed"
fi
[[ -x $NIANBAO ]] || die "$NIANBAO is not an executable"

files=()
if (($#)); then
	files=("$@")
else
	shopt -s nullglob
	files=("$ROOT"/fixtures/pdf/*.pdf)
	if [[ -d $SHARED/corpus/real ]]; then
		files+=("$SHARED"/corpus/real/*.pdf)
	else
		echo "note: $SHARED/corpus/real not found; timing the fixtures only" >&2
	fi
	shopt -u nullglob
fi
((${#files[@]})) || die "no PDF files"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%s\n' "${files[@]}" >"$work/list"

# Page count and the largest file.
pages=0 largest="" largest_size=-1
for f in "${files[@]}"; do
	[[ -r $f ]] || die "cannot read $f"
	n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
	[[ -n $n ]] || die "pdfinfo cannot read $f"
	pages=$((pages + n))
	size=$(stat -c %s "$f")
	if ((size > largest_size)); then largest=$f largest_size=$size; fi
done
echo "files: ${#files[@]}   pages: $pages   largest: $(basename "$largest") ($largest_size bytes)"

# One check run: a file nianbao cannot extract is reported, and still timed.
failed=0
while IFS= read -r f; do
	if ! "$NIANBAO" extract "$f" >/dev/null 2>"$work/err"; then
		failed=$((failed + 1))
		echo "warning: nianbao extract failed on $(basename "$f"): $(head -c 300 "$work/err")" >&2
	fi
done <"$work/list"
((failed == 0)) || echo "warning: $failed file(s) failed; their time is still counted" >&2

# The three commands, as scripts so hyperfine and the fallback run the same thing.
cat >"$work/nianbao-per-file" <<EOF
#!/usr/bin/env bash
while IFS= read -r f; do "$NIANBAO" extract "\$f" >/dev/null 2>&1 || true; done <"$work/list"
EOF
cat >"$work/nianbao-batch" <<EOF
#!/usr/bin/env bash
mapfile -t fs <"$work/list"
"$NIANBAO" extract "\${fs[@]}" >/dev/null 2>&1 || true
EOF
cat >"$work/pdftotext-per-file" <<EOF
#!/usr/bin/env bash
while IFS= read -r f; do pdftotext -layout "\$f" - >/dev/null 2>&1 || true; done <"$work/list"
EOF
chmod +x "$work"/nianbao-per-file "$work"/nianbao-batch "$work"/pdftotext-per-file
names=(nianbao-per-file nianbao-batch pdftotext-per-file)

declare -A mean cpu
if command -v hyperfine >/dev/null; then
	args=()
	for n in "${names[@]}"; do args+=(-n "$n" "$work/$n"); done
	hyperfine --style basic --warmup 1 --runs "$RUNS" --export-csv "$work/times.csv" "${args[@]}" >&2
	# command,mean,stddev,median,user,system,min,max
	while IFS=, read -r name m _ _ user sys _; do
		[[ $name == command ]] && continue
		mean[$name]=$m
		cpu[$name]=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.3f", u + s}')
	done <"$work/times.csv"
else
	echo "hyperfine not found; timing with a bash loop ($RUNS runs after 1 warm-up)" >&2
	for n in "${names[@]}"; do
		"$work/$n"
		total=0
		for ((i = 0; i < RUNS; i++)); do
			t0=$(date +%s.%N)
			"$work/$n"
			t1=$(date +%s.%N)
			total=$(awk -v a="$total" -v b="$t0" -v c="$t1" 'BEGIN {printf "%.6f", a + c - b}')
		done
		mean[$n]=$(awk -v t="$total" -v r="$RUNS" 'BEGIN {printf "%.6f", t / r}')
	done
fi

echo
# Wall time is what a user waits for; CPU time (user+sys, children included)
# is steadier on a busy machine.
printf '%-20s %10s %10s %10s %12s\n' command "wall s" "pages/s" "cpu s" "pages/cpu-s"
for n in "${names[@]}"; do
	c=${cpu[$n]:-}
	printf '%-20s %10.3f %10.1f %10s %12s\n' "$n" "${mean[$n]}" \
		"$(awk -v p="$pages" -v t="${mean[$n]}" 'BEGIN {print (t > 0 ? p / t : 0)}')" \
		"${c:-n/a}" "$([[ -n $c ]] && awk -v p="$pages" -v t="$c" 'BEGIN {printf "%.1f", (t > 0 ? p / t : 0)}' || echo n/a)"
done
ratio() { awk -v a="${mean[$1]}" -v b="${mean[$2]}" 'BEGIN {printf "%.2f", (a > 0 ? b / a : 0)}'; }
echo "speed ratio nianbao-per-file / pdftotext: $(ratio nianbao-per-file pdftotext-per-file)x (above 1: nianbao faster)"
echo "speed ratio nianbao-batch    / pdftotext: $(ratio nianbao-batch pdftotext-per-file)x"
if [[ -n ${cpu[pdftotext-per-file]:-} ]]; then
	cratio() { awk -v a="${cpu[$1]}" -v b="${cpu[$2]}" 'BEGIN {printf "%.2f", (a > 0 ? b / a : 0)}'; }
	echo "cpu ratio   nianbao-per-file / pdftotext: $(cratio nianbao-per-file pdftotext-per-file)x"
	echo "cpu ratio   nianbao-batch    / pdftotext: $(cratio nianbao-batch pdftotext-per-file)x"
fi

# Peak RSS in kB of one command.
peak_rss() {
	if [[ -x /usr/bin/time ]]; then
		/usr/bin/time -v "$@" >/dev/null 2>"$work/time" || true
		awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time"
	else
		"$@" >/dev/null 2>&1 &
		local pid=$! hwm=0 v
		while kill -0 "$pid" 2>/dev/null; do
			v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
			[[ -n $v ]] && hwm=$v
			sleep 0.005
		done
		wait "$pid" || true
		echo "$hwm"
	fi
}
echo
echo "peak RSS on $(basename "$largest"):"
echo "  nianbao extract   $(peak_rss "$NIANBAO" extract "$largest") kB"
echo "  pdftotext -layout $(peak_rss pdftotext -layout "$largest" -) kB"
