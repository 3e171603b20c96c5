package dockercheck

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// repoRoot is the gograd checkout this module sits in (internal/dockercheck).
const repoRoot = "../.."

func loadRepo(t *testing.T) *Repo {
	t.Helper()
	r, err := LoadRepo(repoRoot)
	if err != nil {
		t.Fatalf("loading the repository: %v", err)
	}
	return r
}

// TestDockerfile is the real check: the repository's Dockerfile keeps every rule.
func TestDockerfile(t *testing.T) {
	r := loadRepo(t)
	for _, p := range Check(r) {
		t.Errorf("Dockerfile: %s", p)
	}
}

// mutation turns the real Dockerfile (or .dockerignore, go.mod, versions.env) into a broken one.
type mutation struct {
	name string
	edit func(r *Repo) // must change something: a mutation that no longer applies fails the test
	want string        // a regexp that one of the reported problems must match
}

func replace(old, new string) func(*Repo) {
	return func(r *Repo) { r.Dockerfile = []byte(strings.Replace(string(r.Dockerfile), old, new, 1)) }
}

func replaceRe(re, new string) func(*Repo) {
	return func(r *Repo) {
		r.Dockerfile = regexp.MustCompile(re).ReplaceAllLiteral(r.Dockerfile, []byte(new))
	}
}

func appendLines(lines string) func(*Repo) {
	return func(r *Repo) { r.Dockerfile = append(r.Dockerfile, []byte("\n"+lines+"\n")...) }
}

// TestBrokenDockerfiles feeds the checks broken variants of the real files: each must be caught.
// These are the rules' own tests, kept so that a check that stops working is noticed.
func TestBrokenDockerfiles(t *testing.T) {
	cases := []mutation{
		{"golang latest", replaceRe(`(?m)^FROM golang:\S+`, "FROM golang:latest"), "`latest` is not a pin"},
		{"golang bare", replaceRe(`(?m)^FROM golang:\S+`, "FROM golang"), `no tag, which means .latest.`},
		{"golang floating minor", replaceRe(`(?m)^FROM golang:\S+`, "FROM golang:1.26-bookworm"), `tag "1.26-bookworm" floats`},
		{"golang distro only", replaceRe(`(?m)^FROM golang:\S+`, "FROM golang:bookworm"), `tag "bookworm" floats`},
		{"golang older than go.mod", replaceRe(`(?m)^FROM golang:\S+`, "FROM golang:1.22.12-bookworm"), `Go 1.22.12 is older than go.mod`},
		{"golang through an ARG defaulting to latest", replaceRe(`(?m)^FROM golang:\S+`, "ARG GO_IMAGE=golang:latest\nFROM ${GO_IMAGE}"),
			"FROM golang:latest .*`latest` is not a pin"},
		{"golang digest is a pin", replaceRe(`(?m)^FROM golang:\S+`,
			"FROM golang@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"), ""},
		{"base-notebook latest", replaceRe(`base-notebook:\S+`, "base-notebook:latest"), "`latest` is not a pin"},
		{"base-notebook python tag", replaceRe(`base-notebook:\S+`, "base-notebook:python-3.13"), "floats"},
		{"base-notebook version tag is not dated", replaceRe(`base-notebook:\S+`, "base-notebook:lab-4.6.1"), "dated tag"},
		{"another base", replaceRe(`(?m)^FROM quay\.io/jupyter/base-notebook:\S+`, "FROM quay.io/jupyter/minimal-notebook:2026-07-28"),
			"must build on quay.io/jupyter/base-notebook"},
		{"COPY --from an image at latest", replace("COPY --from=golang /usr/local/go", "COPY --from=golang:latest /usr/local/go"),
			"COPY --from=golang:latest: `latest` is not a pin"},
		{"no Go copied", replaceRe(`(?m)^COPY --from=golang /usr/local/go /usr/local/go\n`, ""), "does not COPY /usr/local/go"},
		{"no ARG NB_USER", replaceRe(`(?m)^ARG NB_USER=.*\n`, ""), "does not declare ARG NB_USER"},
		{"no ARG NB_UID", replaceRe(`(?m)^ARG NB_UID=.*\n`, ""), "does not declare ARG NB_UID"},
		{"no USER", replaceRe(`(?m)^USER .*\n`, ""), "has no USER"},
		{"USER root last", appendLines("USER root"), "final USER is root"},
		{"USER 0 last", appendLines("USER 0:0"), "final USER is 0:0"},
		{"USER jovyan hard-coded", appendLines("USER jovyan"), `final USER is "jovyan": want \$\{NB_USER\}`},
		{"another install script", replaceRe(`scripts/install\.sh`, "scripts/setup-install.sh"), "calls scripts/setup-install.sh"},
		{"install script not called", replaceRe(`bash scripts/install\.sh`, "true"), "no RUN calls scripts/install.sh"},
		{"runner not executed", replaceRe(`bash scripts/nbpython\.sh scripts/run_notebooks\.py[^&]*&&`, ""), "no RUN executes the notebook runner"},
		{"runner failure masked", replace("scripts/run_notebooks.py --out /opt/gograd/tmp/notebook-run", "scripts/run_notebooks.py --out /opt/gograd/tmp/notebook-run || true"),
			"masks its failure"},
		{"runner rewriting notebooks", replace("scripts/run_notebooks.py --out", "scripts/run_notebooks.py --update --out"), "passes --update"},
		{"no EXPOSE", replaceRe(`(?m)^EXPOSE .*\n`, ""), "does not EXPOSE 8888"},
		{"other port", replaceRe(`(?m)^EXPOSE .*`, "EXPOSE 8080"), "does not EXPOSE 8888"},
		{"no HEALTHCHECK", replaceRe(`(?m)^HEALTHCHECK (.*\\\n)*.*\n`, ""), "has no HEALTHCHECK"},
		{"TMPDIR in /tmp", replaceRe(`TMPDIR=\S+`, "TMPDIR=/tmp/gograd"), "TMPDIR=/tmp/gograd: /tmp may be a fresh tmpfs"},
		{"GOFLAGS -mod=mod", appendLines("ENV GOFLAGS=-mod=mod"), "workspace mode"},
		{"file proxy elsewhere", replaceRe(`GOPROXY=file://\S*/cache/download`, "GOPROXY=file:///opt/gograd/modcache"),
			"not the module cache's download folder"},
		{"label version differs", replaceRe(`gonb-version="v[^"]*"`, `gonb-version="v0.10.6"`),
			`io.gograd.gonb-version=v0.10.6, but scripts/versions.env pins GONB_VERSION=v0.11.4`},
		{"tool@version differs", appendLines("RUN go install golang.org/x/tools/gopls@v0.20.0"),
			`gopls@v0.20.0 is mentioned, but scripts/versions.env pins GOPLS_VERSION=v0.23.0`},
		{"ARG version differs", appendLines("ARG GOIMPORTS_VERSION=v0.40.0"), "ARG: GOIMPORTS_VERSION=v0.40.0, but"},
		{"go.mod needs a newer Go", func(r *Repo) {
			r.GoMod = regexp.MustCompile(`(?m)^go \S+`).ReplaceAll(r.GoMod, []byte("go 1.99.0"))
		}, `older than go.mod's .go 1.99.0.`},
		{"no .dockerignore", func(r *Repo) { r.DockerIgnore = nil }, ".dockerignore is missing"},
		{".dockerignore lets .git in", func(r *Repo) {
			r.DockerIgnore = regexp.MustCompile(`(?m)^\.git\s*$`).ReplaceAll(r.DockerIgnore, nil)
		}, `does not exclude \.git/HEAD`},
		{".dockerignore drops the scripts", func(r *Repo) { r.DockerIgnore = append(r.DockerIgnore, []byte("\nscripts\n")...) },
			"excludes scripts/install.sh"},
		{"not a Dockerfile", func(r *Repo) { r.Dockerfile = []byte("FROM\n") }, "do not parse|does not parse"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := loadRepo(t)
			before := *r
			tc.edit(r)
			if string(before.Dockerfile) == string(r.Dockerfile) && string(before.GoMod) == string(r.GoMod) &&
				string(before.DockerIgnore) == string(r.DockerIgnore) && (before.DockerIgnore == nil) == (r.DockerIgnore == nil) &&
				string(before.VersionsEnv) == string(r.VersionsEnv) {
				t.Fatalf("the mutation changed nothing: the Dockerfile no longer has what this case edits; update the case")
			}
			expectProblem(t, Check(r), tc.want)
		})
	}
}

// expectProblem fails t unless one of problems matches the regular
// expression want, or, with want empty, unless there are no problems.
func expectProblem(t *testing.T, problems []string, want string) {
	t.Helper()
	if want == "" {
		for _, p := range problems {
			t.Errorf("unexpected problem: %s", p)
		}
		return
	}
	re := regexp.MustCompile(want)
	for _, p := range problems {
		if re.MatchString(p) {
			return
		}
	}
	t.Errorf("no problem matches %q; got:\n  %s", want, strings.Join(problems, "\n  "))
}

// TestMinimalDockerfiles checks the rules on small Dockerfiles written from scratch.
func TestMinimalDockerfiles(t *testing.T) {
	base := loadRepo(t)
	good := `FROM golang:1.26.8-bookworm AS golang
FROM quay.io/jupyter/base-notebook:2026-07-28
ARG NB_USER=jovyan
ARG NB_UID=1000
ENV TMPDIR=/opt/gograd/tmp
COPY --from=golang /usr/local/go /usr/local/go
USER ${NB_USER}
RUN bash scripts/install.sh && python3 scripts/run_notebooks.py
EXPOSE 8888
HEALTHCHECK CMD /etc/jupyter/docker_healthcheck.py || exit 1
USER ${NB_USER}
`
	cases := []struct {
		name, dockerfile, want string
	}{
		{"good", good, ""},
		{"single stage golang", "FROM golang:1.26.8\nUSER ${NB_USER}\n", "must build on quay.io/jupyter/base-notebook"},
		{"runner before install", strings.Replace(good, "bash scripts/install.sh && python3 scripts/run_notebooks.py",
			"python3 scripts/run_notebooks.py\nRUN bash scripts/install.sh", 1), "runs before scripts/install.sh"},
		{"TMPDIR after the runner", strings.Replace(strings.Replace(good, "ENV TMPDIR=/opt/gograd/tmp\n", "", 1),
			"EXPOSE 8888", "ENV TMPDIR=/opt/gograd/tmp\nEXPOSE 8888", 1), "must be set before scripts/run_notebooks.py"},
		{"COPY --from a stage index", strings.Replace(good, "--from=golang", "--from=0", 1), "does not COPY /usr/local/go"},
		{"lowercase stage name", strings.Replace(good, "AS golang", "AS Golang", 1), ""},
		{"USER $NB_USER form", strings.Replace(good, "USER ${NB_USER}\n", "USER $NB_USER\n", -1), ""},
		{"USER root between is fine", strings.Replace(good, "EXPOSE 8888", "USER root\nRUN true\nEXPOSE 8888", 1), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := *base
			r.Dockerfile = []byte(tc.dockerfile)
			expectProblem(t, Check(&r), tc.want)
		})
	}
}

// TestLoadRepoNeedsScripts: the Dockerfile relies on the install script and the runner existing.
func TestLoadRepoNeedsScripts(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"Dockerfile", "go.mod", "scripts/versions.env"} {
		src, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := LoadRepo(dir); err == nil || !strings.Contains(err.Error(), InstallScript) {
		t.Errorf("LoadRepo without %s: got %v, want an error naming it", InstallScript, err)
	}
}
