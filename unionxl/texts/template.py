"""The blank workbooks (unionxl/template.py): instructions, hints, prompts and Excel's error messages.

A side may be a tuple of paragraphs (`i18n.paragraphs`); the sheet, column and choice labels are the
schema's (unionxl/schema.py).
"""

TEXTS: dict[str, tuple] = {
    "template.field_headings": ("Nội dung|Giá trị|Hướng dẫn", "Item|Value|Help"),
    "template.year": ("năm {year}", "year {year}"),
    "template.table_hint": (
        "Điền từ dòng {first}, mỗi dòng một {item}. Tiêu đề màu cam: bắt buộc; màu xanh: điền nếu có. Xem "
        "sheet “{instructions}”.",
        "Fill from row {first}, one {item} per row. Orange header: required; blue: if it applies. See the "
        "“{instructions}” sheet."),
    "template.required_note": ("Bắt buộc.", "Required."),
    "template.optional_note": ("Không bắt buộc.", "Optional."),
    "template.yes": ("Có", "Yes"),
    "template.no": ("Không", "No"),
    "template.list_error_title": ("Giá trị ngoài danh sách", "Value not in the list"),
    "template.list_error": (
        "“{value}” không có trong danh sách “{list}”. Hãy chọn từ danh sách thả xuống. Bấm Yes/Có để giữ, "
        "No/Không để sửa.",
        "This value is not in the list “{list}”. Choose from the drop-down list. Yes keeps it, No lets you "
        "correct it."),
    "template.amount_error_title": ("Cần một số nguyên", "A whole number is expected"),
    "template.amount_error": (
        "Gõ số nguyên không âm, không gõ chữ “đ”, ví dụ 30000.",
        "Type a whole number of 0 or more, without a currency sign, e.g. 30000."),
    "template.date_error_title": ("Ngày không hợp lệ", "Not a date"),
    "template.date_error": (
        "Máy chưa hiểu đây là ngày. Nếu đã gõ ngày/tháng/năm (ví dụ 15/03/1985) mà vẫn báo, máy đang đặt định "
        "dạng ngày kiểu Mỹ (tháng/ngày): đổi Region sang Tiếng Việt rồi gõ lại.",
        "This is not understood as a date. If you typed day/month/year (e.g. 15/03/1985), the computer uses "
        "the US month/day format: set its region to Vietnamese and retype."),
    "template.cccd_error_title": ("CCCD cần đúng 12 chữ số", "A CCCD has exactly 12 digits"),
    "template.cccd_error": (
        "Số CCCD gồm đúng 12 chữ số, kể cả số 0 ở đầu. Ô đã định dạng văn bản nên số 0 được giữ.",
        "A citizen ID has exactly 12 digits, including the leading zero. The cell is text, so the zero is kept."),
    "template.footer": ("&L&8unionxl – &A&C&9Trang &P/&N", "&L&8unionxl – &A&C&9Page &P of &N"),
    "template.item.members": ("đoàn viên", "member"),
    "template.item.travel_fund": ("đoàn viên", "member"),
    "template.item.mutual_fund": ("đoàn viên", "member"),
    "template.item.loans": ("xuất vay", "loan"),
    "template.item.welfare": ("khoản chi", "payment"),
    "template.item.groups": ("tổ công đoàn", "union group"),
    "template.item.kpis": ("chỉ tiêu", "target"),
    "template.item.report_texts": ("mục", "section"),
    "template.purpose.info": (
        "Thông tin chung của tổ và các số tổng tổ tự đếm; phần mềm đối chiếu các số tổng này với danh sách.",
        "The group's details and the totals you counted; the software checks them against the lists."),
    "template.purpose.members": (
        "Danh sách đoàn viên của tổ, mỗi người một dòng.",
        "The group's members, one per row."),
    "template.purpose.travel_fund": (
        "Số tiền mỗi đoàn viên đóng quỹ du lịch công đoàn từng tháng (định mức {travel_monthly}/tháng) và tiền"
        " hỗ trợ khi đi du lịch ({trip_support}/người).",
        "Each member's monthly travel-fund contribution (rate {travel_monthly}/month) and the trip support "
        "received ({trip_support} per member)."),
    "template.purpose.mutual_fund": (
        "Số tiền mỗi đoàn viên đóng quỹ tương hỗ từng quý (định mức {mutual_quarterly}/quý).",
        "Each member's quarterly mutual-aid contribution (rate {mutual_quarterly}/quarter)."),
    "template.purpose.loans": (
        "Các xuất vay từ quỹ tương hỗ, mỗi xuất một dòng (tối đa {loan_cap}/xuất).",
        "Loans from the mutual-aid fund, one per row (at most {loan_cap} per loan)."),
    "template.purpose.welfare": (
        "Các khoản chi chăm lo: quà Tết, 27/2, 8/3, quà hoàn cảnh khó khăn, thăm ốm đau, hiếu hỉ, quà chia "
        "tay…; mỗi khoản một dòng.",
        "Welfare payments: Tết gift, 27/2, 8/3, hardship gift, sickness, wedding and funeral visits, farewell "
        "gift…; one per row."),
    "template.purpose.lists": (
        "Sheet ẩn chứa các danh sách chọn (Nam/Nữ, trình độ…); không sửa.",
        "Hidden sheet with the drop-down lists; do not edit."),
    "template.purpose.unit_info": (
        "Thông tin công đoàn cơ sở, năm báo cáo và số dư quỹ tương hỗ năm trước chuyển sang.",
        "The union's details, the report year and the mutual-aid fund's opening balance."),
    "template.purpose.groups": (
        "Danh sách các tổ công đoàn phải nộp biểu mẫu: mã tổ (không trùng), tên tổ, tổ trưởng.",
        "The union groups expected to send a workbook: unique code, name, leader."),
    "template.purpose.policy": (
        "Định mức thu, chi dùng để đối chiếu (đã điền sẵn mức hiện hành; sửa nếu thay đổi).",
        "Rates the checks compare against (pre-filled with the current rates; edit if they change)."),
    "template.purpose.kpis": (
        "11 chỉ tiêu Công đoàn ngành giao: ghi kết quả thực hiện và đánh giá Đạt/Không đạt.",
        "The 11 targets set by the sector union: write the result and whether it was met."),
    "template.purpose.report_texts": (
        "Các mục báo cáo do Ban Chấp hành viết (việc làm, quan hệ lao động, tuyên truyền, thi đua, hạn chế, "
        "nhiệm vụ năm sau, kiến nghị…), vài số liệu trong các mục đó và nơi nhận.",
        "The report sections the executive writes (jobs, labour relations, campaigns, emulation, shortcomings,"
        " next year's tasks, proposals…), a few figures in them, and the recipients."),
    "template.instructions.group_title": (
        "HƯỚNG DẪN ĐIỀN BIỂU MẪU TỔ CÔNG ĐOÀN",
        "HOW TO FILL IN THE UNION GROUP WORKBOOK"),
    "template.instructions.unit_title": (
        "HƯỚNG DẪN BIỂU MẪU CÔNG ĐOÀN CƠ SỞ",
        "HOW TO USE THE GRASSROOTS UNION WORKBOOK"),
    "template.instructions.group_about": (
        (
            "Biểu mẫu này để tổ công đoàn báo cáo số liệu một năm: danh sách đoàn viên, quỹ du lịch, quỹ tương"
            " hỗ, vay vốn và chi chăm lo. BCH CĐCS tổng hợp biểu mẫu của tất cả các tổ bằng phần mềm, vì vậy "
            "hãy điền đúng vị trí và không đổi tên sheet, không xóa hoặc đổi tên cột.",
        ),
        (
            "This workbook is how a union group reports one year: members, travel fund, mutual-aid fund, loans"
            " and welfare. The union executive merges every group's workbook with software, so fill it in "
            "place and do not rename sheets or delete or rename columns.",
        )),
    "template.instructions.unit_about": (
        (
            "Biểu mẫu này do kế toán/thủ quỹ CĐCS điền: danh sách các tổ, định mức thu chi, số dư quỹ và kết "
            "quả các chỉ tiêu. Phần mềm dùng nó để tạo biểu mẫu cho từng tổ và khi tổng hợp.",
        ),
        (
            "The union treasurer fills this workbook: the list of groups, the rates, the fund balance and the "
            "targets' results. The software uses it to write each group's workbook and when merging.",
        )),
    "template.instructions.sheets": ("1. Các sheet trong biểu mẫu", "1. The sheets"),
    "template.instructions.colours": ("2. Ý nghĩa màu sắc", "2. What the colours mean"),
    "template.legend.required": ("Tiêu đề màu cam", "Orange header"),
    "template.legend.required.help": ("Cột hoặc mục bắt buộc phải điền.", "Required column or item."),
    "template.legend.optional": ("Tiêu đề màu xanh", "Blue header"),
    "template.legend.optional.help": ("Điền nếu có (không bắt buộc).", "Fill in if it applies (optional)."),
    "template.legend.entry": ("Ô màu vàng", "Yellow cell"),
    "template.legend.entry.help": (
        "Ô để điền trong các sheet thông tin.",
        "A value to fill in on the information sheets."),
    "template.legend.locked": ("Ô màu xám", "Grey cell"),
    "template.legend.locked.help": (
        "Do BCH CĐCS hoặc phần mềm ghi sẵn, đã khóa, không sửa.",
        "Written by the union executive or the software; locked, do not edit."),
    "template.legend.white": ("Ô trắng dưới tiêu đề", "White cells under a header"),
    "template.legend.white.help": (
        "Ô để điền trong các sheet danh sách, mỗi dòng một người/khoản.",
        "Entry cells of the list sheets, one person or payment per row."),
    "template.instructions.how": ("3. Cách điền", "3. How to fill in"),
    "template.instructions.group_how": (
        (
            "• Điền từ dòng {first} ngay dưới dòng tiêu đề; không để dòng trống xen giữa, không gộp ô.",
            "• Họ và tên viết đầy đủ, có dấu. Mỗi đoàn viên chỉ một dòng trong mỗi sheet.",
            "• Số CCCD: đúng 12 chữ số. Các ô đã định dạng văn bản nên số 0 ở đầu được giữ nguyên.",
            "• Ngày: gõ ngày/tháng/năm, ví dụ 05/01/1985.",
            "• Số tiền: gõ số nguyên, không gõ chữ “đ”, ví dụ 30000 (Excel tự hiện 30.000).",
            "• Các cột có mũi tên: chọn từ danh sách thả xuống. Chọn một ô sẽ hiện gợi ý của cột đó.",
            "• Nếu dán dữ liệu từ tệp khác: dùng Dán đặc biệt → Chỉ giá trị (Paste Special → Values) để giữ "
            "định dạng.",
            "• Nếu gõ sai kiểu, Excel chỉ cảnh báo; phần mềm tổng hợp sẽ chỉ ra ô cần sửa.",
        ),
        (
            "• Fill from row {first}, right under the header row; no blank rows in between, no merged cells.",
            "• Write full names with diacritics. One row per member in each sheet.",
            "• Citizen ID (CCCD): exactly 12 digits. The cells are formatted as text so the leading zero stays.",
            "• Dates: day/month/year, e.g. 05/01/1985.",
            "• Amounts: whole numbers without a currency sign, e.g. 30000 (shown as 30,000).",
            "• Columns with an arrow: choose from the drop-down list. Selecting a cell shows the column's hint.",
            "• When pasting from another file use Paste Special → Values, so the formats stay.",
            "• Wrong types only raise a warning here; the merge points at every cell to correct.",
        )),
    "template.instructions.unit_how": (
        (
            "• Sheet “{groups}”: mỗi tổ một dòng; mã tổ ngắn, không trùng (ví dụ T01). Mỗi tổ sẽ nhận một biểu"
            " mẫu riêng.",
            "• Sheet “{policy}”: định mức đã điền sẵn; chỉ sửa khi định mức thay đổi. Số tiền gõ số nguyên, ví"
            " dụ 30000.",
            "• Sheet “{kpis}”: ghi kết quả và chọn Đạt/Không đạt; chỉ tiêu (1), (8), (10) phần mềm tự tính từ "
            "số liệu.",
            "• Sheet “{texts}”: viết nội dung từng mục của báo cáo vào cột Nội dung (xuống dòng bằng "
            "Alt+Enter; dòng bắt đầu bằng “-” hoặc “+” là một ý). Mục để trống sẽ hiện “[Ban Chấp hành viết "
            "nội dung mục này]” trong báo cáo. Nội dung chép từ năm trước có Tình trạng “Năm trước — cần cập "
            "nhật”: sửa xong chọn “Đã cập nhật”.",
        ),
        (
            "• “{groups}” sheet: one group per row; a short unique code (e.g. T01). Each group gets its own "
            "workbook.",
            "• “{policy}” sheet: pre-filled with the current rates; edit only if they change. Whole numbers, "
            "e.g. 30000.",
            "• “{kpis}” sheet: write the result and choose Met/Not met; targets (1), (8), (10) are computed.",
            "• “{texts}” sheet: write each report section in the Text column (Alt+Enter for a new line; lines "
            "starting with “-” or “+” are bullets). A blank section prints “[The executive committee writes "
            "this section]”. Text copied from last year has the status “Last year's — to update”: revise it, "
            "then choose “Updated”.",
        )),
    "template.instructions.protection": ("4. Khóa sheet", "4. Sheet protection"),
    "template.instructions.protection_text": (
        (
            "Các sheet được khóa để tránh xóa nhầm tiêu đề hoặc ô ghi sẵn. Khóa KHÔNG có mật khẩu. Khi đang "
            "khóa bạn vẫn điền được các ô nhập liệu, thêm/xóa dòng, sắp xếp, lọc và chỉnh độ rộng cột.",
            "Nếu thật sự cần bỏ khóa: Excel: Review → Unprotect Sheet (Xem lại → Bỏ bảo vệ trang tính); "
            "LibreOffice: Tools → Protect Sheet (Công cụ → Bảo vệ trang tính). Không cần mật khẩu.",
        ),
        (
            "The sheets are protected so a header or a pre-filled cell is not deleted by accident. There is NO"
            " password. While protected you can still fill the entry cells, insert and delete rows, sort, "
            "filter and resize columns.",
            "If you really need to unprotect: Excel: Review → Unprotect Sheet; LibreOffice: Tools → Protect "
            "Sheet. No password is needed.",
        )),
    "template.instructions.send": ("5. Gửi lại biểu mẫu", "5. Sending it back"),
    "template.instructions.group_send": (
        (
            "Lưu tệp dạng Excel (.xlsx); giữ nguyên tên sheet và tiêu đề cột. Gửi tệp cho BCH CĐCS (kế "
            "toán/thủ quỹ) qua thư điện tử hoặc Zalo đúng hạn. Nếu có sai sót, tổ sẽ nhận lại bản có đánh dấu "
            "các ô cần sửa.",
        ),
        (
            "Save as an Excel workbook (.xlsx), keeping sheet names and column headers. Send the file to the "
            "union executive (treasurer) by e-mail or Zalo on time. If something is wrong you will receive a "
            "copy with the cells to correct marked.",
        )),
    "template.instructions.unit_send": (
        (
            "Lưu tệp dạng Excel (.xlsx) cùng thư mục với biểu mẫu các tổ nộp về; phần mềm đọc nó khi tổng hợp.",
        ),
        (
            "Save it as an Excel workbook (.xlsx) next to the groups' workbooks; the merge reads it.",
        )),
    "template.instructions.columns": ("6. Các cột và mục cần điền", "6. Every column and item"),
    "template.instructions.columns_head": (
        "Sheet|Cột / mục|Bắt buộc|Hướng dẫn",
        "Sheet|Column / item|Required|Help"),
    "template.instructions.group_line": (
        "Tổ: {group}  –  Công đoàn cơ sở: {unit}  –  Năm báo cáo: {year}",
        "Group: {group}  –  Grassroots union: {unit}  –  Report year: {year}"),
    "template.no_groups": ("chưa có tổ công đoàn nào", "no union groups listed"),
    "template.duplicate_groups": ("mã tổ bị trùng", "duplicate group codes"),
    "template.choose": ("Chọn: ", "Choose: "),
    "template.prefilled": ("Ghi sẵn, đã khóa.", "Pre-filled, locked."),
}
