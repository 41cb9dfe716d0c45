"""Command line: each command parses options, calls one library function, prints, exits.

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

LANG = click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
                    help="Ngôn ngữ / language of workbooks and messages.")


class UsageProblem(click.UsageError):
    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unionxl")
@click.option("--debug", is_flag=True, help="Hiện chi tiết lỗi kỹ thuật (traceback) / show tracebacks.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """unionxl: thu thập, kiểm tra và tổng hợp biểu mẫu Excel của công đoàn cơ sở.

    Collect, check and consolidate the Excel workbooks of a grassroots trade union.
    """
    ctx.obj = {"debug": debug}


# ---------------------------------------------------------------- templates


@main.group()
def template() -> None:
    """Tạo biểu mẫu trống / write blank workbooks."""


@template.command("blank")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@LANG
def template_blank(out_dir: Path, lang: str) -> None:
    """Ghi biểu mẫu tổ và biểu mẫu đơn vị trống vào OUT_DIR / blank group and unit workbooks."""
    from .template import write_blank_templates

    for path in write_blank_templates(out_dir, lang=lang):
        click.echo(str(path))


@template.command("unit")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--year", type=int, help="Năm báo cáo / report year.")
@click.option("--unit-name", default="", help="Tên công đoàn cơ sở / grassroots union name.")
@LANG
def template_unit(out: Path, year: int | None, unit_name: str, lang: str) -> None:
    """Ghi biểu mẫu đơn vị (danh sách tổ, định mức, chỉ tiêu) / write the unit workbook."""
    from .template import write_unit_workbook

    write_unit_workbook(out, year=year, unit_name=unit_name, lang=lang)
    click.echo(str(out))


@template.command("groups")
@click.argument("unit_workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục ghi biểu mẫu các tổ / folder for the group workbooks.")
@LANG
def template_groups(unit_workbook: Path, out_dir: Path, lang: str) -> None:
    """Từ biểu mẫu đơn vị đã điền, ghi một biểu mẫu cho mỗi tổ / one workbook per group."""
    from .template import write_group_workbooks

    try:
        paths = write_group_workbooks(unit_workbook, out_dir, lang=lang)
    except ValueError as exc:  # the unit workbook itself has problems
        raise UsageProblem(str(exc)) from exc
    for path in paths:
        click.echo(str(path))


def run() -> None:  # pragma: no cover - console entry for `python -m unionxl`
    main(prog_name="unionxl")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
