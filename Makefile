# gograd: the two commands are `make notebook` and `make test` (see docs/SETUP.md).
#   make notebook          install what is missing, then open JupyterLab on the welcome page (UI=notebook: Notebook 7; PORT, IP)
#   make test              install what is missing, then run every test (docs/SETUP.md lists them)
#   make site              the course as a static website in build/site/_build/html (Jupyter Book; scripts/site.sh)
#   make jstest            the pages' scripts under Node's test runner, over fixtures the Go tests write (seconds)
#   make browser-test      every lesson in JupyterLab 4 (light, dark) and Notebook 7 in headless Chromium
#   make notebooks-update  re-run every notebook and write its fresh outputs back (commit them)
#   make install           only install (scripts/install.sh; versions in scripts/versions.env)
#   make image-test        build the classroom image with podman and run it (as root; docs/DOCKER.md)
#   make hub-test          a JupyterHub class with local users on 127.0.0.1 (as root; docs/DOCKER.md)
#   make bench-cells       what notebook cells and lessons cost, through a real GoNB kernel
#   make assignments       the students' versions of the nbgrader assignments, in assignments/release/ (docs/TEACHING.md)
#   make grading-test      nbgrader grades a synthetic class (cheaters and snoopers too) in the sandbox; every grade checked
#   make bench-grading     what grading costs: seconds a notebook, the sandbox's cost, a class (STUDENTS=30)
SHELL := /bin/bash
.DEFAULT_GOAL := help
.NOTPARALLEL:
.PHONY: help install notebook site test shellcheck vet gotest jstest multiuser-test runner-selftest browser-test notebooks-check \
	notebooks-update classroom-tests image-test hub-test bench-cells assignments grading-test bench-grading

# GoNB, goimports and the kernel run `go` and `goimports`: put Go's bin dirs on PATH for every recipe.
GO := $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
GO_BIN_DIR := $(shell d=$$($(GO) env GOBIN 2>/dev/null); [ -n "$$d" ] || d=$$($(GO) env GOPATH 2>/dev/null | cut -d: -f1)/bin; echo "$$d")
# Jupyter comes from the project's virtual environment (scripts/install.sh makes it; GOGRAD_VENV
# moves it), unless GOGRAD_JUPYTER=system.
VENV := $(or $(GOGRAD_VENV),$(CURDIR)/.venv)
export PATH := $(if $(filter system,$(GOGRAD_JUPYTER)),,$(VENV)/bin:)$(GO_BIN_DIR):$(dir $(GO)):$(PATH)

# -race needs cgo and a C compiler: used when both are there (CI installs gcc).
RACE = $(shell [ "$$($(GO) env CGO_ENABLED)" = 1 ] && command -v "$$($(GO) env CC)" >/dev/null && echo -race)

help:
	@sed -n 's/^#   //p' Makefile

install:
	@bash scripts/install.sh

notebook: install
	@bash scripts/notebook.sh

# The lessons as a website: table of contents, search, pictures and working views, a Binder button.
site:
	@bash scripts/site.sh

test: install shellcheck vet gotest jstest multiuser-test runner-selftest grading-test classroom-tests browser-test notebooks-check

shellcheck:
	@if command -v shellcheck >/dev/null; then \
	  shellcheck -x scripts/*.sh deploy/*.sh deploy/jupyterhub/*.sh .ci/run && \
	    echo "shellcheck: scripts/*.sh deploy/ .ci/run clean"; \
	else echo "shellcheck: not installed, skipped (apt-get install shellcheck)"; fi

vet:
	go vet ./...

gotest:
	@[ -n "$(RACE)" ] || echo "go test: no cgo/C compiler, running without -race"
	go test $(RACE) ./...

# The views' scripts (packed.js, training.js, view.js) under Node's own test runner, without a browser: the
# Go tests write what the scripts receive (GOGRAD_JS_FIXTURES), then node --test checks what the
# scripts make of it. Needs node 18 or newer: as root, Debian's nodejs is installed if missing.
JS_TESTS := internal/page/packed.test.mjs display/training/training.test.mjs display/views/views.test.mjs
jstest:
	@command -v node >/dev/null || [ "$$(id -u)" -ne 0 ] || bash scripts/apt_install.sh nodejs
	@command -v node >/dev/null || { echo "jstest: node is not installed: apt-get install nodejs"; exit 1; }
	@dir=$$(mktemp -d) && trap 'rm -rf "$$dir"' EXIT && \
	  GOGRAD_JS_FIXTURES=$$dir go test -count=1 -run '^TestJSFixture$$' ./internal/page ./display/training ./display/views && \
	  GOGRAD_JS_FIXTURES=$$dir node --test $(JS_TESTS)

# Two Unix users drawing on one machine (as root; skipped otherwise).
multiuser-test:
	@bash scripts/multiuser_test.sh

runner-selftest:
	@bash scripts/nbpython.sh scripts/test_run_notebooks.py

# What a student sees in the real Notebook UI (installs chromium, node and playwright-core if missing).
browser-test:
	@bash scripts/browser_test.sh

# The course's assignments (assignments/source) as the students get them, written by nbgrader.
assignments: install
	@bash scripts/nbpython.sh scripts/assignments.py

# nbgrader and the gograd kernel grade right, wrong, untouched, edited, broken and cheating notebooks,
# each kernel in the sandbox of assignments/gograd_grading.py (~6 min on 2 busy cores); as root, then
# TEACHING.md's laptop path as a new user without root (scripts/laptop_grading_test.sh). Its hub path
# (a teacher and students on the JupyterHub of deploy/) runs in the hub test, on the hub it starts.
grading-test:
	@bash scripts/nbpython.sh scripts/test_grading.py

bench-grading: install
	@bash scripts/nbpython.sh scripts/bench_grading.py --students $(or $(STUDENTS),30) --compare 2

notebooks-check:
	@bash scripts/nbpython.sh scripts/run_notebooks.py

notebooks-update: install
	@bash scripts/nbpython.sh scripts/run_notebooks.py --update

# The Dockerfile, built with podman against local stand-ins of its base images and run offline as
# uid 1000 and as another uid, with and without a home volume (scripts/image_test.sh; root, ~10 min).
# The classroom image and the JupyterHub class, in `make test` when run as root (they need podman,
# users and a hub); skipped with a note otherwise.
classroom-tests:
	@if [ "$$(id -u)" -eq 0 ]; then $(MAKE) --no-print-directory image-test hub-test; 	else echo "image-test, hub-test: skipped (they need root: podman builds the image, the hub creates users)"; fi

image-test:
	@bash scripts/image_test.sh

# A real JupyterHub with local users, each running a lesson through the Hub's API, then a course on
# it: TEACHING.md's hub path, graded in the sandbox (scripts/hub_test.sh; root).
hub-test:
	@bash scripts/hub_test.sh

bench-cells: install
	@bash scripts/nbpython.sh scripts/bench_cells.py --lessons
