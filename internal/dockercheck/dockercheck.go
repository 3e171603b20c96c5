// Package dockercheck checks gograd's classroom Dockerfile against the rules it must keep
// (issue 6), using BuildKit's own Dockerfile parser. No Docker engine is needed: CI cannot
// build the image, so these checks are what keeps the Dockerfile honest between real builds.
//
// The rules:
//   - every base image (FROM, and COPY --from=IMAGE) is pinned: a digest, or a tag holding an
//     exact version (1.2.3) or a date (2006-01-02); never `latest`, a bare name or a floating tag;
//   - the final stage is quay.io/jupyter/base-notebook at a dated tag, copies /usr/local/go from
//     the official golang image, whose version is at least go.mod's `go` line;
//   - the final stage declares ARG NB_USER and ARG NB_UID (repo2docker passes them), and its last
//     USER is ${NB_USER}, never root;
//   - it runs scripts/install.sh (the install script the tests use) and then the notebook runner
//     scripts/run_notebooks.py, without masking a failure (a failing notebook fails the build);
//   - TMPDIR is set outside /tmp before the runner (go-graphviz keeps its WASM compilation cache
//     in $TMPDIR/go-graphviz: it must survive into the running container);
//   - no GOFLAGS=-mod=mod (the GoNB kernel builds in workspace mode, where it is an error), and a
//     file:// GOPROXY entry is the module cache's own download folder;
//   - EXPOSE 8888 and a HEALTHCHECK;
//   - every tool version the Dockerfile mentions (ARG/ENV/LABEL named like GONB_VERSION, or
//     gonb@vX.Y.Z) equals the one pinned in scripts/versions.env;
//   - .dockerignore keeps .git and build/ out of the build context, and keeps in what the build
//     needs (go.mod, the scripts, the notebooks).
package dockercheck

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

const (
	// InstallScript is the one install script, the one `make test` and CI use.
	InstallScript = "scripts/install.sh"
	// NotebookRunner executes and checks every notebook, as `make test` does.
	NotebookRunner = "scripts/run_notebooks.py"
	// BaseImage is the final stage's base: JupyterLab, jupyterhub-singleuser, user jovyan (1000).
	BaseImage = "quay.io/jupyter/base-notebook"
	// Port is Jupyter's port, the one Binder and `docker run -p 8888:8888` expect.
	Port = "8888"
)

// Repo holds the files the checks read; LoadRepo fills it from a checkout.
type Repo struct {
	Dockerfile   []byte
	DockerIgnore []byte // nil when there is no .dockerignore
	GoMod        []byte
	VersionsEnv  []byte // scripts/versions.env
}

// LoadRepo reads the files the checks need from the repository at root.
func LoadRepo(root string) (*Repo, error) {
	read := func(rel string) ([]byte, error) {
		return os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	}
	r := &Repo{}
	var err error
	if r.Dockerfile, err = read("Dockerfile"); err != nil {
		return nil, err
	}
	if r.GoMod, err = read("go.mod"); err != nil {
		return nil, err
	}
	if r.VersionsEnv, err = read("scripts/versions.env"); err != nil {
		return nil, err
	}
	if r.DockerIgnore, err = read(".dockerignore"); err != nil {
		if !os.IsNotExist(err) {
			return nil, err
		}
		r.DockerIgnore = nil
	}
	for _, f := range []string{InstallScript, NotebookRunner} {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(f))); err != nil {
			return nil, fmt.Errorf("the Dockerfile relies on %s: %w", f, err)
		}
	}
	return r, nil
}

// Check returns every rule the Dockerfile breaks, as readable sentences (none: all is well).
func Check(r *Repo) []string {
	c := &checker{}
	c.run(r)
	return c.problems
}

type checker struct {
	problems []string
}

func (c *checker) addf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

var (
	exactVersionTag = regexp.MustCompile(`^v?\d+\.\d+\.\d+([-_.+].*)?$`)
	datedTag        = regexp.MustCompile(`^(.*-)?\d{4}-\d{2}-\d{2}$`)
	digestRef       = regexp.MustCompile(`@sha256:[0-9a-f]{64}$`)
	goModGoLine     = regexp.MustCompile(`(?m)^go\s+(\d+(\.\d+)*)\s*$`)
	leadingVersion  = regexp.MustCompile(`^(\d+\.\d+\.\d+)`)
	installScriptRe = regexp.MustCompile(`\S*install\S*\.sh\b`)
	maskedFailure   = regexp.MustCompile(`\|\|\s*(true|:|exit\s+0)\b|\bset\s+\+e\b`)
	toolAtVersion   = regexp.MustCompile(`\b(gonb|goimports|gopls)@(v\d[^\s"'\\]*)`)
	toolVersionKey  = map[string]string{"gonb": "GONB_VERSION", "goimports": "GOIMPORTS_VERSION", "gopls": "GOPLS_VERSION"}
)

// argEnv resolves ${VAR} in FROM lines with the ARG defaults declared before the first FROM.
type argEnv map[string]string

func (e argEnv) Get(k string) (string, bool) { v, ok := e[k]; return v, ok }
func (e argEnv) Keys() []string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	return keys
}

// commandText is an instruction as written (continuation lines joined), for text searches.
func commandText(cmd instructions.Command) string {
	if s, ok := cmd.(fmt.Stringer); ok {
		return s.String()
	}
	return ""
}

func (c *checker) run(r *Repo) {
	res, err := parser.Parse(bytes.NewReader(r.Dockerfile))
	if err != nil {
		c.addf("Dockerfile does not parse: %v", err)
		return
	}
	stages, metaArgs, err := instructions.Parse(res.AST, nil)
	if err != nil {
		c.addf("Dockerfile instructions do not parse: %v", err)
		return
	}
	if len(stages) == 0 {
		c.addf("Dockerfile has no FROM")
		return
	}

	env := argEnv{}
	for _, a := range metaArgs {
		for _, kv := range a.Args {
			if kv.Value != nil {
				env[kv.Key] = *kv.Value
			}
		}
	}
	lex := shell.NewLex(res.EscapeToken)
	expand := func(word string) string {
		v, _, err := lex.ProcessWord(word, env)
		if err != nil {
			return word
		}
		return v
	}

	// Base images: FROM lines and COPY --from=IMAGE.
	stageNames := map[string]bool{}
	var goImages []string // references to the official golang image
	for i, st := range stages {
		base := expand(st.BaseName)
		if !stageNames[strings.ToLower(base)] {
			c.checkPinned(fmt.Sprintf("FROM %s (stage %d)", base, i+1), base)
			if isGolangImage(base) {
				goImages = append(goImages, base)
			}
		}
		if st.Name != "" {
			stageNames[strings.ToLower(st.Name)] = true
		}
		for _, cmd := range st.Commands {
			cp, ok := cmd.(*instructions.CopyCommand)
			if !ok || cp.From == "" {
				continue
			}
			from := expand(cp.From)
			if _, err := strconv.Atoi(from); err == nil || stageNames[strings.ToLower(from)] {
				continue
			}
			c.checkPinned(fmt.Sprintf("COPY --from=%s", from), from)
			if isGolangImage(from) {
				goImages = append(goImages, from)
			}
		}
	}

	final := stages[len(stages)-1]
	c.checkFinalBase(expand(final.BaseName))
	c.checkGo(r, final, stageNames, stages, goImages, expand)
	c.checkFinalStage(final)
	c.checkVersions(r, stages, metaArgs)
	c.checkDockerIgnore(r)
}

// checkPinned: a digest, or a tag that is an exact version or a date.
func (c *checker) checkPinned(what, ref string) {
	if ref == "scratch" {
		return
	}
	if strings.Contains(ref, "$") {
		c.addf("%s: image reference has an unresolved variable: pin it literally or give the ARG a default", what)
		return
	}
	if digestRef.MatchString(ref) {
		return
	}
	name := ref
	if i := strings.Index(name, "@"); i >= 0 {
		c.addf("%s: malformed digest (want @sha256:<64 hex digits>)", what)
		name = name[:i]
	}
	tag := ""
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		tag = name[i+1:]
	}
	switch {
	case tag == "":
		c.addf("%s: no tag, which means `latest`: pin an exact tag (e.g. golang:1.26.8-bookworm) or a digest", what)
	case tag == "latest":
		c.addf("%s: `latest` is not a pin: use an exact version or dated tag, or a digest", what)
	case !exactVersionTag.MatchString(tag) && !datedTag.MatchString(tag):
		c.addf("%s: tag %q floats (not an exact version like 1.26.8 nor a date like 2026-07-28): pin it", what, tag)
	}
}

func isGolangImage(ref string) bool {
	name := ref
	if i := strings.Index(name, "@"); i >= 0 {
		name = name[:i]
	}
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		name = name[:i]
	}
	switch name {
	case "golang", "library/golang", "docker.io/library/golang", "index.docker.io/library/golang":
		return true
	}
	return false
}

func imageTag(ref string) string {
	if i := strings.Index(ref, "@"); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		return ref[i+1:]
	}
	return ""
}

func (c *checker) checkFinalBase(base string) {
	name := base
	if i := strings.Index(name, "@"); i >= 0 {
		name = name[:i]
	}
	tag := imageTag(base)
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		name = name[:i]
	}
	if name != BaseImage {
		c.addf("the final stage must build on %s (JupyterLab, jupyterhub-singleuser, user jovyan), not %s", BaseImage, base)
		return
	}
	if !digestRef.MatchString(base) && !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(tag) {
		c.addf("the final stage's %s must be pinned to a dated tag (YYYY-MM-DD) or a digest, not %q", BaseImage, tag)
	}
}

// checkGo: Go comes from the official golang image, at least as new as go.mod's `go` line,
// and the final stage copies its /usr/local/go.
func (c *checker) checkGo(r *Repo, final instructions.Stage, stageNames map[string]bool,
	stages []instructions.Stage, goImages []string, expand func(string) string) {
	if len(goImages) == 0 {
		c.addf("no official golang image (FROM golang:X.Y.Z-... AS golang, or COPY --from=golang:X.Y.Z-...) provides Go")
		return
	}
	m := goModGoLine.FindSubmatch(r.GoMod)
	if m == nil {
		c.addf("go.mod has no `go` line to compare the golang image with")
		return
	}
	need := string(m[1])
	for _, img := range goImages {
		v := leadingVersion.FindString(imageTag(img))
		if v == "" {
			if !digestRef.MatchString(img) {
				c.addf("golang image %s: its tag names no exact Go version X.Y.Z", img)
			}
			continue
		}
		if compareVersions(v, need) < 0 {
			c.addf("golang image %s: Go %s is older than go.mod's `go %s`", img, v, need)
		}
	}

	// Which names refer to a golang image in the final stage's COPY --from?
	golangStages := map[string]bool{}
	for _, st := range stages {
		if st.Name != "" && isGolangImage(expand(st.BaseName)) {
			golangStages[strings.ToLower(st.Name)] = true
		}
	}
	copied := false
	for _, cmd := range final.Commands {
		cp, ok := cmd.(*instructions.CopyCommand)
		if !ok || cp.From == "" {
			continue
		}
		from := expand(cp.From)
		if !golangStages[strings.ToLower(from)] && !isGolangImage(from) {
			continue
		}
		for _, src := range cp.SourcePaths {
			if strings.TrimSuffix(src, "/") == "/usr/local/go" {
				copied = true
			}
		}
	}
	if !copied {
		c.addf("the final stage does not COPY /usr/local/go from the golang image")
	}
}

// compareVersions compares dotted numeric versions: -1, 0 or 1.
func compareVersions(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) || i < len(bs); i++ {
		var x, y int
		if i < len(as) {
			x, _ = strconv.Atoi(as[i])
		}
		if i < len(bs) {
			y, _ = strconv.Atoi(bs[i])
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

func isRootUser(u string) bool {
	user := strings.TrimSpace(strings.SplitN(u, ":", 2)[0])
	return user == "root" || user == "0"
}

func (c *checker) checkFinalStage(final instructions.Stage) {
	args := map[string]bool{}
	var lastUser *instructions.UserCommand
	installAt, runnerAt, tmpdirAt := -1, -1, -1
	exposed, health := false, false
	var gopath, gomodcache string
	var fileProxies []string
	for i, cmd := range final.Commands {
		switch x := cmd.(type) {
		case *instructions.ArgCommand:
			for _, kv := range x.Args {
				args[kv.Key] = true
			}
		case *instructions.UserCommand:
			lastUser = x
		case *instructions.ExposeCommand:
			for _, p := range x.Ports {
				if p == Port || p == Port+"/tcp" {
					exposed = true
				}
			}
		case *instructions.HealthCheckCommand:
			health = x.Health != nil && len(x.Health.Test) > 0 && x.Health.Test[0] != "NONE"
		case *instructions.EnvCommand:
			for _, kv := range x.Env {
				switch kv.Key {
				case "TMPDIR":
					if kv.Value == "/tmp" || strings.HasPrefix(kv.Value, "/tmp/") {
						c.addf("ENV TMPDIR=%s: /tmp may be a fresh tmpfs at run time, and go-graphviz's warm "+
							"WASM cache ($TMPDIR/go-graphviz) would be lost: use a user-owned folder outside /tmp", kv.Value)
					} else {
						tmpdirAt = i
					}
				case "GOPATH":
					gopath = kv.Value
				case "GOMODCACHE":
					gomodcache = kv.Value
				case "GOPROXY":
					for _, p := range strings.FieldsFunc(kv.Value, func(r rune) bool { return r == ',' || r == '|' }) {
						if strings.HasPrefix(p, "file://") {
							fileProxies = append(fileProxies, strings.TrimPrefix(p, "file://"))
						}
					}
				case "GOFLAGS":
					if strings.Contains(kv.Value, "-mod=mod") {
						c.addf("ENV GOFLAGS=%s: GoNB builds every cell in workspace mode (go.work), where -mod=mod is an error", kv.Value)
					}
				}
			}
		case *instructions.RunCommand:
			text := strings.Join(x.CmdLine, " ")
			for _, s := range installScriptRe.FindAllString(text, -1) {
				if s == InstallScript || strings.HasSuffix(s, "/"+InstallScript) {
					if installAt < 0 {
						installAt = i
					}
				} else {
					c.addf("RUN calls %s: the image must install through %s, the script the tests use", s, InstallScript)
				}
			}
			if strings.Contains(text, NotebookRunner) {
				runnerAt = i
				if maskedFailure.MatchString(text) {
					c.addf("the RUN executing %s masks its failure (|| true, set +e...): a failing notebook must fail the build", NotebookRunner)
				}
				if strings.Contains(text, "--update") {
					c.addf("the RUN executing %s passes --update: the build must check the committed notebooks, not rewrite them", NotebookRunner)
				}
			}
		}
	}
	for _, a := range []string{"NB_USER", "NB_UID"} {
		if !args[a] {
			c.addf("the final stage does not declare ARG %s (repo2docker/mybinder.org pass it as a build arg)", a)
		}
	}
	switch {
	case lastUser == nil:
		c.addf("the final stage has no USER: it must end as the notebook user, USER ${NB_USER}")
	case isRootUser(lastUser.User):
		c.addf("the final USER is %s: the image must not end as root (Binder and JupyterHub refuse or warn)", lastUser.User)
	case lastUser.User != "${NB_USER}" && lastUser.User != "$NB_USER":
		c.addf("the final USER is %q: want ${NB_USER}, the user repo2docker asks for", lastUser.User)
	}
	if installAt < 0 {
		c.addf("no RUN calls %s (GoNB, goimports, gopls and the kernel spec come from it)", InstallScript)
	}
	if runnerAt < 0 {
		c.addf("no RUN executes the notebook runner %s: the build must execute every notebook once to warm the caches", NotebookRunner)
	} else {
		if installAt > runnerAt {
			c.addf("%s runs before %s: the kernel must be installed first", NotebookRunner, InstallScript)
		}
		if tmpdirAt < 0 || tmpdirAt > runnerAt {
			c.addf("ENV TMPDIR (outside /tmp) must be set before %s runs, so that go-graphviz's cache is warmed where it will be read", NotebookRunner)
		}
	}
	if len(fileProxies) > 0 {
		cache := gomodcache
		if cache == "" && gopath != "" {
			cache = strings.SplitN(gopath, ":", 2)[0] + "/pkg/mod"
		}
		for _, p := range fileProxies {
			if cache == "" || strings.TrimSuffix(p, "/") != cache+"/cache/download" {
				c.addf("ENV GOPROXY reads file://%s, which is not the module cache's download folder (%s/cache/download): "+
					"offline cells would find nothing there", p, cache)
			}
		}
	}
	if !exposed {
		c.addf("the final stage does not EXPOSE %s", Port)
	}
	if !health {
		c.addf("the final stage has no HEALTHCHECK")
	}
}

// parseVersionsEnv reads KEY=VALUE lines (comments and blank lines skipped, quotes removed).
func parseVersionsEnv(b []byte) map[string]string {
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		out[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"'`)
	}
	return out
}

// versionKey maps an ARG/ENV/LABEL key to a versions.env key: "io.gograd.gonb-version" and
// "GONB_VERSION" both give GONB_VERSION.
func versionKey(k string) string {
	if i := strings.LastIndex(k, "."); i >= 0 {
		k = k[i+1:]
	}
	return strings.ToUpper(strings.ReplaceAll(k, "-", "_"))
}

func (c *checker) checkVersions(r *Repo, stages []instructions.Stage, metaArgs []instructions.ArgCommand) {
	pinned := parseVersionsEnv(r.VersionsEnv)
	if len(pinned) == 0 {
		c.addf("scripts/versions.env pins no versions")
		return
	}
	compare := func(where, key, value string) {
		want, ok := pinned[versionKey(key)]
		if !ok {
			return
		}
		if value != want {
			c.addf("%s: %s=%s, but scripts/versions.env pins %s=%s", where, key, value, versionKey(key), want)
		}
	}
	var cmds []instructions.Command
	for i := range metaArgs {
		cmds = append(cmds, &metaArgs[i])
	}
	for _, st := range stages {
		cmds = append(cmds, st.Commands...)
	}
	for _, cmd := range cmds {
		switch x := cmd.(type) {
		case *instructions.ArgCommand:
			for _, kv := range x.Args {
				if kv.Value != nil {
					compare("ARG", kv.Key, *kv.Value)
				}
			}
		case *instructions.EnvCommand:
			for _, kv := range x.Env {
				compare("ENV", kv.Key, kv.Value)
			}
		case *instructions.LabelCommand:
			for _, kv := range x.Labels {
				compare("LABEL", kv.Key, strings.Trim(kv.Value, `"`))
			}
		}
		for _, m := range toolAtVersion.FindAllStringSubmatch(commandText(cmd), -1) {
			key := toolVersionKey[m[1]]
			if want, ok := pinned[key]; ok && m[2] != want {
				c.addf("%s@%s is mentioned, but scripts/versions.env pins %s=%s", m[1], m[2], key, want)
			}
		}
	}
}

func (c *checker) checkDockerIgnore(r *Repo) {
	if r.DockerIgnore == nil {
		c.addf(".dockerignore is missing: .git and build/ would be sent to the builder and copied into the image")
		return
	}
	patterns, err := ignorefile.ReadAll(bytes.NewReader(r.DockerIgnore))
	if err != nil {
		c.addf(".dockerignore does not parse: %v", err)
		return
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		c.addf(".dockerignore has a bad pattern: %v", err)
		return
	}
	ignored := func(p string) bool {
		ok, err := pm.MatchesOrParentMatches(p)
		return err == nil && ok
	}
	for _, p := range []string{".git/HEAD", "build/notebooks/00_smoke.ipynb"} {
		if !ignored(p) {
			c.addf(".dockerignore does not exclude %s", p)
		}
	}
	for _, p := range []string{"go.mod", "go.sum", InstallScript, "scripts/versions.env", NotebookRunner,
		"notebooks/00_smoke.ipynb", "autograd/value.go"} {
		if ignored(p) {
			c.addf(".dockerignore excludes %s, which the image build needs", p)
		}
	}
}
