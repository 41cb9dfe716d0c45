"""Command line: each command parses options, calls one library function, prints, exits.

The commands are a thin shell over `unionxl.run`, `unionxl.rollup` and `unionxl.writers`.
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage problem, 3 internal error
(a bug in unionxl: the message says so; --debug shows the traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .i18n import LANGS, both as _both


# Help is printed before any --lang is read, so it is in both languages ("vi / en").


def _counts(summary) -> str:
    """'3 tệp / files, 2 lần nộp / uploads, 1 lần tổng hợp / merges' of a backup or a restore."""
    return ", ".join(f"{n} {_both(key)}" for n, key in ((summary.files, "cli.files"),
                                                       (summary.uploads, "cli.uploads"),
                                                       (summary.merges, "cli.merges")))


LANG = click.option("--lang", type=click.Choice(LANGS), default="vi", show_default=True,
                    help=_both("cli.help.lang"))


class UsageProblem(click.UsageError):
    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unionxl")
@click.option("--debug", is_flag=True, help=_both("cli.help.debug"))
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """unionxl: thu thập, kiểm tra và tổng hợp biểu mẫu Excel của công đoàn cơ sở.

    Collect, check and consolidate the Excel workbooks of a grassroots trade union.

    \b
    Mã thoát / exit status:
      0  không có lỗi (có thể có cảnh báo) / no errors (warnings allowed)
      1  có lỗi trong biểu mẫu / errors found in the workbooks
      2  sai cách dùng lệnh / usage problem
      3  lỗi nội bộ của unionxl / internal error (a bug: run again with --debug and report it)
    """
    ctx.obj = {"debug": debug}
    _console_safe()


def _console_safe() -> None:
    """A Windows console in cp1252 (or any code page without Vietnamese) must not end a run with
    UnicodeEncodeError: letters it cannot show become '?' instead."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "Đoàn viên ơ ư ạ ế".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="replace")


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
@click.option("--year", type=int, help=_both("cli.help.year"))
@click.option("--unit-name", default="", help=_both("cli.help.unit_name"))
@click.option("--previous", "previous_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=_both("cli.help.previous_draft"))
@LANG
def template_unit(out: Path, year: int | None, unit_name: str, previous_path: Path | None, lang: str) -> None:
    """Ghi biểu mẫu đơn vị (danh sách tổ, định mức, chỉ tiêu, nội dung báo cáo) / write the unit workbook."""
    from .i18n import t
    from .merge import MergeUsageError
    from .template import unit_data_from_previous, write_unit_workbook

    data = None
    if previous_path is not None:
        try:
            data = unit_data_from_previous(previous_path, lang)
        except MergeUsageError as exc:
            raise click.UsageError(str(exc)) from exc
        info = data["unit_info"]
        year = year or info.get("year")
        unit_name = unit_name or info.get("unit_name") or ""
        info.update(year=year, unit_name=unit_name or None)
    write_unit_workbook(out, year=year, unit_name=unit_name, lang=lang, data=data)
    click.echo(str(out))
    if data is not None:
        click.echo(t("report.prefilled", lang, sections=len(data["report"].texts), groups=len(data["groups"]),
                     file=previous_path.name))


@template.command("groups")
@click.argument("unit_workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help=_both("cli.help.groups_out"))
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


@main.command()
@click.option("--markdown", is_flag=True, help=_both("cli.help.markdown"))
@LANG
def codes(markdown: bool, lang: str) -> None:
    """Liệt kê các mã phát hiện / list the finding codes."""
    from .findings import CATALOGUE, catalogue_markdown

    if markdown:
        click.echo(catalogue_markdown(), nl=False)
        return
    for code in CATALOGUE.values():
        click.echo(f"{code.code:<24} {code.severity.label(lang):<9} {code.template(lang)}")


# ------------------------------------------------------------ validate / merge

FOLDER = click.argument("folder", type=click.Path(path_type=Path))
UNIT = click.option("--unit", "unit_path", type=click.Path(path_type=Path),
                    help=_both("cli.help.unit"))
JSON_OUT = click.option("--json", "json_path", type=click.Path(allow_dash=True, path_type=Path),
                        help=_both("cli.help.json"))
SHOW_ALL = click.option("--all", "show_all", is_flag=True, help=_both("cli.help.all"))
PREVIOUS = click.option("--previous", "previous_path", type=click.Path(path_type=Path),
                        help=_both("cli.help.previous"))


def _run_merge(ctx: click.Context, folder: Path, unit_path: Path | None, lang: str, json_path: Path | None,
               show_all: bool, previous_path: Path | None = None, rollup: dict | None = None):
    """Merge FOLDER (or, given `rollup` options, roll up its consolidated workbooks) through the
    library's pipeline, print the report and write the JSON."""
    import unionxl

    from .console import render
    from .writers.json import write_json

    def work(progress=None):
        if rollup is not None:
            return unionxl.rollup(folder, previous=previous_path, progress=progress, lang=lang, **rollup)
        return unionxl.run(folder, unit=unit_path, previous=previous_path, progress=progress)

    quiet = json_path is not None and str(json_path) == "-"
    try:
        candidates = [p for p in folder.iterdir()] if folder.is_dir() else []
        if len(candidates) > 20 and not quiet and sys.stderr.isatty():  # a bar only where a person watches
            with click.progressbar(length=len(candidates), label=_t("console.reading", lang),
                                   file=sys.stderr) as bar:
                result = work(progress=lambda _p: bar.update(1))
        else:
            result = work()
        if json_path is not None:
            if quiet:
                write_json(result, _Echo(), lang)
            else:
                write_json(result, json_path, lang)
    except unionxl.UsageError as exc:
        raise UsageProblem(str(exc)) from exc
    except BrokenPipeError:  # `unionxl validate … --json - | head`: the reader left; not an error of ours
        _quiet_stdout()
        ctx.exit(result.exit_code)
    except Exception as exc:  # a bug of ours: say so plainly; --debug shows the traceback
        _internal_error(ctx, exc)
    if not quiet:
        click.echo(render(result, lang, show_all))
        if json_path is not None:
            click.echo(_t("console.json_written", lang, path=json_path))
    return result


INTERNAL_ERROR = 3


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit does not fail on the closed pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (e.g. a test runner's stream)
        pass


class _Echo:
    """stdout as a stream for the streamed JSON, through click (which CliRunner captures)."""

    def write(self, text: str) -> None:
        click.echo(text, nl=False)


def _internal_error(ctx: click.Context, exc: Exception) -> None:
    if ctx.obj and ctx.obj.get("debug"):
        raise exc
    click.echo(f"{_both('cli.internal_error')}: {type(exc).__name__}: {exc}. {_both('cli.internal_error_hint')}",
               err=True)
    ctx.exit(INTERNAL_ERROR)


def _t(key: str, lang: str, **params) -> str:
    from .i18n import t

    return t(key, lang, **params)


@main.command()
@FOLDER
@UNIT
@LANG
@JSON_OUT
@SHOW_ALL
@PREVIOUS
@click.pass_context
def validate(ctx: click.Context, folder: Path, unit_path: Path | None, lang: str, json_path: Path | None,
             show_all: bool, previous_path: Path | None) -> None:
    """Kiểm tra các biểu mẫu trong FOLDER, không ghi gì / check the workbooks in FOLDER, write nothing.

    Mã thoát / exit status: 0 không có lỗi (có thể có cảnh báo), 1 có lỗi, 2 sai cách dùng, 3 lỗi nội bộ.
    """
    result = _run_merge(ctx, folder, unit_path, lang, json_path, show_all, previous_path)
    ctx.exit(result.exit_code)


@main.command()
@FOLDER
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help=_both("cli.help.out"))
@UNIT
@LANG
@JSON_OUT
@SHOW_ALL
@PREVIOUS
@click.pass_context
def merge(ctx: click.Context, folder: Path, out_dir: Path, unit_path: Path | None, lang: str,
          json_path: Path | None, show_all: bool, previous_path: Path | None) -> None:
    """Kiểm tra và tổng hợp FOLDER vào OUT / check and consolidate FOLDER into OUT.

    Mã thoát / exit status: 0 không có lỗi, 1 có lỗi (vẫn ghi bản tổng hợp), 2 sai cách dùng, 3 lỗi nội bộ.
    """
    result = _run_merge(ctx, folder, unit_path, lang, json_path, show_all, previous_path)
    _write(ctx, result, out_dir, lang, json_path)


@main.command()
@FOLDER
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help=_both("cli.help.out"))
@click.option("--unit-name", default=None,
              help=_both("cli.help.sector_name"))
@click.option("--superior-name", default=None, help=_both("cli.help.superior_name"))
@LANG
@JSON_OUT
@SHOW_ALL
@PREVIOUS
@click.pass_context
def rollup(ctx: click.Context, folder: Path, out_dir: Path, unit_name: str | None, superior_name: str | None,
           lang: str, json_path: Path | None, show_all: bool, previous_path: Path | None) -> None:
    """Tổng hợp cấp ngành: các bản tổng hợp tong-hop-<năm>.xlsx của các CĐCS trong FOLDER vào OUT /
    roll up the CĐCS consolidated workbooks in FOLDER into OUT (sector union).

    Bản tổng hợp của ngành cũng là đầu vào hợp lệ cho cấp trên / the output rolls up again one level up.
    Mã thoát / exit status: 0 không có lỗi, 1 có lỗi (vẫn ghi bản tổng hợp), 2 sai cách dùng, 3 lỗi nội bộ.
    """
    result = _run_merge(ctx, folder, None, lang, json_path, show_all, previous_path,
                        rollup={"unit_name": unit_name, "superior_name": superior_name})
    _write(ctx, result, out_dir, lang, json_path)


# ------------------------------------------------------------------ web desk

DATA = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("unionxl-data"),
                    show_default=True, envvar="UNIONXL_DATA",
                    help=_both("cli.help.data"))


@main.command()
@DATA
@click.option("--host", default="127.0.0.1", show_default=True, envvar="UNIONXL_HOST",
              help=_both("cli.help.host"))
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), envvar="UNIONXL_PORT",
              help=_both("cli.help.port"))
@click.option("--no-browser", is_flag=True, envvar="UNIONXL_NO_BROWSER", help=_both("cli.help.no_browser"))
@click.option("--upload-limit-mb", type=click.IntRange(1, None), default=None, envvar="UNIONXL_UPLOAD_LIMIT_MB",
              help=_both("cli.help.upload_limit_mb"))
@click.option("--session-hours", type=click.FloatRange(0.1, 24 * 90), default=None, envvar="UNIONXL_SESSION_HOURS",
              help=_both("cli.help.session_hours"))
@click.option("--forwarded-allow-ips", default=None, envvar="UNIONXL_FORWARDED_ALLOW_IPS",
              help=_both("cli.help.forwarded_allow_ips"))
@click.option("--public-url", default=None, envvar="UNIONXL_PUBLIC_URL",
              help=_both("cli.help.public_url"))
def serve(data_dir: Path, host: str, port: int, no_browser: bool, upload_limit_mb: int | None,
          session_hours: float | None, forwarded_allow_ips: str | None, public_url: str | None) -> None:
    """Chạy bàn làm việc trên web: tổ nộp biểu mẫu qua link, kế toán theo dõi và tổng hợp /
    run the web desk: groups upload through their links, the treasurer follows up and consolidates.

    Mọi tùy chọn cũng đặt được bằng biến môi trường UNIONXL_* (xem docs/deploy.md) / every option can
    also be set by a UNIONXL_* environment variable (see docs/deploy.md)."""
    from .web.server import serve as run_server

    options: dict = {"public_url": public_url} if public_url else {}
    if upload_limit_mb is not None:
        options["upload_limit"] = upload_limit_mb * 1024 * 1024
    if session_hours is not None:
        options["session_seconds"] = int(session_hours * 3600)
    run_server(data_dir, host=host, port=port, open_browser=not no_browser,
               forwarded_allow_ips=forwarded_allow_ips, **options)


@main.command()
@DATA
@click.password_option("--password", prompt=_both("cli.prompt.password"),
                       confirmation_prompt=_both("cli.confirmation_prompt.password"), help=_both("cli.help.password"))
def password(data_dir: Path, password: str) -> None:
    """Đặt lại mật khẩu kế toán của bàn làm việc (đăng xuất mọi phiên) / reset the treasurer's password
    (ends every session)."""
    from .web.server import set_password

    try:
        set_password(data_dir, password)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from exc
    click.echo(f"{_both('cli.password_set')}: {data_dir}")


@main.command()
@DATA
@click.option("-o", "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=_both("cli.help.backup_out"))
def backup(data_dir: Path, out: Path) -> None:
    """Sao lưu toàn bộ bàn làm việc (cơ sở dữ liệu và mọi tệp đã nhận) vào một tệp .zip; chạy được cả khi
    bàn làm việc đang mở / back up the whole desk (database and every stored file) into one .zip archive,
    also while the desk runs."""
    from .web.backup import BackupError, backup as write_backup

    try:
        summary = write_backup(data_dir, out)
    except BackupError as exc:
        raise UsageProblem(str(exc)) from exc
    click.echo(f"{_both('cli.backed_up')}: {out} ({_counts(summary)})")


@main.command()
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DATA
def restore(archive: Path, data_dir: Path) -> None:
    """Khôi phục tệp sao lưu vào một thư mục dữ liệu mới hoặc trống (kiểm tra sha256 từng tệp) /
    restore a backup into a new or empty data folder (every file checked against its sha256)."""
    from .web.backup import BackupError, restore as read_backup

    try:
        summary = read_backup(archive, data_dir)
    except BackupError as exc:
        raise UsageProblem(str(exc)) from exc
    click.echo(f"{_both('cli.restored')}: {data_dir} ({_counts(summary)})")


def _write(ctx: click.Context, result, out_dir: Path, lang: str, json_path: Path | None) -> None:
    from .fileio import remove_stale_temps
    from .writers import write_outputs

    remove_stale_temps(out_dir)  # left by a run that was killed mid-write
    try:
        written = write_outputs(result, out_dir, lang=lang)
    except Exception as exc:  # a bug of ours (a full disk is an OSError and says so in the message)
        _internal_error(ctx, exc)
    for path in written:
        if not (json_path is not None and str(json_path) == "-"):
            click.echo(f"{_t('console.written', lang)}: {path}")
    for finding in result.report.findings:
        if finding.code == "feedback-skipped":  # found while writing, after the report was printed
            click.echo(f"[{finding.severity.label(lang)}] {finding.code} · {finding.file}: {finding.message(lang)}",
                       err=True)
    ctx.exit(result.exit_code)


def run() -> None:  # pragma: no cover - console entry for `python -m unionxl`
    main(prog_name="unionxl")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
