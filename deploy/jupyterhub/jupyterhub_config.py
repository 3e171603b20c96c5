"""JupyterHub for a class on one server: gograd's lessons for the server's local Unix users.

Set up once, as root, with deploy/jupyterhub/setup.sh, then start the hub as root, from the
virtual environment setup.sh made:

    /opt/gograd/venv/bin/jupyterhub -f /opt/gograd/repo/deploy/jupyterhub/jupyterhub_config.py

Students log in with their Unix user name and password (PAM) and land in JupyterLab, in ~/notebooks,
with the "Go (gograd)" kernel.
docs/DOCKER.md ("A class on one server") explains every choice below. Settings from the environment:

    GOGRAD_PREFIX       where setup.sh installed the tools and warm caches (default /opt/gograd)
    GOGRAD_HUB_URL      where the hub listens (default http://:8000, every interface; put TLS in front)
    GOGRAD_HUB_GROUP    the Unix group allowed to log in (default students; empty: every local user
                        with a password)
    GOGRAD_HUB_ADMINS   comma-separated user names of the hub's administrators (e.g. the teacher)

Tested by `make hub-test` (scripts/hub_test.sh), which loads this file from its own small config.
"""
import os
import pwd
import shutil
import subprocess

c = get_config()  # noqa: F821 (defined by JupyterHub when it loads this file)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PREFIX = os.environ.get("GOGRAD_PREFIX", "/opt/gograd")
# Each student's folders that must not be in a shared place: PREFIX/users/NAME is root's, so that no
# student can swap what root creates in it for a link; the folders in it are the student's.
USERS_DIR = os.path.join(PREFIX, "users")
VENV = os.path.join(PREFIX, "venv")
WARM_BUILD_CACHE = os.path.join(PREFIX, "cache", "go-build")
HUB_STATE = os.path.join(PREFIX, "hub")
os.makedirs(HUB_STATE, mode=0o700, exist_ok=True)
os.makedirs(USERS_DIR, mode=0o755, exist_ok=True)

# ---------------------------------------------------------------- the hub and its proxy
c.JupyterHub.bind_url = os.environ.get("GOGRAD_HUB_URL", "http://:8000")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(HUB_STATE, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(HUB_STATE, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(HUB_STATE, "proxy.pid")
c.ConfigurableHTTPProxy.command = [os.path.join(PREFIX, "proxy", "node_modules", ".bin", "configurable-http-proxy")]

# ---------------------------------------------------------------- who may log in
# JupyterHub's default, PAMAuthenticator: the server's own users and passwords. Since JupyterHub 5
# nobody may log in unless allowed: the group's members, or everyone PAM accepts.
group = os.environ.get("GOGRAD_HUB_GROUP", "students")
if group:
    c.PAMAuthenticator.allowed_groups = {group}
else:
    c.Authenticator.allow_all = True
c.Authenticator.admin_users = {u for u in os.environ.get("GOGRAD_HUB_ADMINS", "").split(",") if u}

# ---------------------------------------------------------------- each student's notebook server
# singleuser.sh runs as the student: it copies the lessons into ~/notebooks when missing, trusts
# them for the student, then starts the venv's jupyterhub-singleuser, which serves JupyterLab.
c.Spawner.cmd = [os.path.join(REPO, "deploy", "jupyterhub", "singleuser.sh")]
# The welcome page, which says where to start; Go (gograd) first in the Launcher.
c.Spawner.default_url = "/lab/tree/notebooks/START_HERE.ipynb"
# A terminal of JupyterLab runs a plain bash: under a hub, jupyter_server starts a login shell, whose
# /etc/profile sets PATH back to the system's, without the venv (jupyter, nbgrader, its python3) and
# Go; a teacher grades from a terminal (docs/TEACHING.md).
c.Spawner.args = ["--MappingKernelManager.default_kernel_name=gograd",
                  '--ServerApp.terminado_settings={"shell_command": ["/bin/bash"]}']
c.Spawner.ip = "127.0.0.1"
# A class logs in at once: JupyterHub's 30 s for a server to answer (60 s to start) were too short
# for three students at once on a busy 2-core machine (the hub killed servers still importing).
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
c.Spawner.environment = {
    # The venv's jupyterhub-singleuser and jupyter, for the server, its kernels and the trust step.
    "PATH": os.pathsep.join([os.path.join(VENV, "bin"), os.environ.get("PATH", os.defpath)]),
    # The gograd kernel spec, for every student, from a folder no home folder hides.
    "JUPYTER_PATH": os.path.join(PREFIX, "jupyter"),
    "GOTOOLCHAIN": "local",
}


def _own_folder(path, uid, gid):
    """Makes path (in a root-owned folder) a folder of the user's own, private."""
    if not os.path.isdir(path) or os.path.islink(path):
        if os.path.lexists(path):
            os.remove(path)
        os.mkdir(path, 0o700)
    os.lchown(path, uid, gid)
    os.chmod(path, 0o700)


def _seed_build_cache(target, uid, gid, log):
    """Starts the student's Go build cache as a copy of the warm one that setup.sh filled, made of
    hard links (no disk space, no time): the linked files stay root's, so a student can read them,
    and drop them from their own cache, but never change what another student reads. The folders
    are the student's, so their own builds add entries. Where hard links cannot be made (the cache
    on another file system), the student starts with an empty cache: the first cells are slower."""
    if os.path.lexists(target):
        return
    fresh = target + ".new"
    shutil.rmtree(fresh, ignore_errors=True)
    linked = os.path.isdir(WARM_BUILD_CACHE) and subprocess.run(
        ["cp", "-al", WARM_BUILD_CACHE, fresh], stderr=subprocess.PIPE).returncode == 0
    if not linked:
        shutil.rmtree(fresh, ignore_errors=True)
        os.mkdir(fresh, 0o700)
        log.warning("gograd: %s starts with an empty Go build cache (no hard links from %s)",
                    target, WARM_BUILD_CACHE)
    for name in ("trim.txt",):  # the go command rewrites it: the student's own, not root's
        if os.path.lexists(os.path.join(fresh, name)):
            os.remove(os.path.join(fresh, name))
    # The go command drops entries unused for 5 days when it trims: mark the shared ones used now.
    for root, dirs, files in os.walk(fresh, topdown=False):
        for f in files:
            os.utime(os.path.join(root, f))
        for d in dirs:
            os.lchown(os.path.join(root, d), uid, gid)
    os.lchown(fresh, uid, gid)
    os.chmod(fresh, 0o700)
    os.rename(fresh, target)


def prepare_student(spawner):
    """Before a student's server starts (run by the hub, as root): a private TMPDIR and a Go build
    cache of the student's own, started warm. Per-user temp folders matter because tools create
    fixed names in TMPDIR (go-graphviz once made /tmp/go-graphviz private to the first user)."""
    user = pwd.getpwnam(spawner.user.name)
    home = os.path.join(USERS_DIR, user.pw_name)
    if os.path.islink(home) or not os.path.isdir(home):
        os.mkdir(home, 0o755)
    os.lchown(home, 0, 0)
    tmp, cache = os.path.join(home, "tmp"), os.path.join(home, "go-build")
    _own_folder(tmp, user.pw_uid, user.pw_gid)
    _seed_build_cache(cache, user.pw_uid, user.pw_gid, spawner.log)
    spawner.environment = dict(spawner.environment, TMPDIR=tmp, GOCACHE=cache)


c.Spawner.pre_spawn_hook = prepare_student
