"""The command line (cli.py): option help and messages, and the library's usage errors it shows. They
are printed in both languages at once ("vi / en", i18n.both): click prints help before any --lang is
read, and a usage error may come before a language is known."""

TEXTS: dict[str, tuple[str, str]] = {
    "cli.help.lang": ("Ngôn ngữ", "language of workbooks and messages."),
    "cli.help.debug": ("Hiện chi tiết lỗi kỹ thuật (traceback)", "show tracebacks."),
    "cli.help.year": ("Năm báo cáo", "report year."),
    "cli.help.unit_name": ("Tên công đoàn cơ sở", "grassroots union name."),
    "cli.help.previous_draft": (
        "Bản tổng hợp năm trước: chép nội dung báo cáo, danh sách tổ, số dư làm bản nháp",
        "last year's consolidated workbook: its texts, groups and balance become the draft."),
    "cli.help.groups_out": ("Thư mục ghi biểu mẫu các tổ", "folder for the group workbooks."),
    "cli.help.markdown": ("Xuất bảng Markdown cho docs/findings.md", "Markdown table."),
    "cli.help.unit": ("Biểu mẫu đơn vị, nếu không nằm trong thư mục", "the unit workbook, if not in FOLDER."),
    "cli.help.json": (
        "Ghi mọi phát hiện và số liệu ra JSON ('-' = stdout)",
        "all findings and figures as JSON."),
    "cli.help.all": ("Hiện tất cả phát hiện", "show every finding."),
    "cli.help.previous": (
        "Bản tổng hợp năm trước (tong-hop-<năm>.xlsx): so sánh số liệu, đoàn viên có tên / không còn tên, số "
        "dư quỹ tương hỗ",
        "last year's consolidated workbook to compare with."),
    "cli.help.out": ("Thư mục ghi kết quả", "output folder."),
    "cli.help.sector_name": (
        "Tên công đoàn ngành (mặc định: công đoàn cấp trên mà các CĐCS ghi)",
        "the sector union's name."),
    "cli.help.superior_name": ("Công đoàn cấp trên của ngành", "the sector's superior union."),
    "cli.help.data": ("Thư mục dữ liệu của bàn làm việc", "the desk's data folder."),
    "cli.help.host": (
        "Địa chỉ nghe; 0.0.0.0 để máy khác trong mạng cơ quan vào được",
        "0.0.0.0 for the office network."),
    "cli.help.port": ("Cổng", "port."),
    "cli.help.no_browser": ("Không tự mở trình duyệt", "do not open a browser."),
    "cli.help.upload_limit_mb": (
        "Tệp lớn nhất nhận được, MB (mặc định: giới hạn của bộ đọc)",
        "largest upload in MB (default: the reader's limit)."),
    "cli.help.session_hours": (
        "Thời gian một lần đăng nhập của kế toán còn hiệu lực, giờ",
        "how long a treasurer's sign-in lasts, hours."),
    "cli.help.forwarded_allow_ips": (
        "IP của reverse proxy được tin (X-Forwarded-For/-Proto)",
        "the reverse proxy's IPs to trust."),
    "cli.help.public_url": (
        "Địa chỉ các tổ dùng để vào, ghi trong link nộp (ví dụ http://192.168.1.10:8765)",
        "the address officers use, written into their links."),
    "cli.prompt.password": ("Mật khẩu mới", "new password"),
    "cli.confirmation_prompt.password": ("Nhập lại", "again"),
    "cli.help.password": ("Mật khẩu mới (nên để lệnh tự hỏi)", "new password."),
    "cli.help.backup_out": ("Tệp sao lưu (.zip)", "the archive to write."),
    "cli.internal_error": ("Lỗi nội bộ của unionxl", "internal error"),
    "cli.internal_error_hint": ("Chạy lại với --debug và gửi kết quả cho người hỗ trợ",
                                "run again with --debug and report it."),
    "cli.password_set": ("Đã đặt mật khẩu", "password set"),
    "cli.backed_up": ("Đã sao lưu", "backed up"),
    "cli.restored": ("Đã khôi phục", "restored"),
    "cli.files": ("tệp", "files"),
    "cli.uploads": ("lần nộp", "uploads"),
    "cli.merges": ("lần tổng hợp", "merges"),
    "cli.serve_data": ("dữ liệu", "data"),
    "cli.serve_no_password": ("Chưa có mật khẩu kế toán: mở trang trên ngay máy này để đặt, hoặc chạy 'unionxl "
                              "password'.", "No treasurer password yet: open the page on this machine, or run "
                              "'unionxl password'."),
    # --- usage errors of the library (MergeUsageError, the desk's set_password), which the command line shows as
    # they are
    "usage.no_folder": ("Không có thư mục '{folder}'", "folder not found"),
    "usage.not_folder": ("'{folder}' không phải thư mục", "is not a folder"),
    "usage.no_unit": ("Không có tệp đơn vị '{path}'", "unit workbook not found"),
    "usage.not_unit": ("không phải biểu mẫu đơn vị unionxl", "not a unionxl unit workbook"),
    "usage.no_file": ("Không có tệp '{path}'", "file not found"),
    "usage.not_consolidated": ("không phải bản tổng hợp unionxl", "not a unionxl consolidated workbook"),
    "usage.previous_not_before": ("là bản tổng hợp năm {previous_year}, không phải năm trước {year}",
                                  "is the {previous_year} workbook, not one from before {year}"),
    "usage.password_short": ("Mật khẩu cần ít nhất {n} ký tự", "at least {n} characters"),
    # --- backup and restore (web/backup.py's BackupError), shown by `unionxl backup` / `unionxl restore`; the
    # file a refusal names follows the two languages (": name")
    "usage.backup.not_data_folder": ("'{folder}' không phải thư mục dữ liệu của unionxl (không có {database})",
                                     "not a unionxl data folder (no {database})"),
    "usage.backup.cannot_carry": ("tên tệp không sao lưu được", "a file the backup cannot carry"),
    "usage.backup.not_empty": ("'{folder}' đã có dữ liệu: hãy khôi phục vào một thư mục mới hoặc trống",
                               "'{folder}' is not empty: restore into a new or empty folder"),
    "usage.backup.not_backup": ("'{path}' không phải tệp sao lưu của unionxl", "not a unionxl backup"),
    "usage.backup.lacks": ("tệp sao lưu thiếu", "the backup lacks"),
    "usage.backup.named_twice": ("tệp sao lưu có tên trùng", "the backup names a file twice"),
    "usage.backup.newer": ("tệp sao lưu từ bản unionxl mới hơn (phiên bản dữ liệu {version})",
                           "the backup comes from a newer unionxl (state version {version})"),
    "usage.backup.no_manifest": ("tệp sao lưu không có manifest.json", "the backup has no manifest.json"),
    "usage.backup.manifest_too_large": ("manifest.json quá lớn", "manifest.json is too large"),
    "usage.backup.manifest_damaged": ("manifest.json hỏng", "manifest.json is damaged"),
    "usage.backup.not_manifest": ("manifest.json không đúng định dạng sao lưu của unionxl",
                                  "not a unionxl backup manifest"),
    "usage.backup.manifest_entry": ("manifest.json có mục không hợp lệ", "invalid manifest entry"),
    "usage.backup.forbidden_path": ("tệp sao lưu chứa đường dẫn không hợp lệ", "the backup holds a forbidden path"),
    "usage.backup.link": ("tệp sao lưu chứa liên kết hoặc tệp đặc biệt", "the backup holds a link"),
    "usage.backup.size_differs": ("kích thước không khớp manifest", "size differs from the manifest"),
    "usage.backup.sha256_differs": ("tệp hỏng (sha256 không khớp)", "damaged file (sha256 differs)"),
    "usage.backup.misnamed": ("tệp lưu không đúng tên theo sha256", "a stored file is not named by its sha256"),
    "usage.backup.not_state": ("cơ sở dữ liệu trong tệp sao lưu không phải của unionxl",
                               "the backup's database is not a unionxl state"),
    "usage.backup.state_damaged": ("cơ sở dữ liệu trong tệp sao lưu hỏng", "the backup's database is damaged"),
}
