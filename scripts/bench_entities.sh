#!/usr/bin/env bash
# Throughput of news-entities next to spaCy en_core_web_sm's NER-only
# pipeline (../shared/eval/peers/peer_entities.py), one core each, in one run,
# on the same generated news corpus. spaCy is ~100 times slower, so it runs on
# a slice, and news-entities is timed on that same slice for the ratio (both
# timings include start-up: loading the model or the name lists).
#
# Usage: scripts/bench_entities.sh [MEGABYTES] [RUNS] [SLICE_MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench_lib.sh
MB=${1:-100}
RUNS=${2:-3}
SLICE_MB=${3:-1}
PEERS=${PEERS:-../shared/eval/peers}
PY="$PEERS/venv/bin/python"
DATA=bench-data
mkdir -p "$DATA"
cargo build --release -q -p news-entities
OURS=target/release/news-entities
big="$DATA/corpus-${MB}mb.jsonl"
slice="$DATA/corpus-${SLICE_MB}mb.jsonl"
corpus "$big" "$MB"
corpus "$slice" "$SLICE_MB"
have_peer=0
[ -x "$PY" ] && "$PY" -c 'import spacy' 2>/dev/null && have_peer=1
[ "$have_peer" = 1 ] || echo "note: no peer environment at $PY (run $PEERS/setup.sh); timing news-entities alone" >&2
ours=""; ours_s=""; sp=""
for _ in $(seq "$RUNS"); do
  ours+="$(pinned "$big" "$OURS" -j 1)"$'\n'
  ours_s+="$(pinned "$slice" "$OURS" -j 1)"$'\n'
  [ "$have_peer" = 1 ] && sp+="$(pinned "$slice" "$PY" "$PEERS/peer_entities.py")"$'\n'
done
o=$(printf '%s' "$ours" | median); os=$(printf '%s' "$ours_s" | median)
echo "one core (taskset -c 0), median of $RUNS runs, JSON Lines in and out"
row "news-entities" "$(chars "$big")" "$(stat -c %s "$big")" "$o"
row "news-entities (slice)" "$(chars "$slice")" "$(stat -c %s "$slice")" "$os"
if [ "$have_peer" = 1 ]; then
  p=$(printf '%s' "$sp" | median)
  row "spaCy en_core_web_sm NER (slice)" "$(chars "$slice")" "$(stat -c %s "$slice")" "$p"
  printf 'ratio news-entities / spaCy on the slice: %.0fx (target >= 100x)\n' "$(echo "$p / $os" | bc -l)"
fi
