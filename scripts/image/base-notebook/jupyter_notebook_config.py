# The server's settings in this stand-in (the real image sets the same in jupyter_server_config.py):
# listen on every interface, no browser, delete for good (no trash folder in a container), and the
# umask NB_UMASK if given.
import os

c = get_config()  # noqa: F821
c.NotebookApp.ip = "0.0.0.0"
c.NotebookApp.port = int(os.environ.get("JUPYTER_PORT", "8888"))
c.NotebookApp.open_browser = False
c.FileContentsManager.delete_to_trash = False
if "NB_UMASK" in os.environ:
    os.umask(int(os.environ["NB_UMASK"], 8))
