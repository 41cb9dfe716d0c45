"""The JSON result has a documented, versioned schema (docs/result.schema.json) and numbers are numbers.

Every JSON result produced in this test process is also validated as it is written (tests/conftest.py);
these tests produce one of each kind (validate, merge with last year, roll-up, a single file, English)
and prove the schema is strict enough to reject what the JSON used to hold.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import unionxl
from tests import conftest
from unionxl.cli import main
from unionxl.writers.json import SCHEMA_VERSION, write_json

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def validator():
    return conftest.result_schema_validator()


def cli_json(*args) -> dict:
    result = CliRunner().invoke(main, [*map(str, args), "--json", "-"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


@pytest.mark.parametrize("args", [
    ("validate", SAMPLES / "2024"),
    ("validate", SAMPLES / "2024-loi", "--lang", "en"),
    ("validate", SAMPLES / "2024", "--previous", SAMPLES / "tong-hop" / "tong-hop-2023.xlsx"),
    ("validate", ROOT / "tests" / "badinput" / "files"),
], ids=["clean", "flawed-en", "previous", "badinput"])
def test_cli_json_outputs_match_the_schema(args, validator):
    before = conftest.json_outputs_validated["count"]
    data = cli_json(*args)
    assert list(validator.iter_errors(data)) == []
    assert conftest.json_outputs_validated["count"] == before + 1  # the suite-wide hook saw it too
    assert data["schema_version"] == SCHEMA_VERSION


def test_rollup_and_single_file_results_match_the_schema(validator, tmp_path):
    sector = unionxl.rollup(SAMPLES / "nganh-2024" / "tong-hop").to_json("en")
    assert list(validator.iter_errors(sector)) == []
    assert sector["figures"]["level"] == "sector"
    one = unionxl.check_file(SAMPLES / "2024-loi" / "T07-khoa-hoi-suc-cap-cuu.xlsx",
                             SAMPLES / "2024-loi" / "don-vi-2024.xlsx").to_json()
    assert list(validator.iter_errors(one)) == []


def test_numbers_are_numbers():
    data = cli_json("validate", SAMPLES / "2024")
    f = data["figures"]
    assert f["travel_fund"]["collected"] == 110_520_000 and type(f["travel_fund"]["collected"]) is int
    assert f["travel_fund"]["rate"] == 30_000
    assert f["loans"] == {"count": 24, "amount": 240_000_000, "repaid": f["loans"]["repaid"], "cap": 10_000_000,
                          "each": 10_000_000}
    assert f["welfare"]["tet_gift"]["each"] == 200_000
    assert all(type(v) is int for v in f["per_group"]["T01"].values())


def test_the_schema_rejects_amounts_as_text_and_undocumented_fields(validator):
    good = cli_json("validate", SAMPLES / "2024")
    as_text = copy.deepcopy(good)
    as_text["figures"]["loans"]["amount"] = "240.000.000đ"  # what the JSON held before the schema
    assert any(e.validator == "type" for e in validator.iter_errors(as_text))
    extra = copy.deepcopy(good)
    extra["figures"]["undocumented"] = 1
    assert any(e.validator == "additionalProperties" for e in validator.iter_errors(extra))
    wrong_version = dict(good, schema_version="0")
    assert list(validator.iter_errors(wrong_version))


def test_streamed_json_equals_the_whole_dict():
    result = unionxl.run(SAMPLES / "2024-loi")
    stream = io.StringIO()
    write_json(result, stream, "en")
    assert json.loads(stream.getvalue()) == result.to_json("en")


def test_finding_dates_are_iso_8601(tmp_path, validator):
    import datetime as dt

    from unionxl.findings import Finding
    from unionxl.writers.json import finding_dict

    found = Finding("date-as-text", "T01.xlsx", "Đoàn viên", "E5", "3/2/1990", {"expected": dt.date(1990, 2, 3)})
    data = finding_dict(found, "vi")
    assert data["params"] == {"expected": "1990-02-03"}
    assert list(validator.evolve(schema=validator.schema["$defs"]["finding"] | {"$defs": validator.schema["$defs"]})
                .iter_errors(data)) == []
