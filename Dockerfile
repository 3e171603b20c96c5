# gograd's classroom image: JupyterLab opens on the notebooks with the GoNB (Go) kernel, and every
# Go cache the notebooks use is already warm, so a student's first cell is fast and needs no network.
#
#   docker build -t gograd .
#   docker run --rm -p 8888:8888 gograd     # then open the printed http://127.0.0.1:8888/lab?token=... URL
#
# The same file serves mybinder.org (repo2docker builds a root Dockerfile, passing NB_USER and
# NB_UID) and JupyterHub (the base image ships jupyterhub-singleuser). docs/DOCKER.md has the Binder
# badge, volumes for student work, notes for teachers and the expected size.
#
# CI has no Docker engine, so CI never builds this image. internal/dockercheck parses this file with
# BuildKit's own parser and enforces its rules: cd internal/dockercheck && go test -count=1 ./...
#
# Layout: everything the kernel needs lives OUTSIDE the home folder, so a volume mounted on
# /home/${NB_USER} (how JupyterHub and `docker run -v` keep student work) hides none of it
# (GoNB issue #59):
#   /home/${NB_USER}/notebooks  what students open (Jupyter starts in the home folder): a copy of
#                               notebooks/, so lab/tree/notebooks is the URL everywhere
#   /usr/local/go               Go toolchain, copied from the official golang image
#   /opt/gograd/repo            this repository, where the build executed the notebooks; the kernel's
#                               go.work includes it, so a notebook in any folder imports its packages
#   /opt/gograd/go              GOPATH: gonb, goimports, gopls in bin/; the warm module cache in pkg/mod/
#   /opt/gograd/cache/go-build  GOCACHE, warm for every package the notebooks import
#   /opt/gograd/tmp             TMPDIR: go-graphviz's WASM compilation cache (go-graphviz/), warmed at
#                               build time, and GoNB's per-kernel temp modules. Not /tmp: /tmp can be an
#                               empty tmpfs at run time, and go-graphviz silently recompiles (~0.5 s a
#                               cell) when its cache is missing or read-only.
#   /opt/gograd/jupyter         on JUPYTER_PATH: the GoNB kernel spec (kernels/gonb/kernel.json). Found
#                               before any kernel spec in the home folder, and never hidden by a volume.
# It is owned by ${NB_UID}, group users (100), group-writable: the docker-stacks convention, so that a
# hub running the server under another uid in group users still works.

# Go: an exact release of the official image, at least go.mod's `go` line (dockercheck enforces both).
FROM golang:1.26.8-bookworm AS golang

# Jupyter's docker-stacks image: JupyterLab, jupyterhub-singleuser, conda Python (whose nbconvert
# brings nbclient, which the notebook runner needs), user jovyan (uid 1000, group users), tini,
# start-notebook.py and a health check script. Dated tags never move; newer ones are listed at
# https://quay.io/repository/jupyter/base-notebook?tab=tags
FROM quay.io/jupyter/base-notebook:2026-07-28

# repo2docker passes both (mybinder.org passes jovyan and 1000: the base image's user, no change).
ARG NB_USER=jovyan
ARG NB_UID=1000

# Tool versions, for `docker inspect`: they must equal scripts/versions.env (dockercheck enforces it);
# the tools themselves are installed by scripts/install.sh, which reads versions.env.
LABEL org.opencontainers.image.title="gograd classroom notebooks" \
      org.opencontainers.image.description="JupyterLab with the GoNB Go kernel and warm Go caches for gograd's notebooks" \
      io.gograd.gonb-version="v0.11.4" \
      io.gograd.goimports-version="v0.52.0" \
      io.gograd.gopls-version="v0.23.0"

SHELL ["/bin/bash", "-o", "pipefail", "-c"]
USER root

# With BuildKit (docker build's default) an ARG overrides the base image's ENV of the same name, so
# a build for another user (repo2docker run locally passes your login and uid) renames and renumbers
# jovyan here. The classic builder lets the base image's ENV win: the image then keeps jovyan/1000,
# consistently (every ${NB_USER} below is jovyan).
ENV NB_USER=${NB_USER} \
    NB_UID=${NB_UID} \
    USER=${NB_USER} \
    HOME=/home/${NB_USER}
RUN if [ "${NB_UID}" != 1000 ]; then usermod --uid "${NB_UID}" jovyan; fi && \
    if [ "${NB_USER}" != jovyan ]; then usermod --login "${NB_USER}" --home "/home/${NB_USER}" --move-home jovyan; fi && \
    install -d -o "${NB_UID}" -g "${NB_GID}" -m 2775 \
        /opt/gograd /opt/gograd/repo /opt/gograd/go /opt/gograd/cache /opt/gograd/tmp /opt/gograd/jupyter

ENV GOPATH=/opt/gograd/go \
    GOCACHE=/opt/gograd/cache/go-build \
    GOENV=/opt/gograd/go/env \
    GOTOOLCHAIN=local \
    TMPDIR=/opt/gograd/tmp \
    JUPYTER_PATH=/opt/gograd/jupyter \
    PATH=/opt/gograd/go/bin:/usr/local/go/bin:${PATH}
COPY --from=golang /usr/local/go /usr/local/go

USER ${NB_USER}
WORKDIR /opt/gograd/repo

# GoNB, goimports and gopls at the versions pinned in scripts/versions.env, and the GoNB kernel spec
# (--go_work=/opt/gograd/repo) in JUPYTER_PATH. Only go.mod and scripts/ are copied first, so that
# this slow layer (~2 min: gopls) is not rebuilt when a notebook or a package changes. Compiling the
# tools fills a build cache and a module cache that nothing needs at run time: both are throwaway.
COPY --chown=${NB_UID}:${NB_GID} go.mod go.sum ./
COPY --chown=${NB_UID}:${NB_GID} scripts/ scripts/
RUN umask 002 && \
    JUPYTER_DATA_DIR=/opt/gograd/jupyter INSTALL_GOPLS=1 \
    GOCACHE=/opt/gograd/tmp/tools-build GOMODCACHE=/opt/gograd/tmp/tools-mod GOFLAGS=-modcacherw \
    bash scripts/install.sh && \
    rm -rf /opt/gograd/tmp/tools-build /opt/gograd/tmp/tools-mod

# Warm every cache by executing each notebook once, with the runner `make test` uses
# (scripts/run_notebooks.py, through nbpython.sh): a failing notebook fails the build. install.sh runs
# again first: it installs nothing, downloads this repository's modules into the module cache and
# builds its packages. Then the runner's executed copies and leftover temp folders go; the warm
# go-graphviz cache (/opt/gograd/tmp/go-graphviz) stays.
COPY --chown=${NB_UID}:${NB_GID} . ./
RUN umask 002 && \
    JUPYTER_DATA_DIR=/opt/gograd/jupyter INSTALL_GOPLS=1 bash scripts/install.sh && \
    bash scripts/nbpython.sh scripts/run_notebooks.py --out /opt/gograd/tmp/notebook-run && \
    find /opt/gograd/tmp -mindepth 1 -maxdepth 1 ! -name go-graphviz -exec rm -rf {} + && \
    rm -rf build && \
    go env -w GONOSUMDB="$(cut -d' ' -f1 go.sum | sort -u | paste -sd, -)"

# Run time: the first cell needs no network (checked on a replay of these steps, in a network
# namespace with only loopback). Per cell GoNB runs goimports (offline), then, unless the notebook
# said %noautoget, `go get` in the kernel's temp module, then `go build` there. That temp module is
# in a workspace (go.work) with /opt/gograd/repo, so this repository's packages and all it requires
# build from the warm caches with no download at all. What needs more is `go get` for a cell that
# imports a module directly (gonbui, go-graphviz...): it resolves a version ("latest") and records
# checksums in the temp module, which the go command verifies against the checksum database.
#  - GOPROXY lists the module cache's own download folder first, a file:// proxy the go command
#    reads offline: a module seen at build time resolves to its cached, pinned version, with or
#    without network. A module never seen falls through to proxy.golang.org (online, as usual).
#  - GONOSUMDB (written into $GOENV by the RUN above) names the modules of go.sum, already verified
#    when the build downloaded them: no checksum-database lookup for those. Any other module is
#    verified as usual.
# Not GOPROXY=off: it also works offline, but makes every new import fail on a connected laptop.
# Not GOFLAGS=-mod=mod: the go command rejects it in workspace mode, so every GoNB cell would fail
# ("-mod may only be set to readonly or vendor when in workspace mode").
ENV GOPROXY=file:///opt/gograd/go/pkg/mod/cache/download,https://proxy.golang.org

# What students open: the notebooks, copied into the home folder (Jupyter's root folder). A volume
# mounted on the home folder starts as a copy of it (Docker named volumes) or stays empty (JupyterHub
# storage): docs/DOCKER.md shows how a hub copies the notebooks in.
COPY --chown=${NB_UID}:${NB_GID} notebooks/ /home/${NB_USER}/notebooks/
WORKDIR /home/${NB_USER}
EXPOSE 8888
# The base image's probe (it asks the running Jupyter server for its status): `docker ps` shows
# (healthy) once JupyterLab answers.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD /etc/jupyter/docker_healthcheck.py || exit 1
USER ${NB_USER}
# CMD stays the base image's start-notebook.py (JupyterLab on port 8888, or jupyterhub-singleuser
# when a hub starts the container).
