"""Minimal .xlsx and .ods files built part by part, so tests can write what no office suite would."""

from __future__ import annotations

import zipfile
from pathlib import Path

CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 b'<Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/xl/workbook.xml" '
                 b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 b'</Types>')
NS_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def package_rels(target: bytes = b"xl/workbook.xml") -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?><Relationships '
            b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="' + target + b'"/></Relationships>')


def workbook_rels(targets: dict[bytes, bytes]) -> bytes:
    body = b"".join(b'<Relationship Id="' + rid + b'" Type="http://schemas.openxmlformats.org/officeDocument/'
                    b'2006/relationships/worksheet" Target="' + target + b'"/>' for rid, target in targets.items())
    return (b'<?xml version="1.0" encoding="UTF-8"?><Relationships '
            b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + body + b'</Relationships>')


def workbook(sheets: list[tuple[bytes, bytes]], id_attr: bytes = b"r:id") -> bytes:
    body = b"".join(b'<sheet name="' + name + b'" sheetId="' + str(i + 1).encode() + b'" ' + id_attr + b'="'
                    + rid + b'"/>' for i, (name, rid) in enumerate(sheets))
    return (b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="' + NS_MAIN + b'" xmlns:r="' + NS_REL
            + b'"><sheets>' + body + b'</sheets></workbook>')


def worksheet(sheet_data: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="' + NS_MAIN + b'"><sheetData>'
            + sheet_data + b'</sheetData></worksheet>')


def shared_strings(strings: list[bytes], unique: bytes | None = None) -> bytes:
    count = str(len(strings)).encode()
    body = b"".join(b"<si><t>" + s + b"</t></si>" for s in strings)
    return (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="' + NS_MAIN + b'" count="' + count
            + b'" uniqueCount="' + (unique if unique is not None else count) + b'">' + body + b'</sst>')


def write_zip(path: Path, parts: dict[str, bytes], prefix: bytes = b"") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    if prefix:
        path.write_bytes(prefix + path.read_bytes())
    return path


def xlsx_parts(sheet_data: bytes, strings: list[bytes] | None = None, unique: bytes | None = None,
               sheet_target: bytes = b"worksheets/sheet1.xml", part_name: str = "xl/worksheets/sheet1.xml",
               id_attr: bytes = b"r:id") -> dict[str, bytes]:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": package_rels(),
        "xl/workbook.xml": workbook([(b"Data", b"rId1")], id_attr),
        "xl/_rels/workbook.xml.rels": workbook_rels({b"rId1": sheet_target}),
        part_name: worksheet(sheet_data),
    }
    if strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings(strings, unique)
    return parts


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def ods_parts(table_body: bytes, prefix: bytes = b"table",
              table_ns: bytes = b"urn:oasis:names:tc:opendocument:xmlns:table:1.0") -> dict[str, bytes]:
    p = prefix
    content = (b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:' + p + b'="' + table_ns + b'"'
               + (b' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"' if p != b"table" else b"")
               + b'><office:body><office:spreadsheet><' + p + b':table ' + p + b':name="Data">' + table_body
               + b'</' + p + b':table></office:spreadsheet></office:body></office:document-content>')
    manifest = (b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                b'<manifest:file-entry manifest:full-path="/" manifest:media-type="' + ODS_MIMETYPE + b'"/>'
                b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                b'</manifest:manifest>')
    return {"mimetype": ODS_MIMETYPE, "content.xml": content, "META-INF/manifest.xml": manifest}
