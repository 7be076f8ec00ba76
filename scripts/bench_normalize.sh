#!/usr/bin/env bash
# Throughput of news-normalize next to the passthrough floor (parse and
# re-serialize every record with serde_json) on the same generated corpus,
# in one run: both on one core, and both on all cores (the passthrough then
# runs on news-core's parallel runner, as the stages do). Reports MB/s
# medians, the ratios, and peak memory (max RSS) at two input sizes to show
# it stays flat. The ratio of the medians is the figure; each round's own
# ratios (range and median) are printed beside it, to show how much of it
# is noise on a shared machine.
#
# The stages parse records into news-core's own list of fields (no hashed
# map per record) and write with news-core's own writer (same bytes, faster
# string escaping), so the script also times the passthrough parsing and
# writing that way (`--news-core`, one core) and gives the ratio against
# it: the share of news-normalize's time that is its own work, apart from
# reading and writing JSON.
#
# Usage: scripts/bench_normalize.sh [MEGABYTES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench_lib.sh
MB=${1:-200}
RUNS=${2:-5}
DATA=bench-data
mkdir -p "$DATA"
cargo build --release -q -p news-normalize
cargo build --release -q -p news-core --example passthrough
NORM=target/release/news-normalize
PASS=target/release/examples/passthrough
big="$DATA/corpus-${MB}mb.jsonl"
small="$DATA/corpus-$((MB / 4))mb.jsonl"
corpus "$big" "$MB"
corpus "$small" "$((MB / 4))"
bytes=$(stat -c %s "$big")

peak_kb() { /usr/bin/time -f %M "$@" 2>&1 > /dev/null | tail -1; }

# all cores, no pinning
run_all() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

# pct A B: A's time as a percentage of B's (B's throughput against A's).
pct() { echo "100 * $1 / $2" | bc -l; }

declare -A secs
for name in passthrough passthrough_nc passthrough_all normalize normalize_all; do secs[$name]=""; done
# each round's own ratios (its runs are seconds apart, so a change in the
# machine's load between rounds cancels out of them)
round_one="" round_all=""
for _ in $(seq "$RUNS"); do
  # Alternate the tools so machine noise hits them alike.
  p1=$(pinned "$big" "$PASS" -j 1)
  secs[passthrough]+="$p1"$'\n'
  secs[passthrough_nc]+="$(pinned "$big" "$PASS" -j 1 --news-core)"$'\n'
  n1=$(pinned "$big" "$NORM" -j 1)
  secs[normalize]+="$n1"$'\n'
  pa1=$(run_all "$PASS" -j 0 "$big")
  secs[passthrough_all]+="$pa1"$'\n'
  a1=$(run_all "$NORM" -j 0 "$big")
  secs[normalize_all]+="$a1"$'\n'
  round_one+="$(pct "$p1" "$n1")"$'\n'
  round_all+="$(pct "$pa1" "$a1")"$'\n'
done
p=$(printf '%s' "${secs[passthrough]}" | median)
pn=$(printf '%s' "${secs[passthrough_nc]}" | median)
pa=$(printf '%s' "${secs[passthrough_all]}" | median)
n=$(printf '%s' "${secs[normalize]}" | median)
a=$(printf '%s' "${secs[normalize_all]}" | median)
mbps() { echo "$bytes / 1000000 / $1" | bc -l; }
printf 'corpus: %s (%.1f MB), %s runs each, median wall time\n' "$big" "$(echo "$bytes/1000000" | bc -l)" "$RUNS"
printf '%-40s %8.2f s %9.1f MB/s\n' "passthrough -j 1 (1 core)" "$p" "$(mbps "$p")" \
  "passthrough, news-core parse, write (1 core)" "$pn" "$(mbps "$pn")" \
  "news-normalize -j 1 (1 core)" "$n" "$(mbps "$n")" \
  "passthrough -j 0 ($(nproc) cores)" "$pa" "$(mbps "$pa")" \
  "news-normalize -j 0 ($(nproc) cores)" "$a" "$(mbps "$a")"
printf 'ratio normalize/passthrough: %.1f%% on one core, %.1f%% on %s cores (target >= 30%%)\n' \
  "$(pct "$p" "$n")" "$(pct "$pa" "$a")" "$(nproc)"
# spread: the range and median of the numbers on stdin, one per line.
spread() {
  local v
  v=$(sort -g)
  printf '%.1f%% to %.1f%%, median %.1f%%' "$(head -1 <<< "$v")" "$(tail -1 <<< "$v")" "$(median <<< "$v")"
}
printf '(ratio in each round: %s on one core; %s on %s cores)\n' \
  "$(printf '%s' "$round_one" | spread)" "$(printf '%s' "$round_all" | spread)" "$(nproc)"
printf '(against the passthrough parsing and writing as news-core does, one core: %.1f%%)\n' "$(pct "$pn" "$n")"
printf '(news-normalize on %s cores against the one-core passthrough: %.1f%%)\n' \
  "$(nproc)" "$(pct "$p" "$a")"
printf 'peak RSS news-normalize -j 0: %s KB on %s MB, %s KB on %s MB\n' \
  "$(peak_kb "$NORM" "$small")" "$((MB / 4))" "$(peak_kb "$NORM" "$big")" "$MB"
