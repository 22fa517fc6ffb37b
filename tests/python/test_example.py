"""examples/red_sea.py runs and writes its picture."""
import subprocess
import sys

import matplotlib.image

from conftest import SOURCE_DIR


def test_red_sea_example_writes_a_png(tmp_path):
    out = tmp_path / "red-sea.png"
    done = subprocess.run([sys.executable, str(SOURCE_DIR / "examples" / "red_sea.py"), str(out)], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = matplotlib.image.imread(out)
    assert image.shape[0] > 300 and image.shape[1] > 800
    assert image.std() > 0.05  # not a blank canvas
