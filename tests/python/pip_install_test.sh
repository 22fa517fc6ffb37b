#!/usr/bin/env bash
# `pip install .` the way docs/python.md tells Debian 12 users: into a virtual environment that sees
# Debian's packages (numpy, pandas, pybind11, setuptools), without build isolation or an index (no
# PyPI). Then imports the installed module from outside the source tree, with no PYTHONPATH and no
# LANDBRIDGE_DATA: the module and its data must come from the environment.
#   pip_install_test.sh PYTHON SOURCE_DIR BUILD_DIR
set -euo pipefail
python="$1"
source="$2"
build="$3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unset PYTHONPATH LANDBRIDGE_DATA

"$python" -m venv --system-site-packages --without-pip "$work/venv"
cd "$work"
LANDBRIDGE_BUILD_DIR="$build" "$work/venv/bin/python" -m pip install --no-build-isolation --no-index \
  --disable-pip-version-check --quiet "$source"

"$work/venv/bin/python" - <<'PY'
import os
import sys

import landbridge

prefix = os.path.realpath(sys.prefix)
assert os.path.realpath(landbridge.__file__).startswith(prefix), landbridge.__file__
assert os.path.realpath(landbridge._landbridge.__file__).startswith(prefix), landbridge._landbridge.__file__
assert str(landbridge.data_folder()).startswith(prefix), landbridge.data_folder()
days = landbridge.Network.default().route("Chongqing", "Duisburg").total_days
print(f"landbridge {landbridge.__version__} installed in {prefix}: Chongqing -> Duisburg {days:.2f} days")
assert 10 < days < 20
assert "red-sea-closure" in set(landbridge.scenarios()["name"])
print(landbridge.freight.assign().modes)
PY
"$work/venv/bin/python" -m pip uninstall --yes --quiet landbridge
echo "pip install, import and uninstall: OK"
