"""Packages the Python module `landbridge` (docs/python.md).

The extension is built by CMake, in the same build folder as `make` (build/, or $LANDBRIDGE_BUILD_DIR),
so after `make python` this only copies it; in a fresh checkout it configures that folder the way
`make` does. The embedded data (network, scenarios, risk model, map shapes) is packaged with it, so
an installed module does not need the source tree.

Debian 12 refuses `pip install` into the system Python (PEP 668) and PyPI may be out of reach:
    python3 -m venv --system-site-packages ~/venv/landbridge
    ~/venv/landbridge/bin/pip install --no-build-isolation --no-index .
or a wheel: pip wheel --no-build-isolation --no-index --no-deps -w dist .
"""
import os
import shutil
import sys
import sysconfig
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

SOURCE = Path(__file__).resolve().parent
BUILD = Path(os.environ.get("LANDBRIDGE_BUILD_DIR") or SOURCE / "build").resolve()
DATA = ["eurasia", "scenarios", "risk", "geo", "access"]  # the folders of data/ the module reads


class CMakeExtension(Extension):
    def __init__(self):
        super().__init__("landbridge._landbridge", sources=[])


class BuildWithCMake(build_ext):
    """Builds the CMake target landbridge_python and takes its _landbridge*.so."""

    def build_extension(self, ext):
        if not (BUILD / "CMakeCache.txt").exists():
            # The interpreter itself, not a venv's link to it: the build folder outlives any venv.
            python = os.path.realpath(getattr(sys, "_base_executable", sys.executable))
            self.spawn(["cmake", "-S", str(SOURCE), "-B", str(BUILD), "-DCMAKE_BUILD_TYPE=Release",
                        "-DLANDBRIDGE_WERROR=ON", f"-DPython3_EXECUTABLE={python}"])
        self.spawn(["cmake", "--build", str(BUILD), "--target", "landbridge_python", "-j", str(os.cpu_count() or 2)])
        name = "_landbridge" + sysconfig.get_config_var("EXT_SUFFIX")
        built = BUILD / "python" / "landbridge" / name
        if not built.exists():
            found = sorted(p.name for p in (BUILD / "python" / "landbridge").glob("_landbridge*"))
            raise RuntimeError(f"{BUILD} holds {found} but this Python ({sys.version.split()[0]}) needs {name}: "
                               "set LANDBRIDGE_BUILD_DIR to an empty folder to build for it")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, target)


class BuildPyWithData(build_py):
    """The pure-Python files, and data/ as landbridge/data (landbridge.data_folder() finds it there)."""

    def run(self):
        super().run()
        for folder in DATA:
            shutil.copytree(SOURCE / "data" / folder, Path(self.build_lib) / "landbridge" / "data" / folder, dirs_exist_ok=True)


# setuptools' scratch folders go under the CMake build folder, not into the source tree.
scratch = BUILD / "python-package"
scratch.mkdir(parents=True, exist_ok=True)

setup(
    name="landbridge",
    version="0.1.0",
    description="China-Europe freight corridors: routing, a freight model, scenarios and risk sweeps (C++ engine)",
    package_dir={"": "python"},
    packages=["landbridge"],
    ext_modules=[CMakeExtension()],
    cmdclass={"build_ext": BuildWithCMake, "build_py": BuildPyWithData},
    options={"build": {"build_base": str(scratch / "build")}, "egg_info": {"egg_base": str(scratch)}},
    python_requires=">=3.11",
    install_requires=["numpy", "pandas"],
    extras_require={"geo": ["geopandas", "shapely"], "plot": ["matplotlib"]},
    zip_safe=False,
)
