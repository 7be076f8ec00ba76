#!/usr/bin/env python3
"""Writes a large JSON Lines news corpus for benchmarks, built from the
examples: each record is an example article with a fresh id, its paragraphs
rotated and a numbered sentence added, so no two records are identical.

With JOIN > 1, each record also carries the paragraphs of the next JOIN - 1
example articles, for articles of realistic length: the examples average
about 150 words, news articles 400 to 800.

Usage: make_bench_corpus.py EXAMPLES.jsonl OUT.jsonl MEGABYTES [JOIN]
"""
import json
import sys

src, out, megabytes = sys.argv[1], sys.argv[2], float(sys.argv[3])
join = int(sys.argv[4]) if len(sys.argv) > 4 else 1
base = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
target = int(megabytes * 1_000_000)
written = 0
n = 0
with open(out, "w", encoding="utf-8") as f:
    while written < target:
        rec = dict(base[n % len(base)])
        paras = rec["text"].split("\n\n")
        for j in range(1, join):
            paras += base[(n + j) % len(base)]["text"].split("\n\n")[1:]
        k = (n // len(base)) % max(1, len(paras))
        paras = paras[:1] + paras[1:][k:] + paras[1:][:k]
        paras.append(f"Update {n}: officials said more details would follow on day {n % 31 + 1}.")
        rec["id"] = f"{rec['id']}-{n}"
        rec["text"] = "\n\n".join(paras)
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        f.write(line)
        written += len(line.encode("utf-8"))
        n += 1
print(f"{out}: {n} records, {written / 1e6:.1f} MB", file=sys.stderr)
