# Two commands a new user needs: `make run` (set up, process the seeds, open the review app)
# and `make test` (set up with test extras, lint, run the test suite). Both are idempotent:
# stamps keyed on pyproject.toml make the second run skip the installs.

VENV    ?= .venv
PY      := $(VENV)/bin/python
PIP     := $(PY) -m pip
WB      := $(VENV)/bin/workbench
OUT     ?= out
DB      ?= $(OUT)/workbench.db
# Documents in the synthetic batch-speed corpus: 200 is the benchmark's size (about an hour of
# processing on 2 cores); `make bench BATCH_DOCS=30` is a quick look.
BATCH_DOCS ?= 200
PORT    ?= 8501
# torch first and pinned: its CPU build lies on this machine's disk; an unpinned torch
# pulled in by sentence-transformers would be a multi-GB CUDA build.
TORCH   := torch==2.13.0

.PHONY: install install-test browser tesseract run process test lint bench bench-corpus bench-ocr-corpus bench-audit-corpus bench-review bench-dask bench-scale bench-scan clean

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.stamp-install: pyproject.toml | $(PY)
	$(PIP) install --quiet $(TORCH)
	$(PIP) install --quiet -e .
	touch $@

# The test extras include the corpus benchmark's peer aligners (sentalign, galechurch: numpy only),
# so that the tests of the benchmark run them too.
$(VENV)/.stamp-test: pyproject.toml $(VENV)/.stamp-install
	$(PIP) install --quiet -e '.[test,dask,bench]'
	touch $@

install: $(VENV)/.stamp-install tesseract

install-test: $(VENV)/.stamp-test browser tesseract

# Debian's Chromium for the end-to-end browser test (never `playwright install`: no downloads here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser test"; \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
		echo "could not install chromium: the browser test will be skipped"; }

# Debian's Tesseract with the Russian data, to read scans (`workbench process --scan`, page folders).
tesseract:
	@{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx rus; } || { \
		echo "installing Debian's tesseract-ocr and tesseract-ocr-rus to read scans"; \
		(apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-rus >/dev/null) || \
		echo "could not install Tesseract: scans cannot be read and the scan tests will be skipped"; }

# Processing imports each result into the review store: the proposer learns from the decisions in
# force there, and a second run re-anchors the earlier decisions on the new results.
process: install
	$(WB) process seeds/ --out $(OUT) --db $(DB)

run: process
	$(WB) review --db $(DB) --port $(PORT) --no-auth

lint: $(VENV)/.stamp-test
	$(VENV)/bin/ruff check align correct ui tests benchmarks

test: install-test lint
	$(VENV)/bin/pytest -q

bench: install-test
	$(PY) benchmarks/align_quality.py
	$(PY) benchmarks/align_speed.py
	$(PY) benchmarks/audit_quality.py
	$(PY) benchmarks/ocr_quality.py
	$(PY) benchmarks/batch_speed.py --docs $(BATCH_DOCS)

# Alignment quality on ../shared/corpus (docs, scanned) and the seeds, peers in the same run.
bench-corpus: install-test
	$(PY) benchmarks/corpus_quality.py --json $(OUT)/corpus_quality.json

# OCR proposals on ../shared/corpus/scanned: recall, precision, reliability, WER before/after apply.
bench-ocr-corpus: install-test
	$(PY) benchmarks/ocr_corpus.py --json $(OUT)/ocr_corpus.json

# The discrepancy audit on ../shared/corpus: number flags on docs/, planted recall, OCR-explained flags.
bench-audit-corpus: install-test
	$(PY) benchmarks/audit_corpus.py --json $(OUT)/audit_corpus.json

# Review decisions kept on their text after edits to the input (about 10 min), and the key-press
# round trip of the Editor page in Debian's Chromium.
bench-review: install-test
	$(PY) benchmarks/reanchoring.py --json $(OUT)/reanchoring.json
	$(PY) benchmarks/review_speed.py --json $(OUT)/review_speed.json

# A batch through a Dask scheduler address: `dask scheduler` and 2 `dask worker` processes on this
# machine, ../shared/corpus/docs, against the local engine with as many jobs (docs/batch.md).
bench-dask: install-test
	$(PY) benchmarks/dask_cluster.py --workers 2 --compare-local --json $(OUT)/dask_cluster.json

# Issue 17: time and memory per stage as a document grows (1x..64x seed 000 in three shapes; about an
# hour on 2 cores), and where a batch worker's time goes on the corpus with 1 and 2 jobs.
bench-scale: install-test
	$(PY) benchmarks/scaling.py --json $(OUT)/scaling.json
	$(PY) benchmarks/large_inputs.py --json $(OUT)/large_inputs.json
	$(PY) benchmarks/batch_profile.py --json $(OUT)/batch_profile.json

# Issue 18: three scanned corpus documents from their page images through Tesseract against the archive
# path (link F1, OCR time per page), and the OCR word confidence fitted with and without it (a few minutes).
bench-scan: install-test
	$(PY) benchmarks/scan_quality.py --json $(OUT)/scan_quality.json
	$(PY) benchmarks/engine_confidence.py --json $(OUT)/engine_confidence.json

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache
