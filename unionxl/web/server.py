"""Starting the desk: uvicorn on one port, the browser opened on it, the password set from the CLI."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

from ..i18n import both
from . import security
from .files import DataFolder
from .storage import Store


# How long an idle connection is kept open. uvicorn's default (5 s) lost an upload in the
# benchmark's 300-officer rush: the form's connection, idle 4,7 s while the others fetched
# theirs, was closed by the server just as the upload went out on it (connection reset, nothing
# received). A browser's officer also takes more than 5 s to pick a file. Longer than that, and
# than the clients' own idle timeouts where possible, so that the client is the one to close.
KEEP_ALIVE_SECONDS = 120


def serve(data: Path, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = True,
          forwarded_allow_ips: str | None = None, **settings) -> None:
    """`settings` are the desk's own (upload_limit, session_seconds: see app.Settings)."""
    import uvicorn

    from . import service
    from .app import create_app

    if "upload_limit" in settings:  # never above what the reader itself accepts
        settings["upload_limit"] = min(settings["upload_limit"], service.upload_limit())

    app = create_app(data, **settings)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    url = f"http://{shown}:{port}/"
    store = Store(DataFolder(data).database)
    print(f"unionxl: {url}  ({both('cli.serve_data')}: {Path(data).resolve()})", flush=True)
    if not store.setting("password_hash"):
        print(both("cli.serve_no_password"), flush=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    # No access log: the officers' links carry their token in the path.
    # Behind a reverse proxy, uvicorn takes the client's address and scheme (https) from
    # X-Forwarded-For/-Proto only when the proxy's own address is listed (default: 127.0.0.1).
    proxy = {"proxy_headers": True, "forwarded_allow_ips": forwarded_allow_ips} if forwarded_allow_ips else {}
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning", server_header=False,
                timeout_graceful_shutdown=5, timeout_keep_alive=KEEP_ALIVE_SECONDS, **proxy)


def set_password(data: Path, password: str) -> None:
    if len(password) < security.MIN_PASSWORD:
        raise ValueError(both("usage.password_short", n=security.MIN_PASSWORD))
    store = Store(DataFolder(data).database)
    store.set_password_hash(security.hash_password(password), client="cli")
