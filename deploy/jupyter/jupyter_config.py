# Jupyter settings of gograd's image, read by every Jupyter command in it (the Dockerfile puts this
# folder on JUPYTER_CONFIG_PATH): the server, `jupyter trust`, nbconvert.
#
# Trust. nbformat's notary keeps the signatures of trusted notebooks (nbsignatures.db) and the key
# that signs them (notebook_secret, mode 0600) in the user's Jupyter data folder,
# ~/.local/share/jupyter. A home volume that another uid used first holds that uid's files there:
# this uid can then neither read the key nor write the signatures, `jupyter trust` fails, and the
# server cannot even open a notebook (HTTP 500, PermissionError on notebook_secret). Such a uid
# keeps its own key and signatures instead, in the first of these folders it can use:
# ~/.local/share/jupyter-uidN, ~/.jupyter-uidN, /tmp/jupyter-uidN (the last one lasts as long as
# the container: the start-up hook trusts the lessons again at every start).
import os

from jupyter_core.paths import jupyter_data_dir

c = get_config()  # noqa: F821


def usable(path):
    """Whether this uid can read and write path, or create it (it does not exist yet)."""
    if not os.path.lexists(path):
        return usable(os.path.dirname(path)) if os.path.dirname(path) != path else False
    return os.access(path, os.R_OK | os.W_OK | (os.X_OK if os.path.isdir(path) else 0))


def own_folder(candidates):
    """The first candidate that is, or can be made, a folder of this uid's; None if none can."""
    for folder in candidates:
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        except OSError:
            continue
        if usable(folder):
            return folder
    return None


data = jupyter_data_dir()
if not all(usable(os.path.join(data, name)) for name in ("notebook_secret", "nbsignatures.db")):
    uid = os.getuid()
    folder = own_folder(["%s-uid%d" % (data, uid), os.path.expanduser("~/.jupyter-uid%d" % uid),
                         "/tmp/jupyter-uid%d" % uid])
    if folder:
        c.NotebookNotary.secret_file = os.path.join(folder, "notebook_secret")
        c.NotebookNotary.db_file = os.path.join(folder, "nbsignatures.db")

# The server opens on the course's welcome page (the lessons are copied into ~/notebooks), and
# offers the Go (gograd) kernel first: the default kernel leads JupyterLab's Launcher. A hub's
# own default URL (JupyterHub's Spawner.default_url) wins over this one.
# (JupyterLab sets the server's default URL to its own, /lab, unless told.)
c.LabApp.default_url = "/lab/tree/notebooks/START_HERE.ipynb"
c.MappingKernelManager.default_kernel_name = "gograd"
