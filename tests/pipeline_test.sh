#!/usr/bin/env bash
# End-to-end check of the example pipeline: every record comes out once, in
# order, as a JSON object with the fields each built stage owns, and the run
# is byte-for-byte deterministic. Runs the debug build so `make test` needs no
# release build.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --workspace
export BIN=target/debug
out1=$(mktemp) out2=$(mktemp)
trap 'rm -f "$out1" "$out2"' EXIT
examples/pipeline.sh examples/articles.jsonl > "$out1"
examples/pipeline.sh examples/articles.jsonl > "$out2"
cmp -s "$out1" "$out2" || { echo "pipeline_test: output differs between runs"; exit 1; }
python3 - "$out1" examples/articles.jsonl <<'PY'
import json, sys
out = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
inp = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert [r["id"] for r in out] == [r["id"] for r in inp], "ids differ or out of order"
for o, i in zip(out, inp):
    assert isinstance(o["text"], str) and o["text"], o["id"]
    assert "normalize" in o, o["id"]
    # sentences: code-point spans, in order, trimmed, covering the text
    text, prev = o["text"], 0
    for s in o["sentences"]:
        a, b = s["start"], s["end"]
        assert isinstance(a, int) and isinstance(b, int) and prev <= a < b <= len(text), (o["id"], s)
        assert text[a:b] == text[a:b].strip(), (o["id"], s)
        assert not text[prev:a].strip(), (o["id"], "uncovered text", text[prev:a])
        prev = b
    assert not text[prev:].strip(), (o["id"], "uncovered tail")
    for k, v in i.items():
        if k not in ("text", "title"):
            assert o[k] == v, (o["id"], k)
print(f"pipeline_test: {len(out)} passed, 0 failed")
PY
