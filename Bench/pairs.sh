#!/usr/bin/env bash
# Times two commands as whole processes, alternating A B A B ..., and gives the ratio A/B pair by pair: this machine's speed
# drifts by a quarter or more within an hour, so figures taken minutes apart do not compare, a pair's two runs do
# (docs/performance.md, Method). Every figure there that compares builds or settings was taken in alternating pairs like these.
#
#   Bench/pairs.sh [-n PAIRS] [--warmup N] [--b-first] [--log FILE] -- 'COMMAND A' 'COMMAND B'
#
# Each command is one string run by sh (so 'cd DIR && VAR=1 dotnet X.dll --flag' works); its output is thrown away unless
# --log FILE collects it. Each run is timed by GNU time (/usr/bin/time): wall, user and system seconds, and the peak resident
# memory of the largest single process it waited for. Prints every pair, then each figure's min, median and max and the
# median of the pair-by-pair ratios. Exit status: 0 when every run was timed (a command's own failure is printed, not fatal);
# 2 for unusable arguments or no GNU time.
set -euo pipefail

usage() {
  echo "usage: Bench/pairs.sh [-n PAIRS] [--warmup N] [--b-first] [--log FILE] -- 'COMMAND A' 'COMMAND B'" >&2
  echo "  times A and B in turn (A B A B ...), PAIRS pairs (default 3) after N warm-up runs of each (default 1)" >&2
  exit 2
}
fail() { echo "pairs.sh: $*" >&2; exit 2; }

pairs=3 warmup=1 b_first=0 log=/dev/null
while [ $# -gt 0 ]; do
  case "$1" in
    -n) [ $# -ge 2 ] || usage; pairs="$2"; shift 2 ;;
    --warmup) [ $# -ge 2 ] || usage; warmup="$2"; shift 2 ;;
    --b-first) b_first=1; shift ;;
    --log) [ $# -ge 2 ] || usage; log="$2"; shift 2 ;;
    -h|--help) usage ;;
    --) shift; break ;;
    *) fail "unknown option '$1' (the two commands come after --)" ;;
  esac
done
[ $# -eq 2 ] || fail "expected two commands after --, each one quoted string; got $#"
[[ "$pairs" =~ ^[1-9][0-9]*$ ]] && [ "$pairs" -le 100 ] || fail "-n: expected a number of pairs from 1 to 100, got '$pairs'"
[[ "$warmup" =~ ^[0-9]+$ ]] && [ "$warmup" -le 10 ] || fail "--warmup: expected 0 to 10 runs, got '$warmup'"
[ -x /usr/bin/time ] || fail "needs GNU time at /usr/bin/time (apt-get install -y time)"
cmd_a="$1" cmd_b="$2"
: >>"$log" || fail "--log: cannot write to '$log'"

figures=$(mktemp) one=$(mktemp)
trap 'rm -f "$figures" "$one"' EXIT

# One run of a command: "wall user sys peakKiB exit" on stdout.
# The wall is read from bash's microsecond clock around GNU time (whose own is in hundredths): it includes GNU time's start, about
# a millisecond, in both commands alike.
run() {
  local status=0 start end
  start=$EPOCHREALTIME
  /usr/bin/time -f '%U %S %M' -o "$one" sh -c "$1" >>"$log" 2>&1 || status=$?
  end=$EPOCHREALTIME
  # GNU time's first line is "Command exited with non-zero status N" when the command failed: the figures are its last line.
  echo "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }') $(tail -n 1 "$one") $status"
}

for ((i = 0; i < warmup; i++)); do run "$cmd_a" >/dev/null; run "$cmd_b" >/dev/null; done

echo "A: $cmd_a"
echo "B: $cmd_b"
echo "$pairs pairs after $warmup warm-up run(s) of each, $([ $b_first = 1 ] && echo B || echo A) first in every pair; load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
printf '%-5s %10s %10s %8s %10s %10s %8s %10s %10s\n' pair "A wall s" "B wall s" "A/B" "A cpu s" "B cpu s" "A/B" "A peak MiB" "B peak MiB"
for ((p = 1; p <= pairs; p++)); do
  if [ $b_first = 1 ]; then b=$(run "$cmd_b"); a=$(run "$cmd_a"); else a=$(run "$cmd_a"); b=$(run "$cmd_b"); fi
  echo "$p $a $b" >>"$figures"
  awk -v row="$p $a $b" 'BEGIN {
    split(row, f, " "); ac = f[3] + f[4]; bc = f[8] + f[9]
    printf "%-5s %10.3f %10.3f %8s %10.3f %10.3f %8s %10.1f %10.1f%s\n", f[1], f[2], f[7], (f[7] > 0 ? sprintf("%.3f", f[2] / f[7]) : "-"),
      ac, bc, (bc > 0 ? sprintf("%.3f", ac / bc) : "-"), f[5] / 1024, f[10] / 1024,
      (f[6] != 0 || f[11] != 0 ? sprintf("   exit A %d, B %d", f[6], f[11]) : "")
  }'
done

# min / median / max of each figure over the pairs, and the median of the pair-by-pair ratios.
awk '
  function sorted(a, n,   i, j, t) { for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t } }
  function median(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  function line(name, a, n, scale, fmt) {
    sorted(a, n)
    printf "%-18s min " fmt "  median " fmt "  max " fmt "\n", name, a[1] / scale, median(a, n) / scale, a[n] / scale
  }
  function ratio(name, a, k) {
    if (k > 0) line(name, a, k, 1, "%.3f")
    else printf "%-18s none: B took no measurable amount in any pair\n", name
  }
  {
    n++
    aw[n] = $2; ac[n] = $3 + $4; am[n] = $5; fa += ($6 != 0)
    bw[n] = $7; bc[n] = $8 + $9; bm[n] = $10; fb += ($11 != 0)
    # a ratio only where B took a measurable amount (GNU time counts CPU in hundredths of a second)
    if ($7 > 0) rw[++nw] = $2 / $7
    if ($8 + $9 > 0) rc[++nc] = ($3 + $4) / ($8 + $9)
    if ($10 > 0) rm[++nm] = $5 / $10
  }
  END {
    line("A wall s", aw, n, 1, "%.3f"); line("B wall s", bw, n, 1, "%.3f")
    line("A cpu s", ac, n, 1, "%.3f"); line("B cpu s", bc, n, 1, "%.3f")
    line("A peak MiB", am, n, 1024, "%.1f"); line("B peak MiB", bm, n, 1024, "%.1f")
    ratio("A/B wall", rw, nw); ratio("A/B cpu", rc, nc); ratio("A/B peak", rm, nm)
    if (fa || fb) printf "failed runs: A %d, B %d of %d each (their figures are in the rows above)\n", fa, fb, n
  }' "$figures"
