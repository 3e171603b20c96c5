# gograd's classroom image: Jupyter opens on the notebooks with the gograd Go kernel (GoNB), and
# every Go cache the notebooks use is already warm, so a student's first cell is fast and needs no
# network.
#
#   docker build -t gograd .
#   docker run --rm -p 8888:8888 gograd     # then open the printed http://127.0.0.1:8888/lab?token=... URL
#
# The same file serves mybinder.org (repo2docker builds a root Dockerfile, passing NB_USER and
# NB_UID) and JupyterHub (the base image ships jupyterhub-singleuser; deploy/ has a hub's settings).
# docs/DOCKER.md has the Binder badge, volumes for student work, what a teacher sets up and the size.
#
# Tested by `make image-test` (scripts/image_test.sh): it builds this file with podman, against local
# stand-ins of the two base images, and runs the notebooks offline in the image as uid 1000 and as
# another uid in group users, with and without a volume on the home folder.
#
# Layout: everything the kernel needs lives OUTSIDE the home folder, so a volume mounted on
# /home/${NB_USER} (how JupyterHub and `docker run -v` keep student work) hides none of it
# (GoNB issue #59):
#   /home/${NB_USER}/notebooks  what students open (Jupyter starts in the home folder): copied from
#                               /opt/gograd/repo/notebooks at start-up when missing, and trusted for
#                               the user (deploy/lessons_home.sh, run by the base image's start-up
#                               hooks), so an empty volume gets the lessons too
#   /usr/local/go               Go toolchain, copied from the official golang image
#   /opt/gograd/repo            this repository, where the build executed the notebooks; the kernel's
#                               go.work includes it, so a notebook in any folder imports its packages
#   /opt/gograd/go              GOPATH: gonb, goimports, gopls and gograd-render (the renderer that
#                               draws graphs) in bin/; the warm module cache in pkg/mod/
#   /opt/gograd/cache/go-build  GOCACHE, warm for every package the notebooks import
#   /opt/gograd/cache/gograd    GOGRAD_CACHE_DIR: the renderer's folder of each uid (render-uidN: its
#                               socket and Graphviz's compiled WebAssembly); uid 1000's is warm
#   /opt/gograd/jupyter         on JUPYTER_PATH: the gograd kernel spec (kernels/gograd/kernel.json).
#                               Found before any kernel spec in the home folder, and never hidden by a volume.
#   /opt/gograd/repo/deploy/jupyter  on JUPYTER_CONFIG_PATH: jupyter_config.py, which gives a uid its
#                               own trust database when a home volume holds another uid's
#   /tmp/jupyter-runtime        JUPYTER_RUNTIME_DIR: the server's runtime files (its URL, the kernels'
#                               connection files), made by the uid that runs it, never in a home
#                               volume where another uid's private runtime folder would stop the server
# Any uid in group users (100) can use the image, as hubs and OpenShift-style platforms run it:
# /opt/gograd is owned by ${NB_UID}, group users, group-writable with setgid folders (the
# docker-stacks convention), and the server runs with umask 002 (NB_UMASK), so what one uid writes
# in the shared caches or in ~/notebooks, another uid of the group can write too.
# A teacher can grade in the image: it has nbgrader and bubblewrap, the course's sandbox for each
# submission, which needs the container started with /proc unmasked (podman run --security-opt
# unmask=/proc/*); under the defaults grading refuses (docs/TEACHING.md, "Grading in the classroom
# container").

# Go: an exact release of the official image, at least go.mod's `go` line (install.sh checks it).
FROM golang:1.26.8-bookworm AS golang

# Jupyter's docker-stacks image: JupyterLab, jupyterhub-singleuser, conda Python (whose nbconvert
# brings nbclient, which the notebook runner needs), user jovyan (uid 1000, group users), tini,
# start.sh with its start-up hooks, and a health check script. Dated tags never move; newer ones
# are listed at https://quay.io/repository/jupyter/base-notebook?tab=tags
FROM quay.io/jupyter/base-notebook:2026-07-28

# repo2docker passes both (mybinder.org passes jovyan and 1000: the base image's user, no change).
ARG NB_USER=jovyan
ARG NB_UID=1000

# Tool versions, for `docker inspect`: they must equal scripts/versions.env (the image test checks
# them and the tools built into the image); the tools are installed by scripts/install.sh, which
# reads versions.env.
LABEL org.opencontainers.image.title="gograd classroom notebooks" \
      org.opencontainers.image.description="Jupyter with the GoNB Go kernel and warm Go caches for gograd's notebooks" \
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
# The start-up hook (run by the base image's start.sh as the container's user, whatever its uid)
# is a link to deploy/lessons_home.sh, copied with the repository below.
RUN if [ "${NB_UID}" != 1000 ]; then usermod --uid "${NB_UID}" jovyan; fi && \
    if [ "${NB_USER}" != jovyan ]; then usermod --login "${NB_USER}" --home "/home/${NB_USER}" --move-home jovyan; fi && \
    install -d -o "${NB_UID}" -g "${NB_GID}" -m 2775 /opt/gograd /opt/gograd/repo /opt/gograd/go \
        /opt/gograd/cache /opt/gograd/cache/gograd /opt/gograd/jupyter && \
    ln -s /opt/gograd/repo/deploy/lessons_home.sh /usr/local/bin/before-notebook.d/10-gograd-lessons

# bubblewrap, the sandbox in which the course grades each submission (assignments/gograd_grading.py;
# docs/TEACHING.md, "Grading in the classroom container"), at the version of the base's
# distribution: Ubuntu 24.04 (noble) for the real base, Debian 12 (bookworm) for the image test's
# stand-in. A pin that apt no longer finds ("Version ... was not found": the distribution replaced
# it with a fix) is updated from `apt-cache policy bubblewrap` in the base. Not setuid: it runs
# with the user's own rights, in user namespaces (in a container, only with /proc unmasked).
RUN . /etc/os-release && \
    case "$VERSION_CODENAME" in \
        noble) bubblewrap=0.9.0-1ubuntu0.3 ;; \
        bookworm) bubblewrap=0.8.0-2+deb12u1 ;; \
        *) echo "no bubblewrap version pinned for $PRETTY_NAME" >&2; exit 1 ;; \
    esac && \
    apt-get update -q && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "bubblewrap=$bubblewrap" && \
    apt-get clean && rm -rf /var/lib/apt/lists/* && \
    ! test -u /usr/bin/bwrap

# GOGRAD_JUPYTER=system: scripts/install.sh uses the base image's Jupyter (on PATH) and installs no
# Jupyter of its own.
ENV GOPATH=/opt/gograd/go \
    GOCACHE=/opt/gograd/cache/go-build \
    GOENV=/opt/gograd/go/env \
    GOTOOLCHAIN=local \
    GOGRAD_CACHE_DIR=/opt/gograd/cache/gograd \
    JUPYTER_PATH=/opt/gograd/jupyter \
    JUPYTER_CONFIG_PATH=/opt/gograd/repo/deploy/jupyter \
    JUPYTER_RUNTIME_DIR=/tmp/jupyter-runtime \
    GOGRAD_JUPYTER=system \
    NB_UMASK=002 \
    PATH=/opt/gograd/go/bin:/usr/local/go/bin:${PATH}
COPY --from=golang /usr/local/go /usr/local/go

USER ${NB_USER}
WORKDIR /opt/gograd/repo

# GoNB, goimports, gopls and the renderer at the versions pinned in scripts/versions.env, the
# gograd kernel spec (--go_work=/opt/gograd/repo) in JUPYTER_PATH, and nbgrader (for grading in the
# container; its menus stay off) at the version of scripts/requirements.txt into the base's Python.
# Only what install.sh reads and builds is copied first (go.mod, install.sh with versions.env,
# nbpython.sh and requirements.txt, the renderer's source), so that this slow layer (~2 min:
# gopls) is not rebuilt when a notebook, a package or another script changes. Compiling the tools
# fills a build cache and a module cache that nothing needs at run time: both are throwaway, and so
# is the HOME of every build step (tool caches, Jupyter's runtime files), so that the image's home
# folder holds nothing of uid 1000's that another uid could not write. install.sh does not trust
# the notebooks here (TRUST_NOTEBOOKS=0): each user trusts them at start-up, in their own Jupyter
# data folder.
COPY --chown=${NB_UID}:${NB_GID} go.mod go.sum ./
COPY --chown=${NB_UID}:${NB_GID} scripts/install.sh scripts/versions.env scripts/nbpython.sh scripts/requirements.txt scripts/
COPY --chown=${NB_UID}:${NB_GID} cmd/gograd-render/ cmd/gograd-render/
COPY --chown=${NB_UID}:${NB_GID} internal/render/ internal/render/
RUN umask 002 && mkdir -p /tmp/gograd-build && \
    HOME=/tmp/gograd-build JUPYTER_DATA_DIR=/opt/gograd/jupyter INSTALL_GOPLS=1 INSTALL_NBGRADER=1 TRUST_NOTEBOOKS=0 \
    GOCACHE=/tmp/gograd-build/go-build GOMODCACHE=/tmp/gograd-build/mod GOFLAGS=-modcacherw \
    bash scripts/install.sh && \
    rm -rf /tmp/gograd-build

# Warm every cache by executing each notebook once, with the runner `make test` uses
# (scripts/run_notebooks.py, through nbpython.sh): a failing notebook fails the build. install.sh runs
# again first: it installs nothing new, downloads this repository's modules into the module cache,
# builds its packages and points the kernel's module proxy at that cache. The runner's drawings warm
# uid 1000's renderer folder. Then the runner's executed copies and the step's HOME go, and so does
# what the notebooks never read from the module cache (about 190 MB): the modules' zip files (the go
# command builds from the extracted copies; each zip's hash stays in its .ziphash for go.sum) and
# the modules' testdata folders (no notebook runs a dependency's tests). The image test then runs
# every notebook offline from what is left.
COPY --chown=${NB_UID}:${NB_GID} . ./
RUN umask 002 && \
    export HOME=/tmp/gograd-build && mkdir -p "$HOME" && \
    JUPYTER_DATA_DIR=/opt/gograd/jupyter INSTALL_GOPLS=1 TRUST_NOTEBOOKS=0 bash scripts/install.sh && \
    bash scripts/nbpython.sh scripts/run_notebooks.py --out /tmp/gograd-build/notebook-run && \
    rm -rf /tmp/gograd-build build && \
    go env -w GONOSUMDB="$(cut -d' ' -f1 go.sum | sort -u | paste -sd, -)" && \
    mod=$(go env GOMODCACHE) && \
    find "$mod/cache/download" -name '*.zip' -delete && \
    find "$mod" -path "$mod/cache" -prune -o -type d -name testdata -prune -print0 | \
    while IFS= read -r -d '' dir; do \
        chmod u+w "${dir%/*}" && chmod -R u+w "$dir" && rm -rf "$dir" && chmod u-w "${dir%/*}"; \
    done

# Run time: the first cell needs no network (the image test runs every notebook offline).
# Per cell GoNB runs goimports (offline), then, unless the notebook said %noautoget, `go get` in the
# kernel's temp module, then `go build` there. That temp module is in a workspace (go.work) with
# /opt/gograd/repo, so this repository's packages and all it requires build from the warm caches
# with no download at all. What needs more is `go get` for a cell that imports a module directly
# (gonbui...): it resolves a version and records checksums in the temp module.
#  - The kernel spec's GOPROXY (written by install.sh) lists the module cache's own download folder
#    first, a file:// proxy the go command reads offline: a module seen at build time resolves to its
#    cached, pinned version, with or without network. A module never seen falls through to
#    proxy.golang.org (online, as usual).
#  - GONOSUMDB (written into $GOENV by the RUN above) names the modules of go.sum, already verified
#    when the build downloaded them: no checksum-database lookup for those. Any other module is
#    verified as usual.
# Not GOFLAGS=-mod=mod: the go command rejects it in workspace mode, so every GoNB cell would fail
# ("-mod may only be set to readonly or vendor when in workspace mode").
WORKDIR /home/${NB_USER}
EXPOSE 8888
# The base image's probe (it asks the running Jupyter server for its status): `docker ps` shows
# (healthy) once Jupyter answers.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD /etc/jupyter/docker_healthcheck.py || exit 1
USER ${NB_USER}
# CMD stays the base image's start-notebook.py (JupyterLab on port 8888, or jupyterhub-singleuser
# when a hub starts the container).
