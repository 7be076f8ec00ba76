#!/usr/bin/env python3
"""Writes a synthetic corpus for news-group's scale benchmark: N records, a
realistic mix of stories and copies, in made-up words so any size can be
generated. About 60% of records are original articles (300 to 700 words,
drawn from a Zipf vocabulary plus a few story-specific names, so articles of
one story share names); the rest are copies of earlier articles: re-posted
with page furniture, trimmed to the lead, lightly edited, lowercased, or
several ledes in a roundup. Deterministic for a given N and seed.

Usage: make_group_corpus.py N OUT.jsonl [SEED]
"""
import json
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
VOCAB = [f"w{i}" for i in range(60000)]
CUM = []
_acc = 0.0
for _i in range(len(VOCAB)):
    _acc += 1.0 / (_i + 1)
    CUM.append(_acc)
FURNITURE = ["Home > News > World", "Share this article", "Comments (12)", "Sign up for our newsletter",
             "Photo: staff", "Related: more stories from the region"]


def sentence(names):
    words = rng.choices(VOCAB, cum_weights=CUM, k=rng.randint(8, 24))
    for _ in range(rng.randint(0, 2)):
        words.insert(rng.randrange(len(words)), rng.choice(names))
    return " ".join(words).capitalize() + "."


def article(names):
    paras = []
    for _ in range(rng.randint(6, 12)):
        paras.append(" ".join(sentence(names) for _ in range(rng.randint(2, 4))))
    return "\n\n".join(paras)


originals = []
stories = []
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        r = rng.random()
        if not originals or r < 0.6:
            if not stories or rng.random() < 0.3:
                stories.append([f"Name{len(stories)}x{k}" for k in range(6)])
            text = article(rng.choice(stories))
            originals.append(text)
            kind = "original"
        else:
            src = rng.choice(originals[-5000:])
            paras = src.split("\n\n")
            if r < 0.72:
                text = "\n\n".join([rng.choice(FURNITURE)] + paras + rng.sample(FURNITURE, 2))
                kind = "wrap"
            elif r < 0.80:
                text = "\n\n".join(paras[: max(1, len(paras) // 3)])
                kind = "trim"
            elif r < 0.88:
                words = src.split(" ")
                for _ in range(len(words) // 30):
                    words[rng.randrange(len(words))] = rng.choice(VOCAB)
                text = " ".join(words)
                kind = "edit"
            elif r < 0.95:
                text = src.lower()
                kind = "lower"
            else:
                ledes = [rng.choice(originals).split("\n\n")[0] for _ in range(3)]
                text = "\n\n".join(["Morning briefing"] + paras[:4] + ledes)
                kind = "roundup"
        day = 20000 + i * 3650 // max(n, 1)
        f.write(json.dumps({"id": f"doc{i:07d}", "kind": kind, "published": f"{1970 + day // 365:04d}-{day % 365 // 31 + 1:02d}-{day % 31 + 1:02d}",
                            "text": text}) + "\n")
print(f"{out}: {n} records", file=sys.stderr)
