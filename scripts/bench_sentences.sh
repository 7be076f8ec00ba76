#!/usr/bin/env bash
# Throughput of news-sentences next to the peers of ../shared/eval/peers
# (Bling Fire, the fastest, and pySBD), one core each, in one run, on the same
# generated news corpus. Reports characters per second (medians) and ratios.
# pySBD is ~200 times slower, so it runs on a slice of the corpus, and
# news-sentences is timed on that same slice for its ratio.
#
# Usage: scripts/bench_sentences.sh [MEGABYTES] [RUNS] [PYSBD_MEGABYTES]
# PEERS=/path/to/shared/eval/peers overrides where the peers live.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench_lib.sh
MB=${1:-100}
RUNS=${2:-3}
SLICE_MB=${3:-4}
PEERS=${PEERS:-../shared/eval/peers}
PY="$PEERS/venv/bin/python"
DATA=bench-data
mkdir -p "$DATA"
cargo build --release -q -p news-sentences
OURS=target/release/news-sentences
big="$DATA/corpus-${MB}mb.jsonl"
slice="$DATA/corpus-${SLICE_MB}mb.jsonl"
corpus "$big" "$MB"
corpus "$slice" "$SLICE_MB"
big_chars=$(chars "$big")
slice_chars=$(chars "$slice")

have_peers=0
[ -x "$PY" ] && "$PY" -c 'import blingfire, pysbd' 2>/dev/null && have_peers=1
[ "$have_peers" = 1 ] || echo "note: no peer environment at $PY (run $PEERS/setup.sh); timing news-sentences alone" >&2

ours="" ; bf="" ; ours_s="" ; sbd=""
for _ in $(seq "$RUNS"); do
  # Alternate the tools so machine noise hits them alike.
  ours+="$(pinned "$big" "$OURS" -j 1)"$'\n'
  ours_s+="$(pinned "$slice" "$OURS" -j 1)"$'\n'
  if [ "$have_peers" = 1 ]; then
    bf+="$(pinned "$big" "$PY" "$PEERS/peer_sentences.py" --tool blingfire)"$'\n'
    sbd+="$(pinned "$slice" "$PY" "$PEERS/peer_sentences.py" --tool pysbd)"$'\n'
  fi
done
big_bytes=$(stat -c %s "$big"); slice_bytes=$(stat -c %s "$slice")
o=$(printf '%s' "$ours" | median); os=$(printf '%s' "$ours_s" | median)
echo "one core (taskset -c 0), median of $RUNS runs, JSON Lines in and out"
row "news-sentences" "$big_chars" "$big_bytes" "$o"
if [ "$have_peers" = 1 ]; then
  b=$(printf '%s' "$bf" | median); p=$(printf '%s' "$sbd" | median)
  row "blingfire (peer_sentences.py)" "$big_chars" "$big_bytes" "$b"
  row "news-sentences (slice)" "$slice_chars" "$slice_bytes" "$os"
  row "pysbd (peer_sentences.py, slice)" "$slice_chars" "$slice_bytes" "$p"
  printf 'ratio news-sentences / blingfire: %.1fx (target >= 1x)\n' "$(echo "$b / $o" | bc -l)"
  printf 'ratio news-sentences / pysbd:     %.0fx (target > 100x)\n' "$(echo "$p / $os" | bc -l)"
fi
