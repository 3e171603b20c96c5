#!/usr/bin/env bash
# Trusts notebooks for the current user, as Jupyter's "Trust Notebook" does: their signatures go
# into the user's trust database (nbsignatures.db in the Jupyter data dir; JUPYTER_DATA_DIR moves
# it). A trusted notebook opens with its saved pictures; in an untrusted one, the classic Notebook
# and JupyterLab hide saved outputs that could run code, and the lessons' interactive views.
# Debian's Jupyter has no `jupyter trust` command: this is the same thing through nbformat.
#   scripts/trust_notebooks.sh [NOTEBOOK...]    default: the shipped lessons, notebooks/*.ipynb
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
if [ $# -eq 0 ]; then set -- "$REPO_ROOT"/notebooks/*.ipynb; fi
bash "$REPO_ROOT/scripts/nbpython.sh" - "$@" <<'PY'
import sys
import nbformat
from nbformat.sign import NotebookNotary

notary = NotebookNotary()
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    if not notary.check_signature(nb):
        notary.sign(nb)
print("trusted %d notebook(s) for this user (%s)" % (len(sys.argv) - 1, notary.db_file))
PY
