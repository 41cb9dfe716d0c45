"""The web desk (`unionxl serve`): every word on its pages. The `sector.*` keys are the sector union's
pages of the desk (the desk's templates name them so)."""

TEXTS: dict[str, tuple[str, str]] = {
    "web.app_name": ("Bàn làm việc của kế toán công đoàn", "Union treasurer's desk"),
    "web.logout": ("Đăng xuất", "Sign out"),
    "web.setup_title": ("Đặt mật khẩu kế toán", "Set the treasurer's password"),
    "web.setup_intro": ("Lần đầu dùng: đặt mật khẩu cho kế toán / BCH CĐCS (ít nhất {n} ký tự). Chỉ người có mật "
                        "khẩu này mới xem được bảng theo dõi và tổng hợp.",
                        "First use: set the treasurer's password (at least {n} characters). Only someone with it "
                        "can see the dashboard and consolidate."),
    "web.setup_local_only": ("Chỉ đặt được mật khẩu lần đầu trên chính máy chạy unionxl (mở http://127.0.0.1:8765), "
                             "hoặc bằng lệnh 'unionxl password'.",
                             "The first password can only be set on the machine running unionxl "
                             "(open http://127.0.0.1:8765) or with 'unionxl password'."),
    "web.setup_button": ("Lưu mật khẩu", "Save the password"),
    "web.password": ("Mật khẩu", "Password"),
    "web.password_again": ("Nhập lại mật khẩu", "Password again"),
    "web.password_short": ("Mật khẩu cần ít nhất {n} ký tự.", "The password needs at least {n} characters."),
    "web.password_mismatch": ("Hai lần nhập mật khẩu không giống nhau.", "The two passwords differ."),
    "web.login_title": ("Đăng nhập kế toán", "Treasurer sign-in"),
    "web.login_intro": ("Trang dành cho kế toán / BCH CĐCS. Tổ trưởng không cần đăng nhập: hãy mở đường link "
                        "riêng của tổ.", "For the treasurer. Group officers need no sign-in: open your group's "
                        "own link."),
    "web.login_button": ("Đăng nhập", "Sign in"),
    "web.login_wrong": ("Sai mật khẩu.", "Wrong password."),
    "web.login_blocked": ("Nhập sai quá nhiều lần. Chờ 15 phút rồi thử lại.",
                          "Too many wrong passwords. Wait 15 minutes and try again."),
    "web.login_forgot": ("Quên mật khẩu: trên máy chạy unionxl, chạy lệnh 'unionxl password' để đặt lại.",
                         "Forgot it? On the machine running unionxl, run 'unionxl password' to reset it."),
    "web.home_title": ("Các năm báo cáo", "Report years"),
    "web.years": ("Năm đã tạo", "Years"),
    "web.year_label": ("Năm {year}", "Year {year}"),
    "web.created": ("tạo lúc {at}", "created {at}"),
    "web.new_year": ("Tạo năm báo cáo mới", "Start a new year"),
    "web.new_year_intro": ("Tải lên biểu mẫu đơn vị đã điền (danh sách tổ, định mức, số dư năm trước). Mỗi tổ trong "
                           "danh sách sẽ có một đường link riêng để nộp biểu mẫu.",
                           "Upload the filled unit workbook (group list, rates, last year's balance). Each group "
                           "in the list gets its own upload link."),
    "web.new_year_hint": ("Chưa có biểu mẫu đơn vị? Tạo bằng lệnh: unionxl template unit don-vi.xlsx --year 2025",
                          "No unit workbook yet? Create one: unionxl template unit unit.xlsx --year 2025"),
    "web.unit_workbook": ("Biểu mẫu đơn vị (.xlsx)", "Unit workbook (.xlsx)"),
    "web.create_year": ("Tạo năm", "Create the year"),
    "web.year_no_file": ("Chưa chọn tệp biểu mẫu đơn vị.", "Choose the unit workbook first."),
    "web.year_bad_unit": ("Chưa tạo được năm từ tệp này:", "This file cannot start a year:"),
    # why a unit workbook cannot start a year (service.read_unit_workbook), after web.year_bad_unit
    "web.unit_no_groups": ("chưa có tổ công đoàn nào trong biểu mẫu đơn vị", "the unit workbook lists no groups"),
    "web.unit_no_year": ("biểu mẫu đơn vị chưa ghi năm báo cáo", "the unit workbook has no year"),
    "web.status_summary": ("Tình trạng các tổ", "Groups' status"),
    "web.status.ok": ("Đạt", "Accepted"),
    "web.status.warning": ("Chỉ cảnh báo", "Warnings only"),
    "web.status.error": ("Có lỗi", "Has errors"),
    "web.status.missing": ("Chưa nộp", "Not sent"),
    "web.status.pending": ("Đang kiểm tra", "Being checked"),
    "web.counts": ("{errors} lỗi, {warnings} cảnh báo", "{errors} errors, {warnings} warnings"),
    "web.consolidate": ("Tổng hợp", "Consolidate"),
    "web.consolidate_intro": ("{sent}/{total} tổ đã nộp. Tổng hợp dùng bản mới nhất của mỗi tổ và ghi đúng các kết "
                              "quả của lệnh 'unionxl merge': bản tổng hợp Excel, báo cáo Word, JSON và bản phản hồi "
                              "cho các tổ.",
                              "{sent}/{total} groups have sent. Consolidating uses each group's latest version and "
                              "writes exactly what 'unionxl merge' writes: the consolidated workbook, the Word "
                              "report, JSON and the feedback copies."),
    "web.with_previous": ("So sánh với bản tổng hợp năm trước", "Compare with last year's consolidated workbook"),
    "web.consolidate_button": ("Tổng hợp ngay", "Consolidate now"),
    "web.merge_busy": ("Đang tổng hợp…", "Consolidating…"),
    "web.merges": ("Các lần tổng hợp", "Consolidations"),
    "web.merge_state.queued": ("Đang chờ", "Queued"),
    "web.merge_state.running": ("Đang chạy", "Running"),
    "web.merge_state.done": ("Xong", "Done"),
    "web.merge_state.failed": ("Thất bại", "Failed"),
    "web.merge_state.interrupted": ("Bị ngắt (máy chủ dừng giữa chừng)", "Interrupted (server stopped)"),
    "web.merge_counts": ("{errors} lỗi, {warnings} cảnh báo", "{errors} errors, {warnings} warnings"),
    "web.groups": ("Các tổ công đoàn", "Union groups"),
    "web.groups_hint": ("Gửi cho mỗi tổ trưởng đường link của tổ (qua Zalo, e-mail). Ai có link đều nộp được cho tổ "
                        "đó: nếu lộ link, bấm 'Cấp link mới' (link cũ hết hiệu lực).",
                        "Send each group officer the group's link (Zalo, e-mail). Anyone with the link can upload "
                        "for that group: if it leaks, press 'New link' (the old one stops working)."),
    "web.col.group": ("Tổ", "Group"),
    "web.col.status": ("Tình trạng", "Status"),
    "web.col.last": ("Lần nộp cuối", "Last upload"),
    "web.col.versions": ("Số lần nộp", "Versions"),
    "web.col.link": ("Link nộp", "Upload link"),  # a group's, or on a sector desk a CĐCS's
    "web.col.actions": ("Việc khác", "Actions"),
    "web.col.severity": ("Mức", "Severity"),
    "web.col.place": ("Trang, ô", "Sheet, cell"),
    "web.col.value": ("Giá trị đọc được", "Value as read"),
    "web.col.message": ("Cần làm gì", "What to do"),
    "web.col.sheet": ("Trang", "Sheet"),
    "web.col.read": ("Đọc", "Read"),
    "web.col.accepted": ("Nhận", "Accepted"),
    "web.col.rejected": ("Loại", "Rejected"),
    "web.col.file": ("Tệp", "File"),
    "web.col.when": ("Lúc", "When"),
    "web.col.who": ("Ai", "Who"),
    "web.col.action": ("Việc", "Action"),
    "web.col.detail": ("Chi tiết", "Detail"),
    "web.link_of": ("Link nộp của {group}", "Upload link of {group}"),
    "web.copy": ("Chép", "Copy"),
    "web.link_revoked": ("Đã thu hồi link", "Link revoked"),
    "web.blank_workbook": ("Biểu mẫu trống", "Blank workbook"),
    "web.reissue": ("Cấp link mới", "New link"),
    "web.revoke": ("Thu hồi link", "Revoke link"),
    "web.unit_findings": ("Các phát hiện của cả đơn vị", "Findings across groups"),
    "web.unit_findings_hint": ("{n} phát hiện trong bản mới nhất của các tổ, lỗi trước. Các phát hiện giữa các tổ "
                               "(ví dụ một CCCD ở hai tổ) hiện sau khi tổng hợp.",
                               "{n} findings in the groups' latest versions, errors first. Findings across groups "
                               "(e.g. one citizen ID in two groups) appear after consolidating."),
    "web.no_findings_yet": ("Chưa có phát hiện nào.", "No findings yet."),
    "web.audit": ("Nhật ký (ai, lúc nào, tệp nào, kết quả)", "Audit log (who, when, which file, which result)"),
    "web.cell": ("ô", "cell"),
    "web.whole_file": ("cả tệp", "whole file"),
    "web.officer_title": ("Nộp biểu mẫu: {code} — {name}", "Send the workbook: {code} — {name}"),
    "web.checking": ("Đang kiểm tra tệp…", "Checking the file…"),
    "web.verdict_error": ("Chưa đạt: tệp có {n} lỗi", "Not accepted: the file has {n} errors"),
    "web.verdict_error_help": ("Sửa các ô nêu dưới đây (hoặc tải bản phản hồi: ô lỗi tô đỏ, có lời nhắn) rồi nộp "
                               "lại. Nộp lại bao nhiêu lần cũng được.",
                               "Fix the cells listed below (or download the feedback copy: error cells in red, with "
                               "a note) and upload again, as often as needed."),
    "web.verdict_warning": ("Đã nhận: không có lỗi, {n} cảnh báo", "Accepted: no errors, {n} warnings"),
    "web.verdict_warning_help": ("Tệp được nhận. Xem các cảnh báo dưới đây; nếu cần sửa thì sửa và nộp lại.",
                                 "The file is accepted. Read the warnings below; fix and upload again if needed."),
    "web.verdict_ok": ("Đã nhận: tệp đạt, không có lỗi", "Accepted: no errors"),
    "web.verdict_ok_help": ("Cảm ơn! Kế toán đã nhận được biểu mẫu của tổ.",
                            "Thank you! The treasurer has your group's workbook."),
    "web.file_received": ("Tệp '{name}' nhận lúc {at}", "File '{name}' received {at}"),
    "web.download_feedback": ("Tải bản phản hồi (ô cần sửa đã tô màu)", "Download the feedback copy (cells to fix are "
                                                                        "coloured)"),
    "web.upload_title": ("Nộp biểu mẫu của tổ", "Upload your group's workbook"),
    "web.choose_file": ("Chưa chọn tệp.", "No file chosen."),
    "web.drop_here": ("Kéo thả tệp Excel vào đây, hoặc", "Drop the Excel file here, or"),
    "web.choose_workbook": ("chọn tệp:", "choose it:"),
    "web.upload_button": ("Nộp và kiểm tra", "Upload and check"),
    "web.upload_hint": ("Tệp .xlsx (Excel, LibreOffice, WPS), tối đa {mb} MB. Kết quả kiểm tra hiện ngay.",
                        "An .xlsx file (Excel, LibreOffice, WPS), at most {mb} MB. The check shows at once."),
    "web.officer_blank": ("Tải biểu mẫu trống của tổ (đã ghi sẵn mã tổ, năm)",
                          "Download the group's blank workbook (code and year filled in)"),
    "web.versions": ("Các lần đã nộp", "Your uploads"),
    "web.current": ("bản đang dùng", "current"),
    "web.version_of": ("Bản nộp lúc {at}", "Upload of {at}"),
    "web.download_upload": ("Tải tệp đã nộp", "Download the file sent"),
    "web.merge_title": ("Tổng hợp #{id}", "Consolidation #{id}"),
    "web.requested": ("yêu cầu lúc {at}", "requested {at}"),
    "web.progress": ("Đã đọc {done}/{total} tệp", "{done}/{total} files read"),
    "web.progress_hint": ("Có thể đóng trang này; việc tổng hợp vẫn chạy tiếp.",
                          "You may close this page; the consolidation goes on."),
    "web.refresh": ("Tải lại trang", "Reload"),
    "web.merge_done": ("Tổng hợp xong: {errors} lỗi, {warnings} cảnh báo",
                       "Consolidated: {errors} errors, {warnings} warnings"),
    "web.fig.members": ("Đoàn viên", "Members"),
    "web.fig.male": ("Nam", "Male"),
    "web.fig.female": ("Nữ", "Female"),
    "web.fig.groups": ("Tổ đã tổng hợp", "Groups merged"),
    "web.outputs": ("Kết quả để tải về", "Outputs to download"),
    "web.merge_findings": ("Các phát hiện khi tổng hợp", "Findings of the consolidation"),
    "web.merge_failed_help": ("Bấm 'Tổng hợp ngay' ở trang năm để chạy lại. Các tệp đã nộp vẫn còn nguyên.",
                              "Press 'Consolidate now' on the year's page to run it again. Every upload is kept."),
    "web.merge_inputs": ("Các tệp đã dùng ({n})", "Files used ({n})"),
    "web.forbidden_title": ("Không được phép", "Not allowed"),
    "web.forbidden": ("Yêu cầu bị từ chối (phiên làm việc hết hạn hoặc biểu mẫu cũ). Tải lại trang rồi thử lại.",
                      "The request was refused (session expired or an old form). Reload the page and try again."),
    "web.not_found_title": ("Không tìm thấy", "Not found"),
    "web.not_found": ("Không có trang này. Nếu đây là link nộp của tổ, có thể link đã được thay: hỏi kế toán "
                      "link mới.", "No such page. If this was a group's upload link, it may have been replaced: "
                      "ask the treasurer for the new one."),
    "web.too_large_title": ("Tệp quá lớn", "File too large"),
    "web.request_too_large": ("Tệp hoặc yêu cầu quá lớn", "request too large"),  # plain text, shown as "vi / en"
    "web.too_large": ("Tệp quá lớn. Xóa các trang, dòng thừa, lưu lại dạng .xlsx rồi nộp lại.",
                      "The file is too large. Delete unused sheets and rows, save as .xlsx and upload again."),
    "web.bad_form_title": ("Không nhận được", "Not received"),
    "web.bad_form": ("Không nhận được nội dung gửi lên: đường truyền bị ngắt giữa chừng, tên tệp quá dài, hoặc "
                     "gửi nhiều tệp một lúc. Chưa có gì được lưu. Đặt lại tên tệp ngắn (ví dụ T01.xlsx), chọn "
                     "một tệp rồi gửi lại.",
                     "What was sent could not be received: the connection broke off, the file name is too long, "
                     "or several files were sent at once. Nothing was kept. Give the file a short name (such as "
                     "T01.xlsx), choose one file and send it again."),
    "web.cut_off": ("Một yêu cầu từ {client} bị ngắt giữa chừng (mất mạng?): không lưu gì, người gửi cần gửi lại",
                    "a request from {client} was cut off midway (lost connection?): nothing kept, the sender "
                    "needs to send it again"),
    "web.error_title": ("Có lỗi", "Error"),
    "web.error": ("Có lỗi khi xử lý yêu cầu. Thử lại sau.", "The request could not be handled. Try again later."),
    "web.send": ("Gửi lên", "Upload"),
    "web.unit_card": ("Biểu mẫu đơn vị, năm trước, năm sau", "Unit workbook, last year, next year"),
    "web.unit_download": ("Tải biểu mẫu đơn vị đang dùng", "Download the unit workbook in use"),
    "web.unit_replace": ("Thay bằng biểu mẫu đơn vị đã sửa (cùng năm):", "Replace with a corrected unit workbook "
                         "(same year):"),
    "web.unit_replace_hint": ("Ví dụ khi đã nhập kết quả các chỉ tiêu, hoặc thêm tổ. Tổ mới được cấp link; bản nộp "
                              "của các tổ vẫn giữ nguyên.", "E.g. once the targets' results are entered, or a group "
                              "is added. New groups get a link; every upload is kept."),
    "web.unit_other_year": ("Biểu mẫu đơn vị này là của năm khác.", "This unit workbook is for another year."),
    "web.unit_other_year_detail": ("Tệp ghi năm {found}, năm đang làm là {expected}.",
                                   "The file says {found}; this is {expected}."),
    "web.previous_card": ("So sánh với năm trước", "Comparison with last year"),
    "web.previous_have": ("Đã có bản tổng hợp năm trước: khi tổng hợp, đánh dấu ô 'So sánh với bản tổng hợp năm "
                          "trước'.", "Last year's consolidated workbook is here: tick 'Compare with last year's "
                          "consolidated workbook' when consolidating."),
    "web.previous_none": ("Chưa có bản tổng hợp năm trước (tệp tong-hop-<năm>.xlsx mà unionxl đã ghi năm ngoái).",
                          "No consolidated workbook of last year yet (the tong-hop-<year>.xlsx unionxl wrote)."),
    "web.previous_upload": ("Bản tổng hợp năm trước:", "Last year's consolidated workbook:"),
    "web.previous_bad": ("Tệp này không phải bản tổng hợp của unionxl.", "This file is not a unionxl consolidated "
                         "workbook."),
    "web.next_year": ("Sang năm {year}", "On to {year}"),
    "web.next_year_hint": ("Tạo năm sau từ năm {year}: giữ danh sách tổ và định mức, lấy số dư cuối năm của quỹ "
                           "tương hỗ (lần tổng hợp gần nhất) làm số dư đầu năm, giữ bản tổng hợp năm {year} để so "
                           "sánh. Các tổ được cấp link mới.",
                           "Start next year from {year}: the same groups and rates, the mutual-aid fund's closing "
                           "balance (latest consolidation) as the opening balance, and {year}'s consolidated "
                           "workbook kept for the comparison. Groups get new links."),
    "web.next_year_button": ("Tạo năm {year}", "Create {year}"),
    "web.next_needs_merge": ("Cần tổng hợp năm này ít nhất một lần trước khi sang năm sau (để có số dư cuối năm).",
                             "Consolidate this year at least once first (for the closing balance)."),
    # --- the sector union, year after year
    "sector.new_title": ("Năm mới của công đoàn ngành", "New sector union year"),
    "sector.new_intro": ("Công đoàn ngành nhận bản tổng hợp (tong-hop-<năm>.xlsx) của từng CĐCS rồi tổng hợp cấp ngành. "
                         "Mỗi CĐCS một dòng; mỗi CĐCS sẽ có link nộp riêng.",
                         "A sector union receives each grassroots union's consolidated workbook (tong-hop-<year>.xlsx) and rolls them "
                         "up. One grassroots union per line; each gets its own upload link."),
    "sector.name": ("Tên công đoàn ngành", "Sector union's name"),
    "sector.year": ("Năm báo cáo", "Report year"),
    "sector.units": ("Các CĐCS (mỗi dòng một CĐCS)", "Its grassroots unions (one per line)"),
    "sector.create": ("Tạo năm cấp ngành", "Create the sector year"),
    "sector.bad_year": ("Năm báo cáo phải là một số như 2024.", "The report year must be a number such as 2024."),
    "sector.no_name": ("Hãy ghi tên công đoàn ngành.", "Enter the sector union's name."),
    "sector.no_units": ("Hãy ghi ít nhất một CĐCS, mỗi dòng một CĐCS.", "List at least one grassroots union, one per line."),
    "sector.too_many_units": ("Danh sách quá dài (tối đa 500 CĐCS).", "The list is too long (500 grassroots unions at most)."),
    "sector.dashboard_intro": ("Mỗi CĐCS nộp bản tổng hợp của mình qua link riêng; bản nộp được kiểm tra ngay như khi "
                               "tổng hợp cấp ngành.",
                               "Each grassroots union sends its consolidated workbook through its own link; each one is checked at "
                               "once as the sector roll-up will read it."),
    "sector.status.ok": ("Đã gửi, đạt", "Sent, accepted"),
    "sector.status.unresolved": ("Còn lỗi chưa xử lý", "Unresolved errors"),
    "sector.status.error": ("Tệp không dùng được", "Unusable file"),
    "sector.status.missing": ("Chưa gửi", "Not sent"),
    "sector.status.pending": ("Đang kiểm tra", "Being checked"),
    "sector.unresolved_n": ("{n} lỗi CĐCS chưa sửa", "{n} errors the grassroots union left"),
    "sector.rollup": ("Tổng hợp cấp ngành", "Sector roll-up"),
    "sector.rollup_intro": ("Đã có {sent}/{total} CĐCS gửi. Tổng hợp dùng bản mới nhất của mỗi CĐCS (như lệnh "
                            "unionxl rollup) và ghi bản tổng hợp của ngành cùng báo cáo Word.",
                            "{sent}/{total} grassroots unions have sent. The roll-up uses each grassroots union's latest workbook (as unionxl "
                            "rollup does) and writes the sector's consolidated workbook and Word report."),
    "sector.rollup_button": ("Tổng hợp cấp ngành", "Roll up the sector"),
    "sector.last_rollup": ("Lần tổng hợp gần nhất ({at})", "Latest roll-up ({at})"),
    "sector.across": ("Đoàn viên có tên ở hai CĐCS", "Members listed by two grassroots unions"),
    "sector.across_after_rollup": ("Hiện sau lần tổng hợp cấp ngành đầu tiên.", "Shown after the first roll-up."),
    "sector.across_none": ("Lần tổng hợp gần nhất không thấy CCCD nào ở hai CĐCS.",
                           "The latest roll-up found no CCCD in two grassroots unions."),
    "sector.across_hint": ("{n} đoàn viên được hai CĐCS cùng tính: báo cho CĐCS còn giữ tên để xóa, rồi nhận lại bản "
                           "tổng hợp của họ.",
                           "{n} members counted by two grassroots unions: ask the grassroots union that still lists them to remove them and "
                           "send its workbook again."),
    "sector.units_title": ("Các CĐCS", "The grassroots unions"),
    "sector.units_hint": ("Gửi cho mỗi CĐCS link của họ. Trên bàn làm việc của CĐCS, dán link vào mục 'Gửi lên công "
                          "đoàn ngành' để gửi bằng một nút bấm.",
                          "Send each grassroots union its link. On its own desk, the grassroots union pastes it under 'Send to the sector "
                          "union' and sends with one click."),
    "sector.col.unit": ("CĐCS", "Grassroots union"),
    "sector.officer_hint": ("Nộp bản tổng hợp năm {year} của CĐCS (tệp tong-hop-{year}.xlsx do unionxl ghi), không "
                            "phải biểu mẫu tổ hay biểu mẫu đơn vị.",
                            "Send the grassroots union's consolidated workbook for {year} (tong-hop-{year}.xlsx written by unionxl), "
                            "not a group's or the unit workbook."),
    "sector.send_title": ("Gửi lên công đoàn ngành", "Send to the sector union"),
    "sector.send_intro": ("Công đoàn ngành cho CĐCS một link nộp. Dán link đó vào đây một lần; sau mỗi lần tổng hợp, "
                          "một nút bấm gửi bản tổng hợp mới nhất lên ngành và cho biết ngành kiểm tra thấy gì.",
                          "The sector union gives each grassroots union an upload link. Paste it here once; after each "
                          "consolidation one click sends the latest consolidated workbook and shows the sector's check."),
    "sector.link": ("Link nộp của công đoàn ngành", "The sector union's upload link"),
    "sector.save_link": ("Lưu link", "Save link"),
    "sector.bad_link": ("Link không đúng dạng link nộp của unionxl (https://…/nop/…).",
                        "This is not a unionxl upload link (https://…/nop/…)."),
    "sector.send_button": ("Gửi bản tổng hợp {year} lên ngành", "Send the {year} consolidated workbook"),
    "sector.send_needs": ("Hãy tổng hợp trước khi gửi.", "Consolidate before sending."),
    "sector.send_failed": ("Chưa gửi được", "Not sent"),
    "sector.sent.ok": ("Ngành đã nhận: đạt", "Received: accepted"),
    "sector.sent.warning": ("Ngành đã nhận: có cảnh báo", "Received: warnings"),
    "sector.sent.error": ("Ngành đã nhận: còn lỗi", "Received: errors"),
    "sector.next_title": ("Năm sau", "Next year"),
    "sector.next_intro": ("Bắt đầu năm {year} từ năm này: giữ danh sách tổ, định mức và thông tin đơn vị; số dư cuối "
                          "năm của quỹ tương hỗ thành số dư đầu năm; bản tổng hợp mới nhất được giữ để so sánh với năm "
                          "trước. Năm này vẫn xem được như cũ.",
                          "Start {year} from this year: the same groups, rates and unit details; the mutual-aid "
                          "fund's closing balance becomes the opening balance; the latest consolidated workbook is "
                          "kept for the comparison with last year. This year stays readable as it is."),
    "sector.next_intro_sector": ("Bắt đầu năm {year} với cùng danh sách CĐCS (link mới); bản tổng hợp cấp ngành mới "
                                 "nhất được giữ để so sánh với năm trước.",
                                 "Start {year} with the same grassroots unions (new links); the latest sector roll-up is kept for "
                                 "the comparison with last year."),
    "sector.next_button": ("Bắt đầu năm {year}", "Start {year}"),
    "sector.next_exists": ("Năm {year} đã được bắt đầu từ năm này →", "{year} was started from this year →"),
    "sector.next_needs_merge": ("Hãy tổng hợp năm này ít nhất một lần trước: số dư cuối năm và bản tổng hợp lấy từ "
                                "lần tổng hợp mới nhất.",
                                "Consolidate this year at least once first: the closing balance and the consolidated "
                                "workbook come from the latest merge."),
    "sector.started_from": ("Bắt đầu từ", "Started from"),
    "sector.unit_download": ("Tải biểu mẫu đơn vị của năm này", "Download this year's unit workbook"),
    "sector.retry": ("Tổng hợp lại", "Run it again"),
    "sector.more": ("… và {n} lỗi khác (xem trang của CĐCS)", "… and {n} more errors (see the grassroots union's page)"),
    "sector.retry_hint": ("với đúng các bản đã dùng lần này", "on exactly the same file versions"),
}
