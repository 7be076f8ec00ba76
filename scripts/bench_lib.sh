# Helpers shared by the benchmark scripts (sourced, not run).

# corpus PATH MEGABYTES: generate the benchmark corpus once.
corpus() { [ -s "$1" ] || python3 scripts/make_bench_corpus.py examples/articles.jsonl "$1" "$2"; }

# chars FILE: code points of all record texts (what "characters per second" counts).
chars() { python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"]) for l in open(sys.argv[1], encoding="utf-8")))' "$1"; }

# text_bytes FILE: UTF-8 bytes of all record texts (what "MB of text" counts, as the MinHash peers do).
text_bytes() { python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1], encoding="utf-8")))' "$1"; }

# pinned INPUT CMD...: wall seconds of CMD on core 0, INPUT on stdin, output discarded.
pinned() { local in=$1 s e; shift; s=$(date +%s.%N); taskset -c 0 "$@" < "$in" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

# median: of the numbers on stdin, one per line.
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# row LABEL CHARS BYTES SECONDS: one line of the results table.
row() {
  printf '%-36s %7.1f MB %8.2f s %9.3f MB/s %9.3f Mchar/s\n' "$1" "$(echo "$3/1000000" | bc -l)" "$4" \
    "$(echo "$3 / 1000000 / $4" | bc -l)" "$(echo "$2 / 1000000 / $4" | bc -l)"
}
