# The server's settings, as the real image's /etc/jupyter/jupyter_server_config.py has them: every
# interface, no browser, deleting without a trash folder (there is none in a container), and the
# umask NB_UMASK for the server and everything it starts, when set. (The real one can also make a
# self-signed certificate, GEN_CERT: not in this stand-in.) The port is JUPYTER_PORT, which the
# server reads itself.
import os

c = get_config()  # noqa: F821
c.ServerApp.ip = ""
c.ServerApp.open_browser = False
c.FileContentsManager.delete_to_trash = False
if "NB_UMASK" in os.environ:
    os.umask(int(os.environ["NB_UMASK"], 8))
