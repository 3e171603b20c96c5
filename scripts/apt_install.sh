#!/usr/bin/env bash
# Installs, as root, those of the Debian packages named that are not installed yet (apt-get, without
# recommended packages), saying which; does nothing when all are there.
#   scripts/apt_install.sh PACKAGE...
# Used by the image test (podman & co), the hub's setup (jupyterhub, Jupyter) and make jstest (nodejs).
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -gt 0 ] || exit 0
echo "apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
