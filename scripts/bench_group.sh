#!/usr/bin/env bash
# Scale of news-group: for each corpus size (synthetic articles from
# scripts/make_group_corpus.py, a mix of stories and copies), the grouping
# stage alone (on records already through news-entities and
# news-fingerprint) and the whole pipeline: wall time, records per second
# and peak memory (GNU time's maximum resident set size).
#
# Usage: scripts/bench_group.sh [SIZES...]     (default: 100000 300000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${*:-100000 300000 1000000}
DATA=bench-data
mkdir -p "$DATA"
cargo build --release -q --workspace
B=target/release
printf '%-10s %-10s %10s %12s %12s\n' records stage seconds records/s "peak MB"
for n in $SIZES; do
  raw="$DATA/group-$n.jsonl"
  pre="$DATA/group-$n.pre.jsonl"
  [ -s "$raw" ] || python3 scripts/make_group_corpus.py "$n" "$raw"
  [ -s "$pre" ] || "$B/news-entities" < "$raw" | "$B/news-fingerprint" > "$pre"
  for stage in group pipeline; do
    if [ "$stage" = group ]; then
      cmd=("$B/news-group" "$pre")
    else
      cmd=(bash -c "$B/news-normalize $raw | $B/news-sentences | $B/news-entities | $B/news-fingerprint | $B/news-group")
    fi
    /usr/bin/time -f '%e %M' -o "$DATA/time.txt" "${cmd[@]}" > /dev/null
    read -r secs kb < "$DATA/time.txt"
    # for the pipeline, GNU time reports the largest process (bash waits on all)
    printf '%-10s %-10s %10.1f %12.0f %12.0f\n' "$n" "$stage" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
  done
done
