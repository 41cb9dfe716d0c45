"""A seeded, time-bounded fuzzer for the whole read path: `python -m tests.fuzz --seconds 600 --seed 7`.

Each round copies the 2024 sample year, mutates a few group workbooks at the zip and XML level
(odd references, attributes, uniqueCount, string indices, namespaces, truncations, bytes before
PK, decoy parts, huge texts and numbers ...), and runs `unionxl validate --json` on the folder as
a user would, in a subprocess whose whole process tree is measured. Each round asserts:

- no traceback, no "internal error", exit status 0 or 1 only;
- every mutated file is accounted for, and named in a finding whenever it was rejected;
- every untouched group is merged;
- peak memory of the process tree under MAX_TREE_BYTES;
- the inputs are byte for byte what they were.

`run_corpus(files)` does the same with real files from public test corpora, a batch at a time.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .memory import measure

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "2024"
ODS_SAMPLES = ROOT / "tests" / "fixtures" / "libreoffice"
MAX_TREE_BYTES = 1536 * 1024 ** 2  # the whole run, every worker included
MUTANTS_PER_ROUND = 6

Parts = list[tuple[str, bytes]]  # a zip's members in order; a name may repeat (a mutation may want that)


def read_parts(path: Path) -> Parts:
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def write_parts(path: Path, parts: Parts) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 12, 20, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def _sheets(parts: Parts) -> list[int]:
    return [i for i, (name, data) in enumerate(parts) if b"<sheetData" in data]


def _edit_sheet(rng: random.Random, parts: Parts, edit: Callable[[bytes], bytes]) -> Parts:
    sheets = _sheets(parts)
    if not sheets:
        return parts
    i = rng.choice(sheets)
    parts = list(parts)
    parts[i] = (parts[i][0], edit(parts[i][1]))
    return parts


def _part(parts: Parts, suffix: str) -> int | None:
    return next((i for i, (name, _) in enumerate(parts) if name.endswith(suffix)), None)


# ------------------------------------------------------------------ mutations (xlsx)

_REF = re.compile(rb'(<c r=")([A-Z]+)([0-9]+)(")')


def lowercase_refs(rng, parts):
    return _edit_sheet(rng, parts, lambda d: _REF.sub(lambda m: m.group(1) + m.group(2).lower() + m.group(3)
                                                       + m.group(4), d))


def leading_zeros(rng, parts):
    zeros = b"0" * rng.randint(1, 12)
    return _edit_sheet(rng, parts, lambda d: _REF.sub(lambda m: m.group(1) + m.group(2) + zeros + m.group(3)
                                                       + m.group(4), d))


FAR_REFS = [b"XFD1048576", b"xfd1048576", b"ZZZZ1", b"A99999999", b"A0000099999999", b"A4294967296",
            b"a4294967295", b"XFD01048576", b"AAAAAAAA1", b"IV65536", b"A4294970000", b"zz100000"]


def far_cell(rng, parts):
    ref = rng.choice(FAR_REFS)
    space = rng.choice([b" ", b"\t", b"\n", b"  ", b"\r\n"])
    quote = rng.choice([b'"', b"'"])
    body = rng.choice([b"<v>1</v>", b'<is><t>x</t></is>', b"<f>1+1</f><v>2</v>", b"<v>0</v>"])
    kind = rng.choice([b"", b' t="n"', b' t="s"', b' t="inlineStr"', b' t="str"'])
    cell = b"<c" + space + b"r=" + quote + ref + quote + kind + b">" + body + b"</c>"
    return _edit_sheet(rng, parts, lambda d: d.replace(b"</sheetData>", b'<row r="7">' + cell + b"</row></sheetData>", 1))


def drop_refs(rng, parts):
    return _edit_sheet(rng, parts, lambda d: re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", d, count=rng.randint(1, 50)))


def row_refs(rng, parts):
    value = rng.choice([b"1048576", b"4294967295", b"0", b"A5", b"-1", b"99999999999"])
    return _edit_sheet(rng, parts, lambda d: re.sub(rb'<row r="[0-9]+"', b'<row r="' + value + b'"', d, count=1))


def prefix_cells(rng, parts):
    def edit(d):
        d = d.replace(b"<worksheet ", b'<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ', 1)
        return re.sub(rb"<(/?)(c|v|row)([ >])", rb"<\1x:\2\3", d)
    return _edit_sheet(rng, parts, edit)


def unique_count(rng, parts):
    i = _part(parts, "sharedStrings.xml")
    if i is None:
        return parts
    value = rng.choice([b"1000000000000", b"18446744073709551615", b"-1", b"abc", b"99999999", b"0"])
    parts = list(parts)
    parts[i] = (parts[i][0], re.sub(rb'uniqueCount="[0-9]+"', b'uniqueCount="' + value + b'"', parts[i][1]))
    return parts


def bad_string_index(rng, parts):
    value = rng.choice([b"99999", b"-1", b"abc", b" 1", b"1e3", b"", b"18446744073709551616", b"007"])
    return _edit_sheet(rng, parts, lambda d: re.sub(rb'(t="s"[^>]*><v>)[0-9]+(</v>)', rb"\g<1>" + value + rb"\g<2>",
                                                    d, count=rng.randint(1, 3)))


def dimension(rng, parts):
    ref = rng.choice([b"A1:XFD1048576", b"A1:A4294967295", b"B2:A1", b"A1:ZZZZZZ1"])
    return _edit_sheet(rng, parts, lambda d: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="' + ref + b'"/>', d)
                       if b"<dimension" in d else d.replace(b"<sheetData", b'<dimension ref="' + ref + b'"/><sheetData', 1))


def id_without_prefix(rng, parts):
    i = _part(parts, "workbook.xml")
    parts = list(parts)
    if i is not None:
        parts[i] = (parts[i][0], parts[i][1].replace(b" r:id=", rng.choice([b" id=", b" q:id=", b" r:Id="])))
    return parts


def target_case(rng, parts):
    i = _part(parts, "workbook.xml.rels")
    parts = list(parts)
    if i is not None:
        parts[i] = (parts[i][0], re.sub(rb'Target="worksheets/sheet([0-9]+)\.xml"',
                                        lambda m: b'Target="Worksheets/SHEET' + m.group(1) + b'.XML"', parts[i][1]))
    return parts


def move_workbook(rng, parts):
    folder = rng.choice(["wb/", "x/l/", "XL/"])
    moved = [(folder + name[3:] if name.startswith("xl/") else name, data) for name, data in parts]
    return [(name, data.replace(b'Target="xl/workbook.xml"', b'Target="' + folder.encode() + b'workbook.xml"')
             if name == "_rels/.rels" else data) for name, data in moved]


def duplicate_sheet_name(rng, parts):
    i = _part(parts, "workbook.xml")
    parts = list(parts)
    if i is not None:
        names = re.findall(rb'<sheet name="([^"]+)"', parts[i][1])
        if len(names) > 2:
            a, b = rng.sample(names, 2)
            parts[i] = (parts[i][0], parts[i][1].replace(b'name="' + b + b'"', b'name="' + a + b'"', 1))
    return parts


def duplicate_part(rng, parts):
    sheets = _sheets(parts)
    if not sheets:
        return parts
    name, data = parts[rng.choice(sheets)]
    far = data.replace(b"</sheetData>", b'<row r="9"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    return list(parts) + [(name if rng.random() < 0.5 else name.upper(), far)]


def decoy_ods(rng, parts):
    body = (b'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
            b'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
            b'<office:body><office:spreadsheet><table:table table:name="X"><table:table-row '
            b'table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" '
            b'office:value-type="float" office:value="1"/></table:table-row></table:table></office:spreadsheet>'
            b'</office:body></office:document-content>')
    return [("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")] + list(parts) + [("content.xml", body)]


def xlsb_part(rng, parts):
    return list(parts) + [("xl/workbook.bin", b"\x83\x01\x00" * 10)]


def dtd(rng, parts):
    i = rng.randrange(len(parts))
    name, data = parts[i]
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    parts = list(parts)
    parts[i] = (name, bomb + re.sub(rb"^<\?xml[^>]*\?>", b"", data))
    return parts


def utf16(rng, parts):
    sheets = _sheets(parts)
    if not sheets:
        return parts
    i = rng.choice(sheets)
    parts = list(parts)
    text = parts[i][1].decode("utf-8", "replace").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    parts[i] = (parts[i][0], text.encode("utf-16"))
    return parts


def huge_text(rng, parts):
    i = _part(parts, "sharedStrings.xml")
    if i is None:
        return parts
    parts = list(parts)
    text = (rng.choice(["Nguyễn ", "x", "=1+1 ", "<r>"]) * rng.randint(8_000, 60_000)).encode()
    text = text.replace(b"<", b"&lt;")
    parts[i] = (parts[i][0], re.sub(rb"<t>[^<]{4,40}</t>", b"<t>" + text + b"</t>", parts[i][1], count=rng.randint(1, 3)))
    return parts


def huge_number(rng, parts):
    value = rng.choice([b"1e308", b"1E+400", b"-1e308", b"inf", b"NaN", b"1e15", b"999999999999999999999",
                        b"4.9e-324"])
    return _edit_sheet(rng, parts, lambda d: re.sub(rb'(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?><v>)[0-9]+(</v>)',
                                                    rb"\g<1>" + value + rb"\g<2>", d, count=rng.randint(1, 4)))


def flip_bytes(rng, parts):
    i = rng.randrange(len(parts))
    name, data = parts[i]
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    parts = list(parts)
    parts[i] = (name, bytes(data))
    return parts


def delete_part(rng, parts):
    if len(parts) < 2:
        return parts
    parts = list(parts)
    del parts[rng.randrange(len(parts))]
    return parts


MUTATIONS = [lowercase_refs, leading_zeros, far_cell, far_cell, drop_refs, row_refs, prefix_cells, unique_count,
             bad_string_index, bad_string_index, dimension, id_without_prefix, target_case, move_workbook,
             duplicate_sheet_name, duplicate_part, decoy_ods, xlsb_part, dtd, utf16, huge_text, huge_number,
             flip_bytes, delete_part]


# ------------------------------------------------------------------ mutations (whole file)

def truncate(rng, data: bytes) -> bytes:
    return data[:rng.randrange(1, len(data))]


def prefix_bytes(rng, data: bytes) -> bytes:
    return rng.choice([b"MZ\x90\x00", b"\x00" * 512, b"PK\x03\x04junk", b"%PDF-1.4\n"]) + data


def ods_namespace(rng, data: bytes) -> bytes:
    """An .ods whose table prefix is bound elsewhere, or whose repeats are huge."""
    parts = read_parts_bytes(data)
    i = next((k for k, (n, _) in enumerate(parts) if n == "content.xml"), None)
    if i is None:
        return data
    content = parts[i][1]
    choice = rng.randrange(3)
    if choice == 0:
        content = content.replace(b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
                                  b'xmlns:table="urn:example:other" xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')
    elif choice == 1:
        content = re.sub(rb'table:number-columns-repeated="[0-9]+"', b'table:number-columns-repeated="16384"', content, count=3)
        content = re.sub(rb'table:number-rows-repeated="[0-9]+"', b'table:number-rows-repeated="1048576"', content, count=3)
    else:
        content = content.replace(b"<table:table-row", b'<table:table-row table:number-rows-repeated="999999"', 1)
    parts[i] = (parts[i][0], content)
    return parts_bytes(parts)


def read_parts_bytes(data: bytes) -> Parts:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def parts_bytes(parts: Parts) -> bytes:
    import io

    import warnings

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a repeated part name is the point of some mutations
        for name, data in parts:
            archive.writestr(name, data)
    return buffer.getvalue()


# ------------------------------------------------------------------ rounds


@dataclass
class Tally:
    rounds: int = 0
    mutants: int = 0
    real_files: int = 0
    failures: list[str] = field(default_factory=list)
    peak_bytes: int = 0
    worker_peak_bytes: int = 0
    seconds: float = 0.0


def mutate(rng: random.Random, source: Path, target: Path) -> list[str]:
    """Write a mutant of `source` to `target`; return the names of the mutations applied."""
    data = source.read_bytes()
    applied: list[str] = []
    if source.suffix == ".ods":
        data = ods_namespace(rng, data)
        applied.append("ods_namespace")
    else:
        parts = read_parts(source)
        for mutation in rng.sample(MUTATIONS, rng.randint(1, 3)):
            parts = mutation(rng, parts)
            applied.append(mutation.__name__)
        data = parts_bytes(parts)
    if rng.random() < 0.1:
        data = truncate(rng, data)
        applied.append("truncate")
    elif rng.random() < 0.1:
        data = prefix_bytes(rng, data)
        applied.append("prefix_bytes")
    target.write_bytes(data)
    return applied


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def check_run(folder: Path, odd: dict[str, str], tally: Tally, timeout: float = 600) -> None:
    """Validate `folder`; `odd` maps each unusual file to what was done to it."""
    before = _digest(folder)
    report = folder.parent / "findings.json"
    peak = measure([sys.executable, "-m", "unionxl", "validate", str(folder), "--json", str(report)],
                   timeout=timeout, cwd=str(ROOT))
    tally.peak_bytes = max(tally.peak_bytes, peak.tree_bytes)
    tally.worker_peak_bytes = max([tally.worker_peak_bytes,
                                   *(b for pid, b in peak.process_bytes.items() if pid != peak.root)])
    label = f"{folder} {odd}"
    output = peak.stdout + peak.stderr
    if peak.returncode not in (0, 1):
        tally.failures.append(f"exit {peak.returncode}: {label}\n{output[-1500:]}")
        return
    if "Traceback" in output or "internal error" in output.lower():
        tally.failures.append(f"traceback: {label}\n{output[-1500:]}")
        return
    if peak.tree_bytes > MAX_TREE_BYTES:
        tally.failures.append(f"peak {peak.tree_bytes >> 20} MiB: {label}")
    if _digest(folder) != before:
        tally.failures.append(f"inputs changed: {label}")
    data = json.loads(report.read_text(encoding="utf-8"))
    files = {f["file"]: f for f in data["files"]}  # "file" is the name findings use; "path" the input file
    named = {f["file"] for f in data["findings"]}
    for name in odd:
        record = files.get(name)
        if record is None:
            tally.failures.append(f"{name} not accounted for: {label}")
        elif record["kind"] in ("rejected", "skipped") and name not in named:
            tally.failures.append(f"{name} rejected without a finding naming it: {label}")
    for name, record in files.items():
        if name not in odd and name.startswith("T") and record["kind"] != "group":
            tally.failures.append(f"untouched {name} not merged ({record['kind']}): {label}")


def run(seconds: float, seed: int, keep: Path | None = None, log=print) -> Tally:
    """Rounds of mutants until `seconds` have passed; the tally of what was run and what failed."""
    rng = random.Random(seed)
    tally = Tally()
    start = time.monotonic()
    groups = sorted(SAMPLES.glob("T*.xlsx"))
    ods_of = {"T01": ODS_SAMPLES / "lo-clean.ods", "T02": ODS_SAMPLES / "lo-text-amounts.ods",
              "T03": ODS_SAMPLES / "lo-lost-zero.ods"}
    while time.monotonic() - start < seconds:
        with tempfile.TemporaryDirectory(prefix="unionxl-fuzz-") as tmp:
            folder = Path(tmp) / "in"
            shutil.copytree(SAMPLES, folder)
            odd: dict[str, str] = {}
            for victim in rng.sample(groups, MUTANTS_PER_ROUND):
                source = victim
                same_group = ods_of.get(victim.name[:3])  # the .ods fixtures are T01..T03's workbooks
                if same_group is not None and rng.random() < 0.5:
                    source = same_group
                    (folder / victim.name).unlink()
                target = folder / (victim.stem + source.suffix)
                odd[target.name] = "+".join(mutate(rng, source, target))
            check_run(folder, odd, tally)
            tally.rounds += 1
            tally.mutants += len(odd)
            if keep is not None and tally.failures:
                shutil.copytree(folder, keep / f"round-{tally.rounds:04d}", dirs_exist_ok=True)
        log(f"round {tally.rounds}: {tally.mutants} mutants, {len(tally.failures)} failures, "
            f"peak {tally.peak_bytes >> 20} MiB")
    tally.seconds = time.monotonic() - start
    return tally


def run_corpus(files: list[Path], batch: int = 40, log=print) -> Tally:
    """Real files from public corpora, `batch` at a time beside the clean sample year."""
    tally = Tally()
    start = time.monotonic()
    for i in range(0, len(files), batch):
        with tempfile.TemporaryDirectory(prefix="unionxl-corpus-") as tmp:
            folder = Path(tmp) / "in"
            shutil.copytree(SAMPLES, folder)
            odd = {}
            for k, path in enumerate(files[i:i + batch]):
                name = f"Z{k:03d}-{path.name[-60:]}"
                shutil.copyfile(path, folder / name)
                odd[name] = str(path)
            check_run(folder, odd, tally, timeout=1800)
            tally.rounds += 1
            tally.real_files += len(odd)
        log(f"batch {tally.rounds}: {tally.real_files} files, {len(tally.failures)} failures, "
            f"peak {tally.peak_bytes >> 20} MiB")
    tally.seconds = time.monotonic() - start
    return tally
