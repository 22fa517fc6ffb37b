#!/usr/bin/env bash
# Installs the Debian packages landbridge needs to build, test and benchmark, if any is missing.
# Idempotent: does nothing (and needs no network) when everything is there.
set -euo pipefail

packages=(
  cmake make g++ pkg-config
  nlohmann-json3-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost-graph-dev hyperfine
  libtomlplusplus-dev
  libboost-dev                                         # Boost.Beast + Boost.Asio (header-only): the HTTP server
  libcpp-httplib-dev nodejs chromium chromium-driver wrk  # httplib: an HTTP client in the server tests; nodejs + npm: the web page and report (npm below)
  libsqlite3-dev sqlite3 libopenmpi-dev openmpi-bin   # risk sweeps: results store, MPI ranks
  clang-14 libclang-rt-14-dev                          # libFuzzer targets (make fuzz)
  python3-dev python3-pybind11 pybind11-dev            # the Python module (docs/python.md), for /usr/bin/python3
  python3-numpy python3-pandas python3-geopandas python3-matplotlib python3-pytest
  python3-venv python3-pip python3-setuptools python3-wheel   # pip install . into a venv (tests/python)
)

# npm builds the web page and the report's maps. Debian's nodejs package carries no npm: take Debian's
# npm package whenever no npm is on the PATH. (A Node.js from nodesource.com brings its own npm and
# conflicts with Debian's npm package, so it is left alone when it is there.)
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing Debian packages: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
