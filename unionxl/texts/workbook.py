"""The consolidated workbook (writers/workbook.py) and the report tables it and the Word report show
(tables.py, previous.py): titles, headings, notes."""

TEXTS: dict[str, tuple[str, str]] = {
    # --- unionxl/tables.py
    "table.members": ("Số đoàn viên", "Members"),
    "table.male": ("Nam", "Male"),
    "table.female": ("Nữ", "Female"),
    "table.party_members": ("Đảng viên", "Party members"),
    "table.travel_fund_collected": ("Thu quỹ du lịch", "Travel fund collected"),
    "table.mutual_aid_fund_collected": ("Thu quỹ tương hỗ", "Mutual-aid fund collected"),
    "table.loans": ("Số xuất vay", "Loans"),
    "table.amount_lent": ("Tiền cho vay", "Amount lent"),
    "table.welfare_paid": ("Chi chăm lo", "Welfare paid"),
    "table.errors": ("Lỗi", "Errors"),
    "table.warnings": ("Cảnh báo", "Warnings"),
    "table.total": ("Cộng", "Total"),
    "table.title_figures_by_grassroots_union": (
        "6. Số liệu theo công đoàn cơ sở",
        "6. Figures by grassroots union"),
    "table.title_figures_by_union_group": ("6. Số liệu theo tổ công đoàn", "6. Figures by union group"),
    "table.title_members": ("1. Số lượng đoàn viên", "1. Members"),
    "table.title_members_qualifications": ("2. Chất lượng đoàn viên", "2. Members' qualifications"),
    "table.travel_fund_members_contributing_monthly": (
        "Quỹ du lịch: đoàn viên đóng quỹ (mức đóng mỗi tháng)",
        "Travel fund: members contributing (monthly rate)"),
    "table.travel_fund_trip_support_per_member": (
        "Quỹ du lịch: hỗ trợ đoàn viên đi du lịch (mức mỗi người)",
        "Travel fund: trip support (per member)"),
    "table.mutual_aid_fund_members_contributing_qua": (
        "Quỹ tương hỗ: đoàn viên đóng quỹ (mức đóng mỗi quý)",
        "Mutual-aid fund: members contributing (quarterly rate)"),
    "table.mutual_aid_fund_member_quarters_unpaid": (
        "Quỹ tương hỗ: số lượt quý chưa đóng",
        "Mutual-aid fund: member-quarters unpaid"),
    "table.mutual_aid_fund_opening_balance": (
        "Quỹ tương hỗ: số dư năm trước chuyển sang",
        "Mutual-aid fund: opening balance"),
    "table.loans_from_the_mutual_aid_fund_per_loan": (
        "Vay vốn quỹ tương hỗ (mức vay mỗi xuất)",
        "Loans from the mutual-aid fund (per loan)"),
    "table.loans_repaid": ("Vay vốn: đã trả", "Loans: repaid"),
    "table.mutual_aid_fund_balance_opening_collecte": (
        "Quỹ tương hỗ: số dư (năm trước + thu − cho vay)",
        "Mutual-aid fund: balance (opening + collected − lent)"),
    "table.mutual_aid_fund_closing_balance_with_rep": (
        "Quỹ tương hỗ: số dư cuối năm (cộng cả nợ đã trả)",
        "Mutual-aid fund: closing balance (with repayments)"),
    "table.title_travel_fund_mutual_aid_fund_and_loans": (
        "3. Quỹ du lịch, quỹ tương hỗ và vay vốn",
        "3. Travel fund, mutual-aid fund and loans"),
    "table.of_which_visits_sickness_wedding_funeral": (
        "Trong đó: thăm hỏi ốm đau, hiếu hỉ, quà chia tay",
        "of which: visits (sickness, wedding/funeral, farewell)"),
    "table.total_welfare": ("Tổng chi chăm lo", "Total welfare"),
    "table.title_welfare": ("4. Chăm lo đoàn viên", "4. Welfare"),
    "table.title_targets_set_by_the_sector_union": (
        "5. Kết quả thực hiện chỉ tiêu CĐN giao",
        "5. Targets set by the sector union"),
    "table.code": ("Mã", "Code"),
    "table.grassroots_union": ("Công đoàn cơ sở", "Grassroots union"),
    "table.group_code": ("Mã tổ", "Group code"),
    "table.group_name": ("Tên tổ", "Group name"),
    "table.unions": ("{received} CĐCS", "{received} unions"),
    "table.groups": ("{received} tổ", "{received} groups"),
    "table.item": ("Chỉ tiêu", "Item"),
    "table.number": ("Số lượng", "Number"),
    "table.share": ("Tỷ lệ", "Share"),
    "table.people": ("Số người", "People"),
    "table.item_2": ("Nội dung", "Item"),
    "table.rate_vnd": ("Mức (đồng)", "Rate (VND)"),
    "table.amount_vnd": ("Số tiền (đồng)", "Amount (VND)"),
    "table.kind": ("Nội dung chi", "Kind"),
    "table.count": ("Số lượt", "Count"),
    "table.by_sector_union": ("Lượt CĐ ngành chi", "By sector union"),
    "table.by_grassroots_union": ("Lượt CĐCS chi", "By grassroots union"),
    "table.other_source": ("Lượt nguồn khác", "Other source"),
    "table.no": ("STT", "No."),
    "table.target": ("Chỉ tiêu", "Target"),
    "table.result": ("Kết quả thực hiện", "Result"),
    "table.assessment": ("Đánh giá", "Assessment"),
    "table.travel_fund_members_contributing_mutual": (
        "Quỹ du lịch: {travel} đoàn viên đóng; quỹ tương hỗ: {mutual} đoàn viên đóng",
        "Travel fund: {travel} members contributing; mutual-aid fund: {mutual} members contributing"),
    "table.union_members": ("Tổng số đoàn viên công đoàn", "Union members"),
    "table.union_groups": ("Số tổ công đoàn", "Union groups"),
    "table.new_members_admitted_this_year": (
        "Đoàn viên kết nạp mới trong năm",
        "New members admitted this year"),
    "table.general_education": ("Trình độ học vấn: ", "General education: "),
    "table.professional_level": ("Trình độ chuyên môn: ", "Professional level: "),
    "table.political_theory": ("Lý luận chính trị: ", "Political theory: "),
    "table.grassroots_unions": ("Số công đoàn cơ sở", "Grassroots unions"),
    # --- unionxl/previous.py
    "table.title_compared_with": ("7. So sánh với năm {before}", "7. Compared with {before}"),
    "table.new_this_year": ("Mới có tên năm nay", "New this year"),
    "table.left": ("Không còn tên năm nay", "Left"),
    "table.movement": ("Biến động", "Change"),
    "table.full_name": ("Họ và tên", "Full name"),
    "table.citizen_id": ("Số CCCD", "Citizen ID"),
    "table.title_membership_changes_since": (
        "8. Biến động đoàn viên so với năm {since}",
        "8. Membership changes since {since}"),
    "table.members_joined": (
        "Đoàn viên có tên năm nay, không có năm trước (theo CCCD)",
        "Members listed this year, not last year (by citizen ID)"),
    "table.members_left": (
        "Đoàn viên có tên năm trước, không còn năm nay (theo CCCD)",
        "Members listed last year, not this year (by citizen ID)"),
    "table.last_year": ("Năm trước ({before})", "Last year ({before})"),
    "table.this_year": ("Năm nay ({now})", "This year ({now})"),
    "table.change": ("Tăng (+), giảm (−)", "Change (+/−)"),
    "table.closing_vs_opening": (
        "Quỹ tương hỗ: số dư cuối năm trước / số dư đầu năm nay",
        "Mutual-aid fund: last year's closing / this year's opening balance"),
    # --- the figures compared year on year (previous.HEADLINES)
    "table.headline.members": ("Tổng số đoàn viên", "Union members"),
    "table.headline.male": ("Nam", "Male"),
    "table.headline.female": ("Nữ", "Female"),
    "table.headline.party_members": ("Đảng viên", "Party members"),
    "table.headline.professional_level": ("Trình độ chuyên môn: ", "Professional level: "),
    "table.headline.political_theory": ("Lý luận chính trị: ", "Political theory: "),
    "table.headline.travel_collected": ("Thu quỹ du lịch", "Travel fund collected"),
    "table.headline.mutual_collected": ("Thu quỹ tương hỗ", "Mutual-aid fund collected"),
    "table.headline.loans_count": ("Số xuất vay", "Loans"),
    "table.headline.loans_amount": ("Tiền cho vay", "Amount lent"),
    "table.counts.people": ("người", "people"),
    "table.counts.loans": ("xuất", "loans"),
    # --- unionxl/writers/workbook.py
    "workbook.movements_note": (
        "So với bản tổng hợp năm {previous_year} ('{previous_file}'): {left} không còn tên, "
        "{joined} mới có tên.",
        "Against the {previous_year} workbook ('{previous_file}'): {left} left, "
        "{joined} new."),
    "workbook.errors_warnings": ("{errors} lỗi, {warnings} cảnh báo", "{errors} errors, {warnings} warnings"),
    "workbook.figures_by_union_group": ("TỔNG HỢP SỐ LIỆU THEO TỔ CÔNG ĐOÀN", "FIGURES BY UNION GROUP"),
    "workbook.groups_note": (
        "{received} tổ đã nộp biểu mẫu; dòng cộng là công thức, có thể kiểm tra lại trong Excel.",
        "{received} groups sent their workbook; the totals row holds formulas Excel can audit."),
    "workbook.figures_by_grassroots_union": (
        "TỔNG HỢP SỐ LIỆU THEO CÔNG ĐOÀN CƠ SỞ",
        "FIGURES BY GRASSROOTS UNION"),
    "workbook.units_note": (
        "{groups} bản tổng hợp ({units} CĐCS, {union_groups} tổ công đoàn); dòng cộng là công thức, có thể "
        "kiểm tra lại trong Excel.",
        "{groups} consolidated workbooks ({units} unions, {union_groups} groups); the totals row holds "
        "formulas Excel can audit."),
    "workbook.report_tables": ("CÁC BẢNG SỐ LIỆU BÁO CÁO", "REPORT TABLES"),
    "workbook.tables_note": (
        "Bảng 5 ở trang '{kpis}', bảng 6 ở trang '{summary}'.",
        "Table 5 is on sheet '{kpis}', table 6 on sheet '{summary}'."),
    "workbook.sources": ("NGUỒN SỐ LIỆU", "SOURCES"),
    "workbook.row_account_by_sheet": ("Đối chiếu số dòng theo trang", "Row account by sheet"),
    "workbook.item": ("Mục", "Item"),
    "workbook.value": ("Giá trị", "Value"),
    "workbook.year": ("năm", "year"),
    "workbook.sources_note": (
        "Mỗi tệp đầu vào, mã kiểm tra SHA-256 và số dòng đọc = nhận + loại.",
        "Every input file, its SHA-256 checksum, and rows read = accepted + rejected."),
    "workbook.ok": ("Khớp", "OK"),
    "workbook.mismatch": ("Lệch", "MISMATCH"),
    "workbook.consolidated_union_figures": ("Tổng hợp số liệu công đoàn", "Consolidated union figures"),
    "workbook.sources.file": ("Tệp", "File"),
    "workbook.sources.kind": ("Loại", "Kind"),
    "workbook.sources.group": ("Tổ", "Group"),
    "workbook.sources.read": ("Dòng đọc", "Rows read"),
    "workbook.sources.accepted": ("Dòng nhận", "Rows accepted"),
    "workbook.sources.rejected": ("Dòng loại", "Rows rejected"),
    "workbook.sources.sha256": ("SHA-256", "SHA-256"),
    "workbook.file_kind.group": ("Tổ", "Group"),
    "workbook.file_kind.unit": ("Đơn vị", "Unit"),
    "workbook.file_kind.skipped": ("Bỏ qua", "Skipped"),
    "workbook.file_kind.rejected": ("Bị loại", "Rejected"),
    "workbook.file_kind.consolidated": ("Bản tổng hợp", "Consolidated"),
    "workbook.account.sheet": ("Trang", "Sheet"),
    "workbook.account.read": ("Đọc", "Read"),
    "workbook.account.accepted": ("Nhận", "Accepted"),
    "workbook.account.rejected": ("Loại", "Rejected"),
    "workbook.account.balance": ("Đọc = nhận + loại", "Read = accepted + rejected"),
}
