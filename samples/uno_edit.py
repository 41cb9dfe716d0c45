"""Edit workbooks the way an officer does in LibreOffice Calc, through Calc's own input handler.

Run with a Python that has LibreOffice's `uno` module (Debian: apt-get install python3-uno; it is
/usr/bin/python3's, not a virtual environment's):

    /usr/bin/python3 samples/uno_edit.py jobs.json

jobs.json is a list of jobs: {"src": path, "dst": path, "filter": "Calc MS Excel 2007 XML",
"locale": "en-US", "edits": [{"sheet": name, "cell": "D4", "type": "05/03/1985"}, ...]}.
An edit is one of:
  "type":    text typed into the cell and confirmed with Enter (the `.uno:EnterString` dispatch),
             so Calc parses it with the document's locale, exactly as when an officer types it;
             `setFormula` would bypass the cell's text format and is not what typing does
  "formula": a formula, set through the API (Calc computes it and saves the result)
  "merge":   a range to merge ("A20:C20")

The document's language (and so how typed dates and numbers are read) is set to `locale`; "en-US"
is a computer set to the US regional format, common on Vietnamese office PCs. LibreOffice is
started once, headless, on a private profile, and ended when the jobs are done.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno  # noqa: I001 - LibreOffice's bridge; only importable by the system Python
from com.sun.star.beans import PropertyValue


def prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(port: int):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        except Exception:  # not listening yet
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not start")


def run(jobs: list[dict]) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) is needed: apt-get install libreoffice-calc python3-uno")
    port = 2100 + os.getpid() % 1000
    profile = tempfile.mkdtemp(prefix="unionxl-lo-")
    office = subprocess.Popen([soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                               f"-env:UserInstallation=file://{profile}",
                               f"--accept=socket,host=127.0.0.1,port={port};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(port)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for job in jobs:
            edit_one(desktop, dispatcher, job)
        try:
            desktop.terminate()
        except Exception:  # the bridge drops as LibreOffice quits
            pass
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


def edit_one(desktop, dispatcher, job: dict) -> None:
    url = uno.systemPathToFileUrl(os.path.abspath(job["src"]))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    try:
        language, _, country = job.get("locale", "en-US").partition("-")
        locale = uno.createUnoStruct("com.sun.star.lang.Locale")
        locale.Language, locale.Country = language, country
        doc.CharLocale = locale
        controller = doc.CurrentController
        for edit in job.get("edits", ()):
            sheet = doc.Sheets.getByName(edit["sheet"])
            controller.setActiveSheet(sheet)
            if "type" in edit:
                controller.select(sheet.getCellRangeByName(edit["cell"]))
                dispatcher.executeDispatch(controller.Frame, ".uno:EnterString", "", 0,
                                           (prop("StringName", edit["type"]),))
            elif "formula" in edit:
                sheet.getCellRangeByName(edit["cell"]).setFormula(edit["formula"])
            elif "merge" in edit:
                sheet.getCellRangeByName(edit["merge"]).merge(True)
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(job["dst"])),
                       (prop("FilterName", job.get("filter", "Calc MS Excel 2007 XML")),))
    finally:
        doc.close(True)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        run(json.load(handle))
