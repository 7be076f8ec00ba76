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
[ -s "$big" ] || python3 scripts/make_bench_corpus.py examples/articles.jsonl "$big" "$MB"
[ -s "$slice" ] || python3 scripts/make_bench_corpus.py examples/articles.jsonl "$slice" "$SLICE_MB"
chars() { python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"]) for l in open(sys.argv[1], encoding="utf-8")))' "$1"; }
big_chars=$(chars "$big")
slice_chars=$(chars "$slice")

# seconds of one run (wall) on core 0, input on stdin, output discarded
run_once() { local in=$1 s e; shift; s=$(date +%s.%N); taskset -c 0 "$@" < "$in" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
have_peers=0
[ -x "$PY" ] && "$PY" -c 'import blingfire, pysbd' 2>/dev/null && have_peers=1
[ "$have_peers" = 1 ] || echo "note: no peer environment at $PY (run $PEERS/setup.sh); timing news-sentences alone" >&2

ours="" ; bf="" ; ours_s="" ; sbd=""
for _ in $(seq "$RUNS"); do
  # Alternate the tools so machine noise hits them alike.
  ours+="$(run_once "$big" "$OURS" -j 1)"$'\n'
  ours_s+="$(run_once "$slice" "$OURS" -j 1)"$'\n'
  if [ "$have_peers" = 1 ]; then
    bf+="$(run_once "$big" "$PY" "$PEERS/peer_sentences.py" --tool blingfire)"$'\n'
    sbd+="$(run_once "$slice" "$PY" "$PEERS/peer_sentences.py" --tool pysbd)"$'\n'
  fi
done
row() { # label input-chars input-bytes seconds
  printf '%-34s %7.1f MB %8.2f s %9.2f MB/s %9.2f Mchar/s\n' "$1" "$(echo "$3/1000000" | bc -l)" "$4" \
    "$(echo "$3 / 1000000 / $4" | bc -l)" "$(echo "$2 / 1000000 / $4" | bc -l)"
}
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
