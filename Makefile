# news-tools: build, demo, test, bench, lint, install.
CARGO ?= cargo
PREFIX ?= $(HOME)/.local
BINS := news-normalize news-sentences news-entities news-fingerprint news-group

.PHONY: build demo test bench bench-normalize bench-sentences bench-entities bench-fingerprint bench-group lint install clean

build:
	$(CARGO) build --release --workspace

## The main job on the embedded examples: the pipeline, printing JSON Lines.
demo: build
	examples/pipeline.sh examples/articles.jsonl

## Unit and integration tests (the real binaries), then the example pipeline check.
test:
	bash tests/pipeline_test.sh
	$(CARGO) test --workspace

## Throughput benchmarks, side by side with the floor or the peers (release builds).
bench: bench-normalize bench-sentences bench-entities bench-fingerprint bench-group

## news-normalize next to the passthrough floor; see scripts/bench_normalize.sh.
bench-normalize:
	bash scripts/bench_normalize.sh $(or $(MB),200) $(or $(RUNS),5)

## news-sentences next to Bling Fire and pySBD (../shared/eval/peers); see scripts/bench_sentences.sh.
bench-sentences:
	bash scripts/bench_sentences.sh $(or $(SENT_MB),100) $(or $(RUNS),3)

## news-entities next to spaCy's NER (../shared/eval/peers); see scripts/bench_entities.sh.
bench-entities:
	bash scripts/bench_entities.sh $(or $(ENT_MB),100) $(or $(RUNS),3)

## news-fingerprint next to datasketch, rensa and gaoya (../shared/eval/peers); see scripts/bench_fingerprint.sh.
bench-fingerprint:
	bash scripts/bench_fingerprint.sh $(or $(FP_MB),200) $(or $(RUNS),3)

## news-group at 100k, 300k and 1M records, alone and in the whole pipeline; see scripts/bench_group.sh.
bench-group:
	bash scripts/bench_group.sh $(GROUP_SIZES)

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

install: build
	mkdir -p $(PREFIX)/bin
	for b in $(BINS); do install -m 755 target/release/$$b $(PREFIX)/bin/; done

clean:
	$(CARGO) clean
	rm -rf bench-data
