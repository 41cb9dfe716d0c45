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


# ------------------------------------------------------------------ JSON outputs against their schema
#
# Every JSON result the suite produces in this process (`--json` through CliRunner, the
# tong-hop-<year>.json of `merge`, `Result.to_json()`) is validated against
# docs/result.schema.json as it is produced; `json_outputs_validated` counts them so a test can
# prove the hook ran (tests/test_json_schema.py).

json_outputs_validated = {"count": 0}


def result_schema_validator():
    import json
    from pathlib import Path

    from jsonschema import Draft202012Validator

    schema = json.loads((Path(__file__).resolve().parent.parent / "docs" / "result.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(autouse=True, scope="session")
def _every_json_output_matches_its_schema():
    import json

    from unionxl.writers import json as json_writer

    validator = result_schema_validator()

    def validate(data):
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        if errors:
            where = "/".join(str(p) for p in errors[0].absolute_path)
            raise AssertionError(f"JSON output breaks docs/result.schema.json at '{where}': {errors[0].message}")
        json_outputs_validated["count"] += 1

    chunks, to_dict = json_writer.chunks, json_writer.to_dict

    def checked_chunks(result, lang="vi"):
        pieces = []
        for piece in chunks(result, lang):
            pieces.append(piece)
            yield piece
        validate(json.loads("".join(pieces)))

    def checked_to_dict(result, lang="vi"):
        data = to_dict(result, lang)
        validate(json.loads(json.dumps(data)))
        return data

    json_writer.chunks, json_writer.to_dict = checked_chunks, checked_to_dict
    yield
    json_writer.chunks, json_writer.to_dict = chunks, to_dict


@pytest.fixture
def browser():
    """Debian's Chromium driven by Playwright, headless, with a fresh profile of its own."""
    from tests.webbrowser import CHROMIUM_ARGS

    chromium = needs("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.fail("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as p:
        # launch() gives the browser a fresh temporary profile (--user-data-dir) of its own
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def serve(tmp_path):
    """serve(data) starts `unionxl serve` on that data folder as a user starts it and gives its
    address; every server started is stopped after the test."""
    from tests.webserver import Server

    servers = []

    def start(data, name: str = "server"):
        servers.append(Server(data, tmp_path / f"{name}.log").start())
        return servers[-1].url

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def server(serve, tmp_path):
    """One desk on a fresh data folder."""
    return serve(tmp_path / "unionxl-data")
