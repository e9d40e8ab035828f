# Rebalance Playground — developer and CI entry points.
# `make test` works from a clean clone: it installs npm deps and Debian's Chromium if missing.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PORT ?= 5173
CHROMIUM_PATH ?= /usr/bin/chromium

.PHONY: help install chromium build run test typecheck lint format-check unit e2e e2e-update bench clean distclean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

install: node_modules/.package-lock.json ## npm ci, only when node_modules is missing or stale

# npm ci writes node_modules/.package-lock.json; reinstall when package-lock.json is newer.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

chromium: ## Install Debian's chromium (never Playwright's downloads) if it is missing
	@if [ -x "$(CHROMIUM_PATH)" ]; then \
	  echo "chromium: $(CHROMIUM_PATH) present"; \
	else \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; \
	  else echo "chromium: $(CHROMIUM_PATH) missing; run as root or install sudo" >&2; exit 1; fi; \
	  echo "chromium: $(CHROMIUM_PATH) missing, installing Debian's chromium"; \
	  $$SUDO apt-get update; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-dejavu-core; \
	fi

build: install ## Production build into dist/
	npm run build

run: build ## Build, then serve dist/ on http://localhost:$PORT (default 5173)
	@echo "Rebalance Playground: http://localhost:$(PORT)/"
	PORT=$(PORT) npm run preview -- --port $(PORT)

test: install chromium ## Everything CI runs: typecheck, lint, format, unit, e2e
	npm run typecheck
	npm run lint
	npm run format:check
	rm -rf reports
	npm run test:unit
	npm run test:e2e
	node scripts/test-summary.mjs

typecheck: install ; npm run typecheck
lint: install ; npm run lint
format-check: install ; npm run format:check
unit: install ; npm run test:unit
e2e: install chromium ; npm run test:e2e

e2e-update: install chromium ## Re-record Playwright snapshots
	npx playwright test --update-snapshots

bench: install chromium ## Run the benchmarks: assignors in Node, then the page in Chromium
	npm run bench
	npm run build
	npm run bench:browser

clean: ## Remove build and test output
	rm -rf dist test-results playwright-report blob-report coverage .vite node_modules/.vite *.tsbuildinfo

distclean: clean ## Also remove node_modules
	rm -rf node_modules
