"""How gograd's course grades Go with nbgrader: each submission's kernel in a sandbox, and a pass
that the student's code cannot fake. nbgrader_config.py (next to this file) puts both to work.

GoExecute is nbgrader's Execute preprocessor with two changes:

- The kernel (GoNB, and everything it starts: `go build`, the cell's program, `!` commands) runs
  under bubblewrap (bwrap), started by SandboxedKernelManager: no network (a network namespace of
  its own; the kernel talks to nbgrader over Unix sockets in a folder of its own, ZMQ's ipc
  transport), no other processes in sight, a file system that holds only what the kernel needs,
  read-only (the system's /usr, Go, the module and build caches, the gograd packages, the folder
  of the notebook being graded), and a throwaway /tmp (a tmpfs of limited size) to write in. Limits
  on CPU time, address space, processes and file size come from prlimit inside the sandbox; the
  cell timeout bounds the wall time. Everything else of the course (other submissions, source/,
  release/, feedback/, gradebook.db, the teacher's home) is not in its file system at all.
- A test cell earns its points only if it ran to its end: before running the notebook, GoExecute
  appends to every autograded test cell a line that prints a value made fresh for that cell; after
  running, it removes the line and the value again and judges the cell by the value: printed, the
  cell passed (what it wrote to stderr is shown as ordinary output, and does not cost points); not
  printed, the cell fails with "the program ended before the test finished" (os.Exit, an exiting
  init or goroutine, a killed process), and "right!" lines that it printed are removed. GoNB's
  kernel debug lines and addresses in panics are taken out of the outputs, so the feedback reads
  cleanly.

docs/TEACHING.md says what the sandbox protects and what it does not.
"""
import functools
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile

from jupyter_client.manager import AsyncKernelManager
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from nbgrader.utils import is_grade, is_solution
from traitlets import Bool, Integer

# The limits of one submission's kernel (per process for CPU and memory; processes in the sandbox).
CPU_SECONDS = 20  # a cell's program that loops is killed after this much CPU time
ADDRESS_SPACE = 8 << 30  # bytes of virtual memory per process (Go reserves address space freely)
PROCESSES = 256  # processes and threads in the sandbox's user namespace
FILE_SIZE = 64 << 20  # the largest file a process may write
SCRATCH_SIZE = 256 << 20  # the tmpfs on /tmp, the only place to write
ENV_KEPT = ("PATH", "GOPROXY", "GOFLAGS", "GOGRAD_RENDER", "GOTOOLCHAIN", "LANG", "LC_ALL", "GOMAXPROCS")


class SandboxError(RuntimeError):
    """The sandbox cannot be set up here: bwrap is missing, or the system forbids what it needs."""


def go_env(env):
    """GOROOT, GOCACHE and GOMODCACHE as the kernel's `go` sees them."""
    out = subprocess.run(["go", "env", "-json", "GOROOT", "GOCACHE", "GOMODCACHE"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if out.returncode != 0:
        raise SandboxError("`go env` failed with the kernel's PATH: %s" % out.stderr.strip())
    return json.loads(out.stdout)


@functools.lru_cache(maxsize=None)
def check_bwrap():
    """Raises SandboxError with what to do when bubblewrap cannot make a sandbox here. Returns
    bwrap's options for the sandbox's host name: a name of its own, or none where the system
    forbids naming it (podman's and Docker's seccomp profiles allow sethostname only with
    CAP_SYS_ADMIN), and the sandbox sees the container's name."""
    if not shutil.which("bwrap"):
        raise SandboxError(
            "bubblewrap (bwrap) is not installed; the course grades every submission in a sandbox.\n"
            "Install it (Debian/Ubuntu: apt-get install bubblewrap), or see docs/TEACHING.md, "
            "'The sandbox', for grading without one.")

    def try_bwrap(*options):
        return subprocess.run(["bwrap", "--unshare-all", "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin",
                               "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
                               "--proc", "/proc", "--dev", "/dev"] + list(options) + ["true"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    hostname = ("--hostname", "gograd-sandbox")
    probe = try_bwrap(*hostname)
    if probe.returncode != 0 and "set hostname" in probe.stdout:
        hostname, probe = (), try_bwrap()
    if probe.returncode == 0:
        return hostname
    if "mount proc" in probe.stdout:
        raise SandboxError(
            "bubblewrap cannot make a sandbox here: %s\n"
            "This is a container whose /proc is masked (the default of podman, Docker and Kubernetes), "
            "so the sandbox cannot have a /proc of its own. Start the container with /proc unmasked: "
            "podman run --security-opt unmask=/proc/* ..., docker run --security-opt "
            "systempaths=unconfined ..., on Kubernetes procMount: Unmasked with hostUsers: false. "
            "docs/TEACHING.md, 'Grading in the classroom container', says what that gives away."
            % probe.stdout.strip())
    raise SandboxError(
        "bubblewrap cannot make a sandbox here: %s\n"
        "It needs unprivileged user namespaces (Ubuntu 24.04: sysctl "
        "kernel.apparmor_restrict_unprivileged_userns=0; in a container: a seccomp profile that "
        "allows unshare, clone and mount, such as podman's default). docs/TEACHING.md, 'The sandbox', "
        "has the details." % probe.stdout.strip())


def go_work_binds(argv):
    """The read-only binds of the gograd module that the kernel's -go_work names: its go.mod and
    go.sum and its folders that hold Go packages, and nothing else of the checkout (whose
    assignments/source holds the solutions, and build/ maybe a course)."""
    binds = []
    for arg in argv:
        m = re.match(r"-{1,2}go_work=(.+)", arg)
        if not m:
            continue
        for module in m.group(1).split(","):
            for name in sorted(os.listdir(module)):
                path = os.path.join(module, name)
                if name in ("go.mod", "go.sum") or (
                        os.path.isdir(path) and name not in ("build", "assignments", "notebooks", "docs")
                        and not name.startswith(".") and has_go_files(path)):
                    binds.append(path)
    return binds


def has_go_files(folder):
    for _, dirs, files in os.walk(folder):
        if any(f.endswith(".go") for f in files):
            return True
    return False


def sandbox_command(cmd, env, cwd, conn_dir):
    """The bwrap command that runs the kernel command cmd with environment env in the sandbox:
    cwd (the notebook's folder) read-only as its working folder, conn_dir (the connection file
    and the ipc sockets) writable, and nothing else of the grader's files."""
    hostname = check_bwrap()
    goenv = go_env(env)
    ro = ["/usr", "/etc/alternatives", "/etc/ld.so.cache", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf",
          "/etc/localtime", "/etc/ssl/certs", goenv["GOROOT"], goenv["GOMODCACHE"], goenv["GOCACHE"], cwd]
    ro += [d for d in env.get("PATH", "").split(os.pathsep) if d.startswith("/") and os.path.isdir(d)]
    ro += [os.path.dirname(os.path.abspath(cmd[0]))] + go_work_binds(cmd)
    if env.get("GOGRAD_RENDER"):
        ro.append(os.path.dirname(env["GOGRAD_RENDER"]))
    args = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
            "--cap-drop", "ALL", *hostname,
            "--size", str(SCRATCH_SIZE), "--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev"]
    for link, target in (("/bin", "usr/bin"), ("/sbin", "usr/sbin"), ("/lib", "usr/lib"), ("/lib64", "usr/lib64")):
        if os.path.islink(link):
            args += ["--symlink", target, link]
    seen = set()
    for path in ro:
        path = os.path.realpath(path)
        if path in seen or not os.path.exists(path) or any(path.startswith(s + "/") for s in seen if s == "/usr"):
            continue
        seen.add(path)
        args += ["--ro-bind", path, path]
    args += ["--bind", conn_dir, conn_dir, "--remount-ro", "/", "--chdir", os.path.realpath(cwd)]
    kept = {k: env[k] for k in ENV_KEPT if k in env}
    kept.update(GOROOT=goenv["GOROOT"], GOCACHE=goenv["GOCACHE"], GOMODCACHE=goenv["GOMODCACHE"],
                HOME="/tmp/home", TMPDIR="/tmp", USER="student", GOTOOLCHAIN="local")
    for k, v in sorted(kept.items()):
        args += ["--setenv", k, v]
    limits = ["prlimit", "--cpu=%d:%d" % (CPU_SECONDS, CPU_SECONDS + 1), "--as=%d" % ADDRESS_SPACE,
              "--nproc=%d" % PROCESSES, "--fsize=%d" % FILE_SIZE, "--core=0"]
    return args + ["--", "sh", "-c", 'mkdir -p "$HOME" && exec "$@"', "sh"] + limits + ["--"] + cmd


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager that starts the kernel in the sandbox of sandbox_command, talking to it
    over ZMQ's ipc transport: Unix sockets in a private folder, which work across the network
    namespace where TCP on 127.0.0.1 would not."""

    async def _async_pre_start_kernel(self, **kw):
        self.transport = "ipc"
        self._conn_dir = tempfile.mkdtemp(prefix="gograd-kernel-")
        self.connection_file = os.path.join(self._conn_dir, "kernel.json")
        self.ip = os.path.join(self._conn_dir, "k")
        cwd = kw.get("cwd") or os.getcwd()
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        env = kw.get("env") or dict(os.environ)
        return sandbox_command(cmd, env, cwd, self._conn_dir), kw

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if not restart and getattr(self, "_conn_dir", None):
            shutil.rmtree(self._conn_dir, ignore_errors=True)


# What a test cell's outputs say when its program did not reach the test's end.
ENDED_EARLY = ("the program ended before the test finished: the test cell's last line did not run, "
               "so the test gives no points. Something stopped the program first: os.Exit, a "
               "goroutine or init that ends it, or a process that was killed.")
KILLED = ("the program was killed: it used more than %d s of CPU time or too much memory (a loop "
          "that does not end?), or something killed it" % CPU_SECONDS)
TIMED_OUT = "the cell ran for more than %d s and was stopped (a loop that does not end, or a wait?)"
REDECLARED = ("your cell %d declares %s again, which the read-only setup cell declares: GoNB keeps "
              "the last declaration, so the tests ran on your %s, not on the engine of the setup. "
              "Change only the code between the exercise's markers; give your own helpers new names.")
RIGHT = re.compile(r"^.*: right! .*\n?", re.M)
# GoNB's own log lines (glog: "I1205 07:05:51.123456 1234 file.go:12] ..."), the "exit status N"
# that repeats a panic's, and a Go stack trace's argument words and offsets, which say nothing
# to a student.
KERNEL_LOG = re.compile(r"^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ [\w.]+:\d+\] .*\n?", re.M)
EXIT_STATUS = re.compile(r"^exit status \d+\n?", re.M)
FRAME = re.compile(r"^(\S+)\(.*\)\n\t\s*(.*?)(?: \+0x[0-9a-f]+)?$", re.M)
CELL_LINE = re.compile(r"(?:\x1b\[\d+m)?(\[\[ Cell \[\d*\] Line \d+ \]\])(?:\x1b\[0m)? \S*/gonb_\w+/\S+")
BUILD_FAILED = re.compile(r'failed to run "\S*go build[^"]*": exit status \d+')
DOES_NOT_COMPILE = "the program does not compile: the compiler's message is above, on the cell it names"
TEMP_DIR = re.compile(r'parsing go files in TempDir "[^"]*": \S*/gonb_\w+/')
ANSI = re.compile(r"\x1b\[[0-9;]*m")
HEX_ARGS = re.compile(r"\([^()<>]*0x[0-9a-f]+[^()<>]*\)")
HEX_OFFSET = re.compile(r" \+0x[0-9a-f]+")
GONB_MAIN = re.compile(r" ?\(?/tmp/gonb_\w+/main\.go:\d+\)?")
DECLARED = re.compile(r"^func\s+(?:\([^)]*\)\s*)?(\w+)|^type\s+(\w+)", re.M)


def cleaned(text):
    """text without GoNB's log lines, with each frame of a Go stack trace on one line (the
    function, then its cell and line or its file) and without their hexadecimal words."""
    text = KERNEL_LOG.sub("", text)
    text = CELL_LINE.sub(r"\1", text)
    return FRAME.sub(lambda m: "%s  at %s" % (m.group(1), short_path(m.group(2))), text)


def short_path(where):
    """A file of a stack frame without the folders of the grader's machine: lesson/check.go:44."""
    if where.startswith("[["):
        return where
    parts = where.split("/")
    return "/".join(parts[-2:])


def declarations(source):
    return {m.group(1) or m.group(2) for m in DECLARED.finditer(source)}


class GoExecute(Execute):
    """nbgrader's Execute for Go: sandboxed kernels, and test cells that pass only by finishing."""

    sandbox = Bool(True, help="Run each submission's kernel in the bubblewrap sandbox "
                              "(SandboxedKernelManager). Off only on a machine where no student "
                              "code is untrusted.").tag(config=True)
    timeout = Integer(60, allow_none=True, help="Seconds a cell may take (wall time).").tag(config=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.sandbox:
            check_bwrap()
            self.kernel_manager_class = SandboxedKernelManager

    def preprocess(self, nb, resources, retry=None):
        marked = []
        for cell in nb.cells:
            if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell):
                token = "gograd-test-finished-" + secrets.token_hex(16)
                marked.append((cell, cell.source, token))
                cell.source = cell.source + '\nfmt.Println("%s")' % token
        try:
            nb, resources = super().preprocess(nb, resources, retry)
        finally:
            for cell, source, token in marked:
                cell.source = source
        notes = self.redeclarations(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                merge_streams(cell)
        for cell, _, token in marked:
            self.judge(cell, token, notes)
        for cell in nb.cells:
            if cell.cell_type == "code":
                self.clean(cell)
        return nb, resources

    @staticmethod
    def redeclarations(nb):
        """What the student's cells declare again of the read-only cells (the engine): one note each."""
        engine = set()
        for cell in nb.cells:
            md = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and md.get("locked") and not md.get("grade"):
                engine |= declarations(cell.source)
        notes = []
        for n, cell in enumerate(nb.cells, 1):
            if cell.cell_type == "code" and not cell.metadata.get("nbgrader", {}).get("locked"):
                for name in sorted(declarations(cell.source) & engine):
                    notes.append(REDECLARED % (n, name, name))
        return notes

    def judge(self, cell, token, notes):
        """Decides a test cell by its token, and leaves outputs that nbgrader scores accordingly."""
        finished = False
        for out in cell.outputs:
            if out.output_type == "stream" and token in out.text:
                finished = True
                out.text = re.sub(r"^.*%s.*\n?" % token, "", out.text, flags=re.M)
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if finished and not errors:
            for out in cell.outputs:
                if out.output_type == "stream":
                    out.name = "stdout"  # stderr is not a verdict: the test ran to its end
            return
        for out in cell.outputs:
            if out.output_type == "stream":
                out.text = RIGHT.sub("", out.text)
        said = ANSI.sub("", " ".join([o.ename + " " + o.evalue for o in errors] +
                                     [o.text for o in cell.outputs if o.output_type == "stream"]))
        if "CellTimeoutError" in said:
            cell.outputs.append(self.error("TimedOut", TIMED_OUT % self.timeout))
        elif "signal: killed" in said or "CPU time limit" in said:
            cell.outputs.append(self.error("StoppedAtLimit", KILLED))
        elif "panic:" not in said and "go build" not in said and "parsing go files" not in said:
            cell.outputs.append(self.error("TestDidNotFinish", ENDED_EARLY))
        for note in notes:
            cell.outputs.append(self.error("EngineChanged", note))

    @staticmethod
    def error(ename, evalue):
        return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=["%s: %s" % (ename, evalue)])

    @staticmethod
    def clean(cell):
        for out in cell.outputs:
            if out.output_type == "stream":
                out.text = EXIT_STATUS.sub("", cleaned(out.text))
            elif out.output_type == "error":
                out.evalue = BUILD_FAILED.sub(DOES_NOT_COMPILE, TEMP_DIR.sub("", cleaned(out.evalue)))
                out.traceback = [BUILD_FAILED.sub(DOES_NOT_COMPILE, TEMP_DIR.sub("", cleaned(t))) for t in out.traceback]
            elif "text/html" in out.get("data", {}):  # GoNB's page of a failed cell quotes the trace too
                html = out.data["text/html"]
                out.data["text/html"] = HEX_ARGS.sub("(...)", GONB_MAIN.sub("", HEX_OFFSET.sub("", html)))
        cell.outputs = [o for o in cell.outputs if o.output_type != "stream" or o.text]


def merge_streams(cell):
    """Joins the stream outputs that follow one another on the same stream: the kernel sends a
    panic's text in pieces, and nbgrader's feedback would show each piece on its own line."""
    merged = []
    for out in cell.outputs:
        if out.output_type == "stream" and merged and merged[-1].output_type == "stream" and merged[-1].name == out.name:
            merged[-1].text += out.text
        else:
            merged.append(out)
    cell.outputs = merged


def warm_build_cache(kernel="gograd"):
    """Builds the packages of the kernel's gograd module outside the sandbox, where the Go build
    cache is writable: inside, it is read-only, and a package missing from it would be compiled
    again for every cell of every notebook."""
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec(kernel)
    env = dict(os.environ)
    for k, v in (spec.env or {}).items():
        env[k] = v.replace("${PATH}", os.environ.get("PATH", ""))
    for arg in spec.argv:
        m = re.match(r"-{1,2}go_work=(.+)", arg)
        for module in (m.group(1).split(",") if m else []):
            run = subprocess.run(["go", "build", "./..."], cwd=module, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, universal_newlines=True)
            if run.returncode != 0:
                raise RuntimeError("go build ./... in %s failed:\n%s" % (module, run.stdout[-2000:]))


def autograde(course, assignment, jobs, extra=()):
    """Grades every submission of assignment (a name or "*") in the course folder with nbgrader
    autograde, in jobs processes at once, each with a share of the students (nbgrader grades one
    notebook at a time), with nbgrader's options extra. Returns their output; raises RuntimeError
    when one of them failed."""
    warm_build_cache()
    submitted = os.path.join(course, "submitted")
    students = sorted(s for s in os.listdir(submitted) if os.path.isdir(os.path.join(submitted, s)))
    groups = [g for g in (students[i::jobs] for i in range(max(1, jobs))) if g]

    def command(group):  # nbgrader autograde for the students of group only
        exclude = ",".join(s for s in students if s not in group)
        cmd = [sys.executable, "-m", "nbgrader", "autograde", assignment, "--force"] + list(extra)
        return cmd + (["--CourseDirectory.student_id_exclude=" + exclude] if exclude else [])

    runs = [subprocess.Popen(command(g), cwd=course, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             universal_newlines=True) for g in groups]
    logs, again = [], []
    for group, run in zip(groups, runs):
        out, _ = run.communicate()
        logs.append(out)
        if run.returncode != 0:  # e.g. the gradebook locked by another run for too long: once more, alone
            at = out.find("Traceback")
            print("gograd_grading: nbgrader autograde for %s failed; grading them again, alone. It said:\n%s"
                  % (", ".join(group), out[at:at + 3000] if at >= 0 else out[-2000:]), file=sys.stderr)
            again.append(group)
    failed = []
    for group in again:
        run = subprocess.run(command(group), cwd=course, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        logs.append(run.stdout)
        if run.returncode != 0:
            at = run.stdout.find("Traceback")
            failed.append("nbgrader autograde for %s failed (exit %d):\n%s" % (
                ", ".join(group), run.returncode, run.stdout[at:at + 4000] if at >= 0 else run.stdout[-3000:]))
    if failed:
        raise RuntimeError("\n".join(failed))
    return "\n".join(logs)


def main():
    """python3 gograd_grading.py autograde ASSIGNMENT [--jobs N], in the course folder."""
    import argparse
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("command", choices=["autograde"])
    parser.add_argument("assignment", help='an assignment, or "*" for all')
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="submissions graded at once (default: the number of cores)")
    args = parser.parse_args()
    try:
        check_bwrap()
        print(autograde(os.path.dirname(os.path.abspath(__file__)), args.assignment, args.jobs), end="")
    except (SandboxError, RuntimeError) as e:
        sys.exit("gograd_grading: %s" % e)


if __name__ == "__main__":
    main()
