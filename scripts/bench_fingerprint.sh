#!/usr/bin/env bash
# Throughput of news-fingerprint next to the MinHash libraries users reach
# for (datasketch, rensa, gaoya through ../shared/eval/peers), one core each,
# in one run. The corpus is news-length articles (the examples joined three
# at a time, about 2.3 KB of text, the length of the syndication and ECB+
# gold articles). news-fingerprint is timed end to end on JSON Lines (parse,
# tokens, hash, MinHash, bands, SimHash, anchors, writing the records); the
# peers on texts already in memory, shingling plus a 128-value signature.
# Both are reported as MB of article text per second, medians.
#
# Usage: scripts/bench_fingerprint.sh [MEGABYTES] [RUNS] [PEER_MEGABYTES]
# The peers run on a PEER_MEGABYTES slice (datasketch does ~4 MB/s), and
# news-fingerprint on that slice too, for the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench_lib.sh
MB=${1:-200}
RUNS=${2:-3}
SLICE_MB=${3:-20}
PEERS=${PEERS:-../shared/eval/peers}
PY="$PEERS/venv/bin/python"
DATA=bench-data
mkdir -p "$DATA"
cargo build --release -q -p news-fingerprint
OURS=target/release/news-fingerprint
big="$DATA/news-${MB}mb.jsonl"
slice="$DATA/news-${SLICE_MB}mb.jsonl"
[ -s "$big" ] || python3 scripts/make_bench_corpus.py examples/articles.jsonl "$big" "$MB" 3
[ -s "$slice" ] || python3 scripts/make_bench_corpus.py examples/articles.jsonl "$slice" "$SLICE_MB" 3
big_text=$(text_bytes "$big"); slice_text=$(text_bytes "$slice")

have_peers=0
[ -x "$PY" ] && "$PY" -c 'import datasketch, rensa, gaoya' 2>/dev/null && have_peers=1
[ "$have_peers" = 1 ] || echo "note: no peer environment at $PY (run $PEERS/setup.sh); timing news-fingerprint alone" >&2

ours=""; ours_s=""
for _ in $(seq "$RUNS"); do
  ours+="$(pinned "$big" "$OURS" -j 1)"$'\n'
  ours_s+="$(pinned "$slice" "$OURS" -j 1)"$'\n'
done
o=$(printf '%s' "$ours" | median); os=$(printf '%s' "$ours_s" | median)
mbps() { echo "$1 / 1000000 / $2" | bc -l; }
echo "one core (taskset -c 0), median of $RUNS runs; MB/s of article text"
printf '%-40s %8.1f MB text %9.2f s %9.1f MB/s\n' "news-fingerprint (JSON Lines in and out)" \
  "$(echo "$big_text/1000000" | bc -l)" "$o" "$(mbps "$big_text" "$o")"
printf '%-40s %8.1f MB text %9.2f s %9.1f MB/s\n' "news-fingerprint (slice)" \
  "$(echo "$slice_text/1000000" | bc -l)" "$os" "$(mbps "$slice_text" "$os")"
if [ "$have_peers" = 1 ]; then
  RAYON_NUM_THREADS=1 taskset -c 0 "$PY" "$PEERS/peer_minhash_bench.py" "$slice" --runs "$RUNS" \
    | python3 -c '
import json, sys
ours = float(sys.argv[1])
for line in sys.stdin:
    r = json.loads(line)
    print("%-40s %8.1f MB text %9.2f s %9.1f MB/s   news-fingerprint is %.1fx" % (
        r["library"] + " (peer_minhash_bench.py, slice)", r["text_MB"], r["seconds"], r["MB_per_s"],
        ours / r["MB_per_s"]))
' "$(mbps "$slice_text" "$os")"
fi
