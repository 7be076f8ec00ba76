#!/usr/bin/env bash
# The news-tools pipeline on the example corpus, as far as the stages exist.
#
#   examples/pipeline.sh [INPUT.jsonl]        # default: examples/articles.jsonl
#
# Each stage is a plain filter, so any one can be swapped by setting its
# variable to another command that speaks the same JSON Lines contract:
#
#   NORMALIZE=cat examples/pipeline.sh        # skip normalization
#   NORMALIZE="news-normalize --keep byline" examples/pipeline.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${BIN:-$here/../target/release}
input=${1:-$here/articles.jsonl}

stage() { # the stage's command if its binary is built, else a pass-through
  if [ -x "$bin/$1" ]; then echo "$bin/$1"; else echo cat; fi
}
NORMALIZE=${NORMALIZE:-$(stage news-normalize)}
SENTENCES=${SENTENCES:-$(stage news-sentences)}
ENTITIES=${ENTITIES:-$(stage news-entities)}
FINGERPRINT=${FINGERPRINT:-$(stage news-fingerprint)}
GROUP=${GROUP:-$(stage news-group)}

$NORMALIZE < "$input" | $SENTENCES | $ENTITIES | $FINGERPRINT | $GROUP
