"""Suite-wide helpers.

Tests that need a real office suite or a real browser call `needs("soffice")` (or
"chromium"): outside CI they skip and say why; in CI (CI=true) the tool must be there,
because `.ci/run` installs it, so a missing tool fails the test instead of hiding it.
"""

from __future__ import annotations

import os
import shutil

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def needs(tool: str) -> str:
    """The tool's path, or skip (outside CI) / fail (in CI) saying what is missing."""
    path = shutil.which(tool)
    if path:
        return path
    message = f"{tool} is not installed (Debian package; .ci/run installs it)"
    if IN_CI:
        pytest.fail(message + " — CI must run this test, not skip it", pytrace=False)
    pytest.skip(message)
