"""Starting the desk: uvicorn on one port, the browser opened on it, the password set from the CLI."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

from . import security
from .files import DataFolder
from .storage import Store


def serve(data: Path, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = True) -> None:
    import uvicorn

    from .app import create_app

    app = create_app(data)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    url = f"http://{shown}:{port}/"
    store = Store(DataFolder(data).database)
    print(f"unionxl: {url}  (dữ liệu / data: {Path(data).resolve()})", flush=True)
    if not store.setting("password_hash"):
        print("Chưa có mật khẩu kế toán: mở trang trên ngay máy này để đặt, hoặc chạy 'unionxl password'. / "
              "No treasurer password yet: open the page on this machine, or run 'unionxl password'.", flush=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    # No access log: the officers' links carry their token in the path.
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning", server_header=False,
                timeout_graceful_shutdown=5)


def set_password(data: Path, password: str) -> None:
    if len(password) < security.MIN_PASSWORD:
        raise ValueError(f"Mật khẩu cần ít nhất {security.MIN_PASSWORD} ký tự / at least "
                         f"{security.MIN_PASSWORD} characters")
    store = Store(DataFolder(data).database)
    store.set_password_hash(security.hash_password(password), client="cli")
