"""Words that finding messages take as parameters (a skipped file's reason, an unreadable file's detail).

The messages themselves are the `finding.<code>` keys below the pieces."""

TEXTS: dict[str, tuple[str, str]] = {
    "skip.lock_file": ("khóa tạm của Excel/LibreOffice (tệp đang mở)", "an Excel/LibreOffice lock file (file open)"),
    "skip.hidden": ("ẩn", "a hidden file"),
    "skip.csv": ("dạng CSV: CSV không giữ được các trang và định dạng của biểu mẫu, hãy gửi tệp .xlsx của biểu mẫu",
                 "a CSV export: it cannot hold the template's sheets; send the .xlsx workbook"),
    "skip.not_spreadsheet": ("không phải bảng tính Excel", "not a spreadsheet"),
    "type.date": ("một ngày (ngày/tháng/năm)", "a date (dd/mm/yyyy)"),
    "type.amount": ("một số tiền (chỉ gồm chữ số)", "an amount (digits only)"),
    "type.int": ("một số nguyên", "a whole number"),
    "unreadable.empty": ("tệp rỗng", "empty file"),
    "unreadable.broken_link": ("liên kết hỏng", "broken link"),
    "unreadable.not_regular": ("không phải tệp thường", "not a regular file"),
    "unreadable.broken_zip": ("zip hỏng", "broken zip"),
    "unsafe.size_lies": ("kích thước khai sai", "declared size lies"),
    "unsafe.prefix": ("dữ liệu lạ trước nội dung zip", "bytes before the zip"),
    "unsafe.directories": ("nhiều mục lục zip", "several zip directories"),
    "unsafe.duplicate_part": ("hai phần cùng tên", "two parts with one name"),
    "unsafe.mixed_formats": ("vừa là .xlsx vừa là .ods", "both .xlsx and .ods"),
    "unsafe.not_utf8": ("XML không mã hóa UTF-8", "XML not in UTF-8"),
    "unsafe.bad_string_index": ("chỉ số chuỗi sai ở một trang không có tên", "bad string index in an unnamed sheet"),
    "unsafe.bad_repeat": ("số lặp sai", "bad repeat count"),
    "unsafe.ole": ("cấu trúc tệp .xls lạ", "odd .xls structure"),
    "too_large.parts": ("{parts:num} phần", "{parts:num} parts"),
    "too_large.sheet": ("trang '{sheet}': {rows:num} × {cols:num} ô", "sheet '{sheet}': {rows:num} × {cols:num} cells"),
    "too_large.strings": ("hơn {limit:num} chuỗi", "over {limit:num} strings"),
    "upload.unit_workbook": ("biểu mẫu đơn vị", "the unit workbook"),
    "upload.other_workbook": ("một biểu mẫu khác", "another kind of workbook"),
    # --- the findings' messages (unionxl/findings.py CATALOGUE), over their raw params with i18n's format specs
    "finding.file-skipped": (
        "Bỏ qua tệp {reason:text}.",
        "Skipped: {reason:text}."),
    "finding.file-unreadable": (
        "Không đọc được tệp ({detail:text}). Mở tệp bằng Excel, lưu lại dạng .xlsx rồi gửi lại.",
        "The file cannot be read ({detail:text}). Open it in Excel, save it as .xlsx and send it again."),
    "finding.file-encrypted": (
        "Tệp có đặt mật khẩu mở. Gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi gửi lại.",
        "The file is password-protected. Remove the password and send it again."),
    "finding.file-xls-protected": (
        "Tệp .xls này có bảo vệ sổ làm việc, nên Excel lưu nó ở dạng mã hóa (dù mở không cần mật khẩu) và "
        "không đọc được. Mở tệp bằng Excel, chọn Lưu thành (Save As) > Sổ làm việc Excel (.xlsx) rồi gửi lại.",
        "This .xls has a protected workbook, which Excel saves encrypted (though it opens without a "
        "password), so it cannot be read. Open it in Excel, Save As > Excel Workbook (.xlsx) and send it again."),
    "finding.file-too-large": (
        "Tệp quá lớn để đọc an toàn ({detail:text}). Xóa các trang, dòng, cột thừa, lưu lại dạng .xlsx rồi gửi lại.",
        "The file is too large to read safely ({detail:text}). Delete unused sheets, rows and columns, "
        "save it as .xlsx and send it again."),
    "finding.file-unsafe": (
        "Tệp có cấu trúc bất thường, có thể gây hại ({detail:text}), nên không được đọc. "
        "Chép số liệu sang biểu mẫu gốc bằng Excel rồi gửi lại.",
        "The file has an abnormal, possibly harmful structure ({detail:text}) and was not read. "
        "Copy the data into the blank template in Excel and send it again."),
    "finding.file-crashed-reader": (
        "Bộ đọc bảng tính bị dừng đột ngột khi mở tệp này ({detail:text}): tệp có thể bị hỏng hoặc có cấu trúc lạ. "
        "Các tệp khác vẫn được tổng hợp. Mở tệp bằng Excel, chép số liệu sang biểu mẫu gốc, lưu dạng .xlsx "
        "rồi gửi lại.",
        "The spreadsheet reader stopped abruptly on this file ({detail:text}): it may be damaged or oddly built. "
        "The other files were merged. Open it in Excel, copy the data into the blank template, save it as "
        ".xlsx and send it again."),
    "finding.file-timeout": (
        "Đọc tệp này quá lâu nên đã dừng ({detail:text}). Các tệp khác vẫn được tổng hợp. Xóa các trang, dòng, cột "
        "thừa, lưu lại dạng .xlsx rồi gửi lại; nếu tệp vốn rất lớn, chạy lại khi máy rảnh.",
        "Reading this file took too long and was stopped ({detail:text}). The other files were merged. Delete "
        "unused sheets, rows and columns, save it as .xlsx and send it again; if the file is really that "
        "large, run again when the computer is idle."),
    "finding.file-memory": (
        "Đọc tệp này cần quá nhiều bộ nhớ nên đã dừng ({detail:text}). Các tệp khác vẫn được tổng hợp. Xóa các "
        "trang, dòng, cột thừa (nhất là ô ở rất xa bảng), lưu lại dạng .xlsx rồi gửi lại.",
        "Reading this file needed too much memory and was stopped ({detail:text}). The other files were merged. "
        "Delete unused sheets, rows and columns (especially cells far from the table), save it as .xlsx "
        "and send it again."),
    "finding.file-xlsb": (
        "Tệp dạng .xlsb (sổ làm việc nhị phân) không đọc được an toàn. Mở tệp bằng Excel, chọn Lưu thành "
        "(Save As) > Sổ làm việc Excel (.xlsx) rồi gửi lại.",
        "A binary .xlsb workbook cannot be read safely. Open it in Excel, Save As > Excel Workbook (.xlsx) "
        "and send it again."),
    "finding.file-link-outside": (
        "Tệp là liên kết (shortcut) trỏ ra ngoài thư mục ({detail}) nên không được đọc. Chép chính tệp vào thư mục.",
        "The file is a link pointing outside the folder ({detail}) and was not followed. "
        "Copy the file itself into the folder."),
    "finding.file-not-unionxl": (
        "Tệp không phải biểu mẫu unionxl (không có trang '{sheet_expected:sheet}'). Nhập số liệu vào đúng biểu mẫu được phát.",
        "Not a unionxl workbook (no '{sheet_expected:sheet}' sheet). Enter the data in the workbook you were given."),
    "finding.file-not-group": (
        "Tệp này là {detail:text}, không phải biểu mẫu của một tổ công đoàn. Gửi biểu mẫu của tổ (có trang "
        "'{sheet_expected:sheet}').",
        "This file is {detail:text}, not a union group's workbook. Send the group's workbook (with a "
        "'{sheet_expected:sheet}' sheet)."),
    "finding.file-version": (
        "Biểu mẫu phiên bản {value}, phần mềm cần phiên bản {expected}. Chép số liệu sang biểu mẫu mới.",
        "Template version {value}; this tool needs {expected}. Copy the data into the new template."),
    "finding.file-year": (
        "Năm báo cáo {value} khác năm {expected} của đơn vị. Kiểm tra lại tệp có đúng năm không.",
        "Report year {value} differs from the unit's year {expected}. Check this is the right year's file."),
    "finding.group-duplicate-file": (
        "Tổ {group} có hai tệp: tệp này và '{other}'. Đã dùng '{other}'; xóa tệp thừa rồi chạy lại.",
        "Group {group} sent two files: this one and '{other}'. '{other}' was used; remove the extra file."),
    "finding.group-code-reused": (
        "Tên tệp cho thấy đây là tệp của tổ {named}, nhưng ô Mã tổ ghi {value}, mã của tệp '{other}'. Có lẽ "
        "tổ {named} đã dùng lại tệp của tổ {value}. Tệp này chưa được tổng hợp. Đừng xóa tệp nào: đề nghị tổ "
        "{named} nhập số liệu vào biểu mẫu của tổ mình (hoặc sửa Mã tổ, Tên tổ cho đúng) rồi gửi lại.",
        "The file name says group {named}, but its group code cell says {value}, the code of '{other}'. "
        "Group {named} probably reused group {value}'s workbook. This file was not merged. Delete neither "
        "file: ask group {named} to enter its data in its own workbook (or correct the code and name) "
        "and send it again."),
    "finding.group-file-name": (
        "Tên tệp cho thấy đây là tệp của tổ {named}, nhưng ô Mã tổ ghi {value}; đã tổng hợp theo mã {value}. "
        "Hỏi lại tổ xem tệp có đúng của tổ {value} không; đừng xóa tệp nào trước khi rõ.",
        "The file name says group {named}, but its group code cell says {value}; it was merged as {value}. "
        "Ask the group whether the file really is group {value}'s; delete nothing until it is clear."),
    "finding.group-unknown": (
        "Mã tổ '{value}' không có trong danh sách tổ của đơn vị. Sửa mã tổ hoặc thêm tổ vào trang 'Tổ công đoàn'.",
        "Group code '{value}' is not in the unit's list of groups. Fix the code or add the group."),
    "finding.group-code-normalised": (
        "Mã tổ '{value}' được hiểu là {expected}, mã của tổ trong danh sách tổ của đơn vị. Sửa ô Mã tổ thành "
        "{expected}.",
        "Group code '{value}' was read as {expected}, the group's code in the unit's list of groups. Change the "
        "group code cell to {expected}."),
    "finding.group-listed-twice": (
        "Mã tổ '{value}' đã có ở ô {other} của danh sách tổ; dòng này không được dùng. Xóa dòng thừa, hoặc sửa "
        "mã nếu dòng này là một tổ khác.",
        "Group code '{value}' is already listed at {other}; this row is not used. Delete the extra row, or fix "
        "the code if this row is another group."),
    "finding.policy-rate-zero": (
        "'{column:column}' ghi 0đ: số tiền các tổ ghi theo định mức này không được đối chiếu, và báo cáo ghi "
        "mức 0đ. Nhập định mức đúng; chỉ để 0 nếu đơn vị thật sự không thu, chi khoản này.",
        "'{column:column}' is 0: the groups' amounts at this rate are not checked, and the report prints a rate "
        "of 0. Enter the right rate; leave 0 only if the unit really does not collect or pay this."),
    "finding.upload-unit-workbook": (
        "Đây là biểu mẫu đơn vị (của BCH CĐCS), không phải biểu mẫu của tổ. Tải lên biểu mẫu của tổ mình.",
        "This is the unit's workbook (the union executive's), not a group's workbook. Upload your group's "
        "workbook."),
    "finding.upload-other-group": (
        "Đây là biểu mẫu của tổ {value}, không phải của tổ {expected}. Tải lên đúng biểu mẫu của tổ {expected}.",
        "This is group {value}'s workbook, not group {expected}'s. Upload group {expected}'s own workbook."),
    "finding.group-missing": (
        "Chưa nhận được biểu mẫu dùng được của tổ {group} ({group_name}){refused:text}. Nhắc tổ gửi biểu mẫu, "
        "hoặc xóa tổ khỏi danh sách nếu tổ không còn.",
        "No usable workbook received from group {group} ({group_name}){refused:text}. Ask the group for it, "
        "or remove the group from the list."),
    "group_missing.refused": (": tệp '{file}' của tổ đã nhận nhưng bị loại, xem lỗi của tệp đó",
                              ": its file '{file}' was received but refused, see that file's findings"),
    "finding.unit-missing": (
        "Không tìm thấy biểu mẫu đơn vị (trang '{sheet_expected:sheet}') trong thư mục. Dùng lệnh 'unionxl template' để tạo.",
        "No unit workbook (with a '{sheet_expected:sheet}' sheet) in the folder. Create one with 'unionxl template'."),
    "finding.unit-duplicate": (
        "Có nhiều biểu mẫu đơn vị; đã dùng '{other}'. Chỉ để lại một tệp.",
        "Several unit workbooks; '{other}' was used. Keep only one."),
    "finding.report-text-missing": (
        "Mục {section} “{heading_vi}” chưa có nội dung: báo cáo Word in “[Ban Chấp hành viết nội dung mục này]” "
        "ở chỗ đó. Viết nội dung vào ô này rồi tổng hợp lại, hoặc viết thẳng vào tệp Word.",
        "Section {section} “{heading_en}” has no text: the Word report shows “[The executive committee writes this "
        "section]” there. Write the text in this cell and merge again, or write it in the Word file."),
    "finding.report-text-previous": (
        "Mục {section} “{heading_vi}” vẫn là nội dung năm trước (Tình trạng “Năm trước — cần cập nhật”). "
        "Sửa nội dung cho năm nay rồi chọn “Đã cập nhật” ở cột Tình trạng.",
        "Section {section} “{heading_en}” still holds last year's text (status “Last year's — to update”). "
        "Revise it for this year, then choose “Updated” in the Status column."),
    "finding.report-fact-missing": (
        "Chưa điền “{label_vi}” (mục {section}): báo cáo ghi “chưa có số liệu” ở chỗ đó. Gõ số vào ô này "
        "(0 nếu không có) rồi tổng hợp lại.",
        "“{label_en}” (section {section}) is blank: the report says there is no figure. Type it in this cell "
        "(0 if none) and merge again."),
    "finding.report-section-unknown": (
        "Dòng có số mục '{value}' không thuộc mục nào của báo cáo nên nội dung của nó không được đưa vào. "
        "Ghi đúng số mục như cột 'Mục' của biểu mẫu (ví dụ II.4).",
        "The row numbered '{value}' is no section of the report, so its text is left out. Use a section number "
        "as the 'Section' column of the template gives it (e.g. II.4)."),
    "finding.report-sheet-missing": (
        "Biểu mẫu đơn vị không có trang '{sheet_expected}' (mẫu cũ): các mục do Ban Chấp hành viết để trống "
        "trong báo cáo. Tạo biểu mẫu mới bằng 'unionxl template unit' rồi chép nội dung vào.",
        "The unit workbook has no '{sheet_expected}' sheet (an older template): the sections the executive "
        "writes stay blank in the report. Make a new one with 'unionxl template unit' and copy the text in."),
    "finding.sheet-duplicate": (
        "Trang '{value}' là bản sao của trang '{sheet_expected:sheet}' nên không được đọc; chỉ trang '{used}' được "
        "tổng hợp. Nếu số liệu đúng nằm ở bản sao, chép sang trang '{used}'; sau đó xóa bản sao.",
        "Sheet '{value}' is a copy of the '{sheet_expected:sheet}' sheet and was not read; only '{used}' was "
        "merged. If the right data is in the copy, move it to '{used}'; then delete the copy."),
    "finding.sheet-missing": (
        "Thiếu trang '{sheet_expected:sheet}'. Chép lại trang này từ biểu mẫu gốc.",
        "Sheet '{sheet_expected:sheet}' is missing. Copy it back from the blank template."),
    "finding.header-missing": (
        "Không tìm thấy dòng tiêu đề của trang (cần các cột: {columns:columns}). Khôi phục dòng tiêu đề theo mẫu.",
        "The header row was not found (expected columns: {columns:columns}). Restore it from the template."),
    "finding.column-missing": (
        "Thiếu cột bắt buộc '{column:column}'. Thêm lại cột này vào dòng tiêu đề.",
        "Required column '{column:column}' is missing. Add it back to the header row."),
    "finding.column-unknown": (
        "Cột '{value}' không có trong mẫu nên không được tổng hợp.",
        "Column '{value}' is not part of the template and was not merged."),
    "finding.columns-shifted": (
        "Các số tiền của trang này nằm lệch sang phải một cột so với tiêu đề (số của cột '{value}' nằm dưới "
        "'{expected}'); đã đọc theo đúng kỳ. Chuyển các số sang trái một cột cho khớp tiêu đề.",
        "The amounts on this sheet sit one column right of their headers ('{value}' amounts are under "
        "'{expected}'); they were read for the right periods. Move them one column left to match the headers."),
    "finding.table-beside": (
        "Có một bảng khác bên phải danh sách, bắt đầu ở ô này ('{value}'): không thuộc mẫu nên không được "
        "tổng hợp. Nếu là số liệu cần tổng hợp, chép vào đúng các cột của danh sách; nếu không, chuyển sang "
        "trang khác hoặc xóa.",
        "Another table sits right of the list, starting at this cell ('{value}'): it is not part of the template "
        "and was not merged. If it holds data to merge, copy it into the list's columns; otherwise move it "
        "to another sheet or delete it."),
    "finding.row-summary": (
        "Dòng '{value}' được coi là dòng cộng, không phải đoàn viên, nên không tổng hợp.",
        "Row '{value}' was taken for a totals line, not a record, and was not merged."),
    "finding.cell-required": (
        "Thiếu '{column:column}'. Nhập giá trị cho ô này.",
        "'{column:column}' is missing. Fill in this cell."),
    "finding.cell-bad-string": (
        "Ô này trỏ tới chuỗi số {value} không có trong tệp (tệp bị hỏng hoặc bị sửa bằng công cụ khác), "
        "nên không đọc được '{column:column}'. Gõ lại giá trị ô này trong Excel rồi gửi lại.",
        "This cell points to string number {value}, which the file does not hold (it is damaged or was "
        "edited by another tool), so '{column:column}' cannot be read. Type the value again in Excel and "
        "send it again."),
    "finding.cell-too-long": (
        "'{column:column}' dài {length:num} ký tự, quá mức {limit:num} ký tự của ô này; đã cắt bớt khi tổng "
        "hợp. Kiểm tra lại ô (có thể đã dán nhầm cả một văn bản) rồi gửi lại.",
        "'{column:column}' is {length:num} characters long, over this cell's limit of {limit:num}; it was cut "
        "in the outputs. Check the cell (a whole text may have been pasted in by mistake) and send it again."),
    "finding.cell-amount-too-large": (
        "'{column:column}' ghi '{value}': không số tiền hay số lượng nào của công đoàn lớn đến vậy (từ "
        "{limit:num} trở lên). Sửa lại số cho đúng.",
        "'{column:column}' holds '{value}': no amount or count of a union's year is that large ({limit:num} "
        "or more). Correct the number."),
    "finding.cell-type": (
        "'{column:column}' phải là {expected:text}, nhưng ô ghi '{value}'. Sửa lại cho đúng.",
        "'{column:column}' must be {expected:text}, but the cell holds '{value}'. Correct it."),
    "finding.cell-choice": (
        "'{value}' không có trong danh sách '{column:column}'. Chọn một trong: {list:choices}.",
        "'{value}' is not in the list for '{column:column}'. Choose one of: {list:choices}."),
    "finding.cell-choice-normalised": (
        "'{value}' được hiểu là '{expected:list.{list}}'. Chọn từ danh sách thả xuống để tránh nhầm.",
        "'{value}' was read as '{expected:list.{list}}'. Pick from the dropdown to avoid mistakes."),
    "finding.amount-as-text": (
        "Số tiền '{value}' được gõ dạng chữ, đã hiểu là {expected:vnd}. Gõ số không kèm dấu chấm hay 'đ'.",
        "Amount '{value}' was typed as text and read as {expected:vnd}. Type plain numbers."),
    "finding.date-as-text": (
        "Ngày '{value}' được gõ dạng chữ, đã hiểu là {expected:date}. Nhập ngày dạng ngày/tháng/năm.",
        "Date '{value}' was typed as text and read as {expected:date}. Enter a real date."),
    "finding.date-incomplete": (
        "Ngày '{value}' thiếu ngày hoặc tháng; đã tạm hiểu là {expected:date}. Nhập đủ ngày/tháng/năm, ví dụ "
        "05/03/1985.",
        "Date '{value}' lacks the day or month; read as {expected:date} for now. Enter the full date, e.g. "
        "05/03/1985 (day/month/year)."),
    "finding.date-us-swapped": (
        "Ngày {value:date} nhiều khả năng bị đảo ngày và tháng: máy tính đặt định dạng ngày kiểu Mỹ "
        "(tháng/ngày/năm) nên ngày gõ {expected:date} được lưu thành {value:date} (trong tệp, các ngày gõ trên 12 "
        "còn để dạng chữ). Đã hiểu là {expected:date}. Đặt định dạng vùng của máy là Tiếng Việt (Region: "
        "dd/MM/yyyy) rồi gõ lại ngày này.",
        "Date {value:date} was most likely stored with day and month swapped: the computer uses the US date "
        "format (month/day/year), so {expected:date} typed day-first was stored as {value:date} (dates with a "
        "day over 12 in this file stayed text). Read as {expected:date}. Set the computer's region format to "
        "Vietnamese (dd/MM/yyyy) and type this date again."),
    "finding.date-us-text": (
        "Ngày '{value}' bị lưu dạng chữ vì máy tính đặt định dạng ngày kiểu Mỹ (tháng/ngày/năm) và không có "
        "tháng lớn hơn 12; đã hiểu là {expected:date}. Đặt định dạng vùng của máy là Tiếng Việt (Region: "
        "dd/MM/yyyy) rồi gõ lại ngày này.",
        "Date '{value}' stayed text because the computer uses the US date format (month/day/year) and there "
        "is no month over 12; read as {expected:date}. Set the computer's region format to Vietnamese "
        "(dd/MM/yyyy) and type it again."),
    "finding.amount-mark": (
        "Ô ghi dấu '{value}' thay cho số tiền ({count:num} ô trong dòng); đã hiểu là đã đóng đủ {expected:vnd} "
        "mỗi kỳ. Gõ số tiền đã thu vào từng ô.",
        "The cell holds the mark '{value}' instead of an amount ({count:num} cells in the row); read as paid in "
        "full, {expected:vnd} a period. Type the amount collected in each cell."),
    "finding.amount-thousands": (
        "Số tiền '{value}' được gõ theo nghìn đồng ({count:num} ô trong trang); đã hiểu là {expected:vnd}. Gõ đủ "
        "số đồng, ví dụ 30000 chứ không phải 30.",
        "Amount '{value}' was typed in thousands ({count:num} cells on the sheet); read as {expected:vnd}. Type "
        "whole amounts in VND, e.g. 30000 rather than 30."),
    "finding.text-legacy-encoding": (
        "Chữ '{value}' được gõ bằng bảng mã cũ {encoding} (phông .VnTime/VNI-Times), không phải Unicode: chỉ máy "
        "có phông đó mới đọc được. Đã hiểu là '{expected}'. Chuyển sang Unicode (Unikey: Công cụ chuyển mã) "
        "hoặc gõ lại bằng Unicode.",
        "'{value}' was typed in the legacy {encoding} encoding (.VnTime/VNI-Times fonts), not Unicode: only "
        "computers with that font show it right. Read as '{expected}'. Convert it to Unicode (Unikey's "
        "converter) or retype it in Unicode."),
    "finding.cell-negative": (
        "'{column:column}' không được âm ({value:num}).",
        "'{column:column}' cannot be negative ({value:num})."),
    "finding.cell-formula-error": (
        "Ô có lỗi công thức {value}. Sửa công thức hoặc gõ giá trị.",
        "The cell holds a formula error {value}. Fix the formula or type the value."),
    "finding.cell-formula-no-value": (
        "Ô có công thức {value} nhưng tệp chưa lưu kết quả (tệp do phần mềm khác tạo) nên được coi là trống. "
        "Mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi lại.",
        "The cell holds formula {value} with no saved result (the file was written by a program) and was read "
        "as blank. Open the file in Excel or LibreOffice, save it and send it again."),
    "finding.cell-merged": (
        "Các ô {value} bị gộp (Merge) trong vùng số liệu nên chỉ ô đầu được đọc. Bỏ gộp ô và nhập từng ô.",
        "Cells {value} are merged inside the data, so only the first is read. Unmerge them and fill each cell."),
    "finding.cccd-length": (
        "Số CCCD '{value}' không đủ 12 chữ số. Kiểm tra lại trên thẻ căn cước.",
        "Citizen ID '{value}' is not 12 digits. Check it against the card."),
    "finding.cccd-lost-zero": (
        "Số CCCD '{value}' bị mất số 0 ở đầu vì ô dạng số; đã hiểu là {expected}. Định dạng ô là Văn bản (Text) rồi gõ lại.",
        "Citizen ID '{value}' lost its leading zero (numeric cell); read as {expected}. Format the cell as Text."),
    "finding.cccd-phone": (
        "Ô CCCD ghi '{value}', giống số điện thoại chứ không phải số căn cước (12 chữ số). Nhập số trên thẻ "
        "căn cước; số điện thoại ghi ở cột Ghi chú.",
        "The citizen ID cell holds '{value}', which looks like a phone number, not a 12-digit citizen ID. "
        "Enter the number on the ID card; put the phone number in the Note column."),
    "finding.cccd-gender-century": (
        "Chữ số thứ 4 của CCCD ({value}) không khớp giới tính {gender:list.gender} và năm sinh {birth_year}. Kiểm tra CCCD, giới tính và ngày sinh.",
        "The 4th digit of the citizen ID ({value}) disagrees with gender {gender:list.gender} and birth year {birth_year}."),
    "finding.cccd-birth-year": (
        "Chữ số 5–6 của CCCD ({value}) không khớp năm sinh {birth_year}. Kiểm tra CCCD và ngày sinh.",
        "Digits 5-6 of the citizen ID ({value}) disagree with birth year {birth_year}."),
    "finding.cccd-province": (
        "Mã tỉnh '{value}' (3 số đầu CCCD) không tồn tại. Kiểm tra lại số CCCD.",
        "Province code '{value}' (first 3 digits) does not exist. Check the citizen ID."),
    "finding.cccd-duplicate": (
        "CCCD {value} trùng với dòng {other} của tổ: một đoàn viên bị kê hai lần. Xóa dòng thừa hoặc sửa CCCD.",
        "Citizen ID {value} also appears at {other}: a member listed twice. Remove the extra row or fix it."),
    "finding.cccd-duplicate-groups": (
        "CCCD {value} cũng có ở tổ {other_group} ({other}): một đoàn viên được tính hai lần. Chỉ giữ ở một tổ.",
        "Citizen ID {value} is also in group {other_group} ({other}): counted twice. Keep it in one group."),
    "finding.member-unknown": (
        "'{value}' không có trong trang '{sheet_expected:sheet}' của tổ. Kiểm tra họ tên và CCCD.",
        "'{value}' is not on the group's '{sheet_expected:sheet}' sheet. Check the name and citizen ID."),
    "finding.member-linked-by-name": (
        "CCCD {value} ở ô này khác CCCD {expected} của cùng người {name} ({other}); các dòng đã được ghép theo "
        "họ tên (chỉ một đoàn viên mang tên này) nên vẫn được tính. Đối chiếu thẻ căn cước và sửa cho giống "
        "nhau ở mọi trang.",
        "Citizen ID {value} here differs from {expected}, the ID of the same person {name} ({other}); the rows "
        "were matched by the name (one member has it) and still count. Check the ID card and make the IDs "
        "agree on every sheet."),
    "finding.member-age-young": (
        "{name} sinh ngày {value:date}, mới {age} tuổi trong năm {year}: dưới tuổi lao động tối thiểu {minimum} "
        "(Bộ luật Lao động 2019, Điều 3). Kiểm tra ngày sinh, hoặc dòng này không phải đoàn viên.",
        "{name} was born on {value:date} and is {age} in {year}: below the minimum working age of {minimum} "
        "(Labour Code 2019, art. 3). Check the birth date, or whether this row is a member at all."),
    "finding.member-age-retired": (
        "{name} sinh ngày {value:date} ({age} tuổi trong năm {year}) đã đến tuổi nghỉ hưu ({retire_years} tuổi "
        "{retire_months} tháng, từ {retired:date}; Bộ luật Lao động 2019 Điều 169, Nghị định 135/2020). Kiểm tra "
        "ngày sinh; nếu đã nghỉ hưu thì xóa khỏi danh sách, nếu vẫn làm việc thì ghi rõ ở cột Ghi chú.",
        "{name}, born {value:date} ({age} in {year}), reached retirement age ({retire_years} years "
        "{retire_months} months, from {retired:date}; Labour Code 2019 art. 169, Decree 135/2020). Check the "
        "birth date; remove a retired member from the list, or note that they still work."),
    "finding.declared-total": (
        "'{column:column}' khai {value:{format}} nhưng danh sách cho {expected:{format}}. Sửa số khai hoặc danh sách.",
        "'{column:column}' is declared as {value:{format}} but the rows give {expected:{format}}. Fix one of them."),
    "finding.row-total": (
        "Cộng dòng {value:vnd} khác tổng các kỳ {expected:vnd}. Sửa ô Cộng.",
        "Row total {value:vnd} differs from the sum of its periods {expected:vnd}. Fix the total."),
    "finding.contribution-arrears": (
        "{name} chưa đóng {period:period} ({fund:sheet}), mức {expected:vnd}. Thu bổ sung, hoặc ghi lý do vào cột Ghi chú.",
        "{name} has not paid {period:period} ({fund:sheet}), due {expected:vnd}. Collect it, or give the reason in the Note column."),
    "finding.contribution-arrears-noted": (
        "{name} chưa đóng {period:period} ({fund:sheet}), mức {expected:vnd}; lý do đã ghi: '{reason}'. Không cần "
        "làm gì thêm nếu lý do đúng.",
        "{name} has not paid {period:period} ({fund:sheet}), due {expected:vnd}; reason given: '{reason}'. "
        "Nothing to do if the reason holds."),
    "finding.contribution-rate": (
        "{name} đóng {value:vnd} cho {period:period}, khác mức {expected:vnd}. Kiểm tra số tiền.",
        "{name} paid {value:vnd} for {period:period}, not the rate {expected:vnd}. Check the amount."),
    "finding.member-no-contribution": (
        "Đoàn viên {name} không có dòng trong trang '{sheet_expected:sheet}'. Thêm dòng đóng quỹ cho đoàn viên.",
        "Member {name} has no row on the '{sheet_expected:sheet}' sheet. Add one."),
    "finding.trip-support-rate": (
        "Hỗ trợ du lịch {value:vnd} khác định mức {expected:vnd}. Kiểm tra số tiền, hoặc ghi lý do vào cột Ghi chú.",
        "Trip support {value:vnd} differs from the rate {expected:vnd}. Check the amount, or give the reason in the Note column."),
    "finding.trip-support-rate-noted": (
        "Hỗ trợ du lịch {value:vnd} khác định mức {expected:vnd}; lý do đã ghi: '{reason}'. Không cần làm gì thêm "
        "nếu lý do đúng.",
        "Trip support {value:vnd} differs from the rate {expected:vnd}; reason given: '{reason}'. Nothing to do "
        "if the reason holds."),
    "finding.loan-cap": (
        "Khoản vay {value:vnd} vượt mức tối đa {expected:vnd} một xuất. Kiểm tra số tiền vay: mỗi xuất không quá mức tối đa.",
        "Loan of {value:vnd} exceeds the cap of {expected:vnd}. Check the amount: one loan may not exceed the cap."),
    "finding.loan-non-member": (
        "Người vay '{value}' không phải đoàn viên của tổ. Chỉ đoàn viên được vay quỹ tương hỗ.",
        "Borrower '{value}' is not a member of the group. Only members may borrow."),
    "finding.loan-overpaid": (
        "Số đã trả {value:vnd} lớn hơn số vay {expected:vnd}. Sửa số đã trả hoặc số tiền vay.",
        "Repaid {value:vnd} is more than the amount lent {expected:vnd}. Correct the repaid amount or the loan."),
    "finding.loan-outstanding": (
        "Còn nợ {value:vnd} khác số vay trừ số đã trả ({expected:vnd}). Sửa ô Còn nợ.",
        "Outstanding {value:vnd} differs from amount minus repaid ({expected:vnd}). Correct the outstanding amount."),
    "finding.loan-fund-exceeded": (
        "Quỹ tương hỗ không đủ cho vay: dư đầu kỳ {opening:vnd} + thu {collected:vnd} − cho vay {lent:vnd} = {value:vnd} (đã thu hồi {repaid:vnd}). Kiểm tra số dư đầu kỳ và các khoản vay.",
        "The mutual-aid fund cannot cover the loans: opening {opening:vnd} + collected {collected:vnd} "
        "− lent {lent:vnd} = {value:vnd} (repaid so far {repaid:vnd}). Check the opening balance and the loans."),
    "finding.welfare-duplicate": (
        "{name:who} nhận '{kind:list.welfare_kind}' hai lần (cũng ở {other}). Xóa dòng thừa.",
        "{name:who} received '{kind:list.welfare_kind}' twice (also at {other}). Remove the extra row."),
    "finding.welfare-missing": (
        "{name:who} chưa có dòng chi '{kind:list.welfare_kind}'. Thêm dòng chi vào trang Chăm lo, hoặc ghi lý do vào cột Ghi chú.",
        "{name:who} has no '{kind:list.welfare_kind}' payment. Add it on the Welfare sheet, or give the reason in the Note column."),
    "finding.welfare-missing-noted": (
        "{name:who} chưa có dòng chi '{kind:list.welfare_kind}'; lý do đã ghi: '{reason}'. Không cần làm gì thêm "
        "nếu lý do đúng.",
        "{name:who} has no '{kind:list.welfare_kind}' payment; reason given: '{reason}'. Nothing to do if the "
        "reason holds."),
    "finding.welfare-rate": (
        "Chi '{kind:list.welfare_kind}' {value:vnd} khác định mức {expected:vnd}. Kiểm tra số tiền.",
        "'{kind:list.welfare_kind}' paid {value:vnd}, not the rate {expected:vnd}. Check the amount."),
    "finding.rollup-none": (
        "Thư mục '{folder}' không có bảng tính nào để tổng hợp cấp ngành. Đặt vào đó các bản tổng hợp "
        "tong-hop-<năm>.xlsx CĐCS gửi lên rồi chạy lại.",
        "Folder '{folder}' holds no workbook to roll up. Put the tong-hop-<year>.xlsx workbooks the grassroots "
        "unions sent into it and run again."),
    "finding.rollup-not-consolidated": (
        "Tệp không phải bản tổng hợp của một công đoàn cơ sở ({detail:text}). Công đoàn ngành chỉ tổng hợp tệp "
        "tong-hop-<năm>.xlsx do lệnh 'unionxl merge' ghi ra: đề nghị CĐCS gửi đúng tệp đó.",
        "Not the consolidated workbook of a grassroots union ({detail:text}). The roll-up takes only the "
        "tong-hop-<year>.xlsx that 'unionxl merge' writes: ask the union for that file."),
    "finding.rollup-year": (
        "Bản tổng hợp năm {value}, khác năm {expected} của các bản tổng hợp khác. Đề nghị CĐCS gửi bản "
        "tổng hợp năm {expected}.",
        "Consolidated workbook for {value}, not {expected} like the others. Ask the union for its {expected} "
        "workbook."),
    "finding.rollup-duplicate-unit": (
        "Có hai bản tổng hợp của {unit}: tệp này và '{other}'. Đã dùng '{other}'; xóa tệp thừa rồi chạy lại.",
        "Two consolidated workbooks of {unit}: this one and '{other}'. '{other}' was used; remove the extra "
        "file and run again."),
    "finding.rollup-unresolved-errors": (
        "Bản tổng hợp của {unit} còn {value:num} lỗi chưa sửa ({codes}): số liệu của CĐCS này chưa đầy đủ (dòng, tệp "
        "bị loại không được tính). Đề nghị CĐCS sửa lỗi, tổng hợp lại rồi gửi lại.",
        "The consolidated workbook of {unit} still lists {value:num} unresolved errors ({codes}): its figures are "
        "incomplete (rejected rows and files are not counted). Ask the union to fix them, merge again and resend."),
    "finding.rollup-members-count": (
        "Bản tổng hợp ghi {value:num} đoàn viên nhưng trang '{sheet_name}' có {expected:num} dòng: danh sách đã bị "
        "thêm hoặc xóa dòng sau khi tổng hợp. Số liệu tạm tính theo {expected:num} dòng hiện có; đề nghị CĐCS "
        "tổng hợp lại bằng unionxl (sửa ở tệp của tổ, không sửa bản tổng hợp) rồi gửi lại.",
        "The consolidated workbook states {value:num} members but sheet '{sheet_name}' has {expected:num} rows: "
        "rows were added or deleted after the merge. The figures count the {expected:num} rows there now; ask "
        "the union to merge again with unionxl (editing the group workbooks, not the consolidated one) and resend."),
    "finding.cccd-duplicate-units": (
        "CCCD {value} ({name}) cũng có trong danh sách của {other_unit} ({other}): một đoàn viên được tính ở hai "
        "CĐCS. Đề nghị hai CĐCS thống nhất (đoàn viên chuyển công tác thì CĐCS cũ xóa tên) rồi gửi lại.",
        "Citizen ID {value} ({name}) is also listed by {other_unit} ({other}): one member counted in two unions. "
        "Ask both to agree (a member who transferred is removed by the former union) and resend."),
    "finding.previous-opening-balance": (
        "Số dư quỹ tương hỗ năm trước chuyển sang {value:vnd} khác số dư cuối năm {previous_year} là {expected:vnd} "
        "(bản tổng hợp '{previous}'). Sửa số dư đầu năm cho khớp, hoặc kiểm tra lại bản tổng hợp năm trước.",
        "Mutual-aid fund opening balance {value:vnd} differs from the {previous_year} closing balance {expected:vnd} "
        "(consolidated workbook '{previous}'). Correct the opening balance, or check last year's workbook."),
    "finding.previous-other-unit": (
        "Bản tổng hợp năm trước '{previous}' là của {value}, không phải {expected}. Kiểm tra đã chọn đúng tệp chưa.",
        "Last year's workbook '{previous}' belongs to {value}, not {expected}. Check it is the right file."),
    "finding.output-slow-path": (
        "Tệp {output} được ghi theo cách chậm hơn vì cách nhanh gặp điều không lường trước ({reason}). "
        "Kết quả vẫn đầy đủ; nếu lặp lại, hãy báo cho người bảo trì unionxl.",
        "{output} was written the slower way because the fast path met something unexpected ({reason}). "
        "The output is complete; if this recurs, tell the unionxl maintainers."),
    "finding.output-failed": (
        "Không ghi được {output} ({reason}). Các tệp kết quả khác vẫn đầy đủ; gửi tệp gốc cho người bảo trì "
        "unionxl để tìm nguyên nhân.",
        "{output} could not be written ({reason}). The other outputs are complete; send the original file "
        "to the unionxl maintainers so they can find the cause."),
    # --- docs/findings.md (findings.catalogue_markdown)
    "finding_doc.title": ("Mã phát hiện", "Finding codes"),
    "finding_doc.intro": (
        "Mỗi phát hiện có một mã cố định, mức độ (Lỗi / Cảnh báo / Ghi chú), vị trí (tệp, trang, ô) và lời "
        "nhắn nói cần làm gì. *Loại bỏ*: phát hiện khiến dòng (row) hoặc cả tệp (file) không được tổng hợp.",
        "Every finding has a stable code, a severity, a place (file, sheet, cell) and a message saying what "
        "to do. *Rejects*: the finding keeps the row or the whole file out of the merge."),
    "finding_doc.params": (
        "Tham số của lời nhắn là dữ liệu thô, chỉ được trình bày theo ngôn ngữ khi hiển thị",
        "A message's parameters are raw data, shown per language only when the message is rendered: "
        "{examples} (see `unionxl/i18n.py` for every format spec)."),
    "finding_doc.col.code": ("Mã", "code"),
    "finding_doc.col.severity": ("Mức độ", "severity"),
    "finding_doc.col.rejects": ("Loại bỏ", "rejects"),
    "finding_doc.col.message": ("Lời nhắn", "Message"),
    "finding_doc.legal_title": ("Căn cứ của các kiểm tra tuổi", "What the age checks rest on"),
    "finding_doc.legal.member-age-young": (
        "Bộ luật Lao động 2019 (Luật số 45/2019/QH14), Điều 3 khoản 1: người lao động có "
        "độ tuổi lao động tối thiểu là đủ 15 tuổi (trừ các công việc nhẹ theo Mục 1 Chương XI, Điều 143–145).",
        "Labour Code 2019 art. 3(1): the minimum working age is 15 full years (except the light work of "
        "Chapter XI section 1, art. 143-145). The check warns when a member turns less than 15 in the report "
        "year."),
    "finding_doc.legal.member-age-retired": (
        "Bộ luật Lao động 2019, Điều 169 khoản 2, và Nghị định 135/2020/NĐ-CP, Điều 4: "
        "từ năm 2021 tuổi nghỉ hưu của nam là 60 tuổi 3 tháng, mỗi năm tăng 3 tháng đến 62 tuổi vào năm 2028; "
        "của nữ là 55 tuổi 4 tháng, mỗi năm tăng 4 tháng đến 60 tuổi vào năm 2035 (trước 2021: 60 và 55).",
        "Labour Code 2019 art. 169(2) and Decree 135/2020 art. 4: from 2021 men retire at 60 years 3 months, "
        "3 months more each year up to 62 in 2028; women at 55 years 4 months, 4 months more each year up to "
        "60 in 2035 (60 and 55 before 2021). The check warns when a member reached that age before the report "
        "year began (someone retiring during the year is still a member that year); working on past it is "
        "possible (art. 148-149), hence a warning and the advice to note it."),
}
