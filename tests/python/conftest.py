"""Shared pieces of the Python binding's tests: the command line (LANDBRIDGE_BINARY) to compare with,
and the embedded network loaded once."""
import json
import os
import subprocess
from pathlib import Path

import pytest

import landbridge

SOURCE_DIR = Path(os.environ["LANDBRIDGE_SOURCE_DIR"])
BINARY = os.environ["LANDBRIDGE_BINARY"]
TEST_DATA = SOURCE_DIR / "tests" / "data"
SHARED_DIR = SOURCE_DIR.parent / "shared"


class CommandResult:
    def __init__(self, completed: subprocess.CompletedProcess):
        self.status = completed.returncode
        self.out = completed.stdout
        self.err = completed.stderr

    def json(self):
        assert self.status == 0, self.err.decode(errors="replace")
        return json.loads(self.out)

    def error(self) -> str:
        """The message of a failed run: the first line of stderr without the 'landbridge: ' prefix."""
        assert self.status == 2, (self.status, self.err)
        first = self.err.decode("utf-8", errors="replace").splitlines()[0]
        assert first.startswith("landbridge: ")
        return first[len("landbridge: "):]


def run_cli(*args) -> CommandResult:
    return CommandResult(subprocess.run([BINARY, *map(str, args)], capture_output=True, timeout=600))


@pytest.fixture(scope="session")
def net():
    return landbridge.Network.default()


def without_seconds(document):
    """The document with every timing ("seconds") removed: the only figures that differ between runs."""
    if isinstance(document, dict):
        return {k: without_seconds(v) for k, v in document.items() if k != "seconds"}
    if isinstance(document, list):
        return [without_seconds(v) for v in document]
    return document
