"""The one text catalogue: every string a person reads, keyed, Vietnamese and English side by side.

Each module holds the texts of one audience as `TEXTS: dict[key, (vi, en)]`; `CATALOGUE` is all of them
in one dict, and a key two modules define stops the import. `unionxl.i18n` renders them (`t(key, lang,
**params)`, with its format specs); code elsewhere names a key and never holds a wording itself.

=============  ====================================================  ===================================
module         who reads it                                          keys
=============  ====================================================  ===================================
common         every output: severities, periods, number formats     severity.*, quarter, month, format.*,
                                                                     group_named, account (named so by the
                                                                     web desk's templates too)
console        the terminal (console.py, cli.py's messages)          console.*
cli            the command line's help, the library's usage errors   cli.*, usage.*
               (backup and restore's too), `unionxl serve`'s start-up
               lines
findings       finding messages and the words they take              finding.<code>, finding_doc.*,
                                                                     skip.*, type.*, unreadable.*,
                                                                     unsafe.*, too_large.*, upload.*
template       the blank workbooks (instructions, prompts, errors)   template.*
workbook       the consolidated workbook and the report tables       workbook.*, table.*
feedback       the feedback copies sent back to the groups           feedback.*
report         the Word report                                       report.*
rollup         the sector union's roll-up (sector.py)                rollup.*
web            the web desk's pages                                  web.*, sector.*
=============  ====================================================  ===================================

The schema's sheet, column and choice labels are not here: they are the workbooks' contract (the
reader matches headings by them) and stay beside the structure they name in `unionxl/schema.py`;
`i18n.text` reaches them as `sheet.<key>`, `column.<sheet>.<column>` and `list.<list>.<choice>`.
"""

from __future__ import annotations

from types import ModuleType

from . import cli, common, console, feedback, findings, report, rollup, template, web, workbook

MODULES: tuple[ModuleType, ...] = (common, console, cli, findings, template, workbook, feedback, report, rollup, web)


def merged(modules: tuple[ModuleType, ...]) -> dict[str, tuple[str, str]]:
    """The modules' texts in one dict; a key defined by two modules is an error."""
    catalogue: dict[str, tuple[str, str]] = {}
    for module in modules:
        for key, pair in module.TEXTS.items():
            if key in catalogue:
                raise ValueError(f"text key {key!r} defined twice (unionxl.texts.{module.__name__.rpartition('.')[2]})")
            catalogue[key] = pair
    return catalogue


CATALOGUE: dict[str, tuple[str, str]] = merged(MODULES)
