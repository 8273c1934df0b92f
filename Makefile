# The news digest. `make html` builds the site, `make test` runs every test;
# both create the virtual environment from the pinned dependencies first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000
N ?= 1000
# Wikipedia's Current events portal, one Markdown file a day (docs/topics.md, Retraining).
PORTAL ?= ../topics-training/portal
# Portal items of other years, as WikiTimes keeps them (JSON; docs/topics.md, Retraining).
WIKITIMES ?= ../topics-training/wikitimes
# HuffPost's headlines of 2012-2022 (News Category Dataset, JSON lines): empty, the shipped
# model leaves them out; a folder adds them (docs/topics.md, Retraining; tried, not kept).
HUFFPOST ?=
# The topic dev set's text outside the repository (docs/topics.md, "The learned verdict").
DIGEST_TOPICS_DEVSET ?= ../topics-devset

DIGEST := $(BIN)/python -m news_digest
PELICAN := $(BIN)/pelican

.PHONY: help venv html import clean regenerate serve devserver publish test test-fast lint lock bench topics-model topics-verdict

help:
	@echo 'make html        build the site from $(INPUTDIR)/ into $(OUTPUTDIR)/'
	@echo 'make import      new stories from the feeds in sources.toml into $(INPUTDIR)/articles/'
	@echo 'make test        run every test (what CI runs)'
	@echo 'make test-fast   every test but the browser, validator, benchmark and slow ones'
	@echo 'make clean       remove $(OUTPUTDIR)/ and the build cache'
	@echo 'make regenerate  rebuild whenever content changes'
	@echo 'make serve       serve $(OUTPUTDIR)/ on http://127.0.0.1:$(PORT)/'
	@echo 'make devserver   regenerate and serve together'
	@echo 'make publish     build with $(PUBLISHCONF) (public SITEURL; refuses a placeholder)'
	@echo 'make lint        ruff over the code'
	@echo 'make bench       time the build against plain Pelican (N=$(N) stories)'
	@echo "make topics-model  retrain the topics' learned part from PORTAL=$(PORTAL) and WIKITIMES=$(WIKITIMES) [HUFFPOST=folder]"
	@echo "make topics-verdict  retrain the topics' learned verdict from the labels and DIGEST_TOPICS_DEVSET=$(DIGEST_TOPICS_DEVSET)"

# The environment is rebuilt when the dependency pins change. pip compiles the packages
# it installs but not the plugin (installed editable): compileall does, so that a build
# reads it compiled where Python writes no bytecode (PYTHONDONTWRITEBYTECODE) instead of
# compiling its modules each time (docs/rebuilding.md, "A build's fixed cost").
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c constraints.txt -e '.[dev]'
	$(BIN)/python -m compileall -q plugins
	touch $(STAMP)

venv: $(STAMP)

html: $(STAMP)
	$(DIGEST) build $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE)

# The daily job is `make import html`. Exit code 1 means some feeds failed (the
# summary line names them) and the others were imported: the build goes on. Exit code
# 2 (a wrong sources file or setting) stops it.
import: $(STAMP)
	$(DIGEST) import --into $(INPUTDIR)/articles -s $(CONFFILE) || [ $$? -eq 1 ]

# Refuses to build while the public address is a placeholder (set DIGEST_SITE_URL in
# pelicanconf.py, or `make publish SITEURL=https://...`); docs/publishing.md.
publish: $(STAMP)
	$(DIGEST) build --publish $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF)

clean:
	rm -rf $(OUTPUTDIR) .cache

regenerate: $(STAMP)
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --ignore-cache

# Missing pages answer 404 with output/404.html, as a static host does.
serve: $(STAMP)
	$(DIGEST) serve -o $(OUTPUTDIR) -p $(PORT)

devserver: $(STAMP)
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b 127.0.0.1 -p $(PORT) --ignore-cache

test: $(STAMP)
	$(BIN)/python -m pytest

# The tiers are pytest markers (pyproject.toml): browser, validator, benchmark, slow.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not browser and not validator and not benchmark and not slow"

lint: $(STAMP)
	$(BIN)/ruff check plugins tests benchmarks training pelicanconf.py publishconf.py

# Build N synthetic stories with the digest and with plain Pelican, alternating;
# numbers are printed and written to benchmarks/RESULTS.md.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --n $(N)

# Retrain the topics' learned part (plugins/news_digest/enrich/topic_model.json) from
# the portal pages in PORTAL and the WikiTimes files in WIKITIMES; deterministic: the same
# files give the same model, byte for byte.
topics-model: $(STAMP)
	$(BIN)/python -m training.train_topic_model $(PORTAL) --wikitimes $(WIKITIMES) \
		$(if $(HUFFPOST),--huffpost $(HUFFPOST))

# Retrain the topics' learned verdict (plugins/news_digest/enrich/topic_verdict.json) from
# the tuning sets' labels (tests/data/topics_devset/) and their text, read from outside the
# repository (../shared/realworld-feeds and DIGEST_TOPICS_DEVSET); byte for byte the same.
topics-verdict: $(STAMP)
	DIGEST_TOPICS_DEVSET=$(DIGEST_TOPICS_DEVSET) $(BIN)/python -m training.train_topic_verdict

# Re-pin every installed package after changing pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^news-digest' > constraints.txt
