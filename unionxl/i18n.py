"""Vietnamese and English texts of the console and the outputs (finding messages live in findings.CATALOGUE)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "checking": ("Kiểm tra {n} tệp trong '{folder}'", "Checking {n} files in '{folder}'"),
    "reading": ("Đang đọc", "Reading"),
    "unit_line": ("Đơn vị: {unit} — năm {year} — {groups}/{expected} tổ đã nộp",
                  "Unit: {unit} — year {year} — {groups}/{expected} groups received"),
    "per_group": ("Theo tổ", "Per group"),
    "sector_line": ("Tổng hợp cấp ngành: {unit} — năm {year} — {groups} bản tổng hợp",
                    "Sector roll-up: {unit} — year {year} — {groups} consolidated workbooks"),
    "per_unit": ("Theo công đoàn cơ sở", "Per grassroots union"),
    "col_unit": ("CĐCS", "Union"),
    "compared": ("So với năm {year} ({file}): năm trước, năm nay, tăng (+) / giảm (−)",
                 "Compared with {year} ({file}): last year, this year, change"),
    "moves": ("Đoàn viên không còn tên: {left}; mới có tên: {joined} (theo CCCD, xem trang 'Biến động đoàn viên')",
              "Members who left: {left}; new: {joined} (by citizen ID, see the 'Membership changes' sheet)"),
    "opening_vs_closing": ("Quỹ tương hỗ: số dư cuối năm trước {closing}, số dư đầu năm nay {opening}",
                           "Mutual-aid fund: last year's closing balance {closing}, this year's opening {opening}"),
    "col_group": ("Tổ", "Group"),
    "col_file": ("Tệp", "File"),
    "col_rows": ("Dòng", "Rows"),
    "col_errors": ("Lỗi", "Errors"),
    "col_warnings": ("Cảnh báo", "Warnings"),
    "details": ("Chi tiết các phát hiện", "Findings in detail"),
    "whole_run": ("Chung (không thuộc tổ nào)", "General (no group)"),
    "account": ("Đối chiếu số dòng: đọc = nhận + loại", "Row account: read = accepted + rejected"),
    "account_line": ("{sheet}: đọc {read} = nhận {accepted} + loại {rejected}",
                     "{sheet}: read {read} = accepted {accepted} + rejected {rejected}"),
    "result": ("Kết quả: {errors} lỗi, {warnings} cảnh báo, {notes} ghi chú.",
               "Result: {errors} errors, {warnings} warnings, {notes} notes."),
    "ok": ("Không có lỗi: có thể tổng hợp.", "No errors: ready to consolidate."),
    "fix": ("Có lỗi: sửa các ô nêu trên (hoặc gửi bản phản hồi cho tổ) rồi chạy lại.",
            "Errors found: fix the cells above (or send the feedback copies) and run again."),
    "fix_sector": ("Có lỗi: gửi bản phản hồi cho CĐCS liên quan, nhận lại bản tổng hợp đã sửa rồi chạy lại.",
                   "Errors found: send the feedback copies to the unions concerned, get their corrected "
                   "workbooks and run again."),
    "more": ("… và {n} phát hiện nữa (xem đầy đủ bằng --all hoặc --json)",
             "… and {n} more (see all with --all or --json)"),
    "written": ("Đã ghi", "Written"),
    "json_written": ("Đã ghi JSON: {path}", "JSON written: {path}"),
}


def t(key: str, lang: str = "vi", **params) -> str:
    vi, en = TEXTS[key]
    return (vi if lang == "vi" else en).format(**params)


# ------------------------------------------------------------ the annual report (writers/report_docx.py)
# One structure, two languages: the report is built once from the schema's sections and these
# sentences; the Vietnamese ones are the seed report's wording with the figures in place.
# Parameters arrive formatted (amounts, shares, counts) by the report writer.

REPORT_SENTENCES: dict[str, tuple[str, str]] = {
    "placeholder": ("[Ban Chấp hành viết nội dung mục này]", "[The executive committee writes this section]"),
    "title": ("BÁO CÁO", "REPORT"),
    "subtitle": ("Hoạt động Công đoàn năm {year}, nhiệm vụ trọng tâm năm {next_year}",
                 "Trade union activities in {year} and priorities for {next_year}"),
    "intro": ("{unit} báo cáo kết quả hoạt động công đoàn năm {year} như sau:",
              "{unit} reports on its union activities in {year} as follows:"),
    "intro_basis": ("Thực hiện {basis} về việc báo cáo hoạt động Công đoàn năm {year}, nhiệm vụ trọng tâm năm "
                    "{next_year}, {unit} báo cáo kết quả hoạt động như sau:",
                    "Pursuant to {basis} on the {year} union activity report and the priorities for {next_year}, "
                    "{unit} reports as follows:"),
    "closing": ("Trên đây là báo cáo hoạt động Công đoàn năm {year}, nhiệm vụ trọng tâm năm {next_year} của {unit}./.",
                "This is the {year} union activity report of {unit}, with its priorities for {next_year}."),
    "recipients": ("Nơi nhận:", "Distribution:"),
    "recipients_superior": ("- {superior} (b/c);", "- {superior};"),
    "recipients_groups": ("- Các tổ công đoàn trực thuộc;", "- Union groups;"),
    "recipients_units": ("- Các công đoàn cơ sở trực thuộc;", "- Grassroots unions;"),
    "recipients_file": ("- Lưu: {issuer}, VT.", "- Files."),
    "superior_fallback": ("Công đoàn cấp trên", "Superior union"),
    "sign_for": ("T/M. BAN CHẤP HÀNH", "FOR THE EXECUTIVE COMMITTEE"),
    "sign_title": ("CHỦ TỊCH", "CHAIRPERSON"),
    "appendix": ("PHỤ LỤC: CÁC BẢNG SỐ LIỆU", "APPENDIX: REPORT TABLES"),
    "appendix_note": ("(Kèm theo báo cáo hoạt động Công đoàn năm {year} của {unit})",
                      "(Attached to the {year} union activity report of {unit})"),
    # I.1.1 numbers
    "members_total": ("- Tổng số: {n} đoàn viên công đoàn, trong đó: Nam {male} người = {male_pct}; "
                      "Nữ: {female} người = {female_pct};",
                      "- In total: {n} union members, of whom: male {male} = {male_pct}; "
                      "female: {female} = {female_pct};"),
    "groups_unit": ("- Số tổ công đoàn: {groups} tổ công đoàn.", "- Union groups: {groups}."),
    "groups_sector": ("- Số công đoàn cơ sở: {units}; số tổ công đoàn: {groups} tổ công đoàn.",
                      "- Grassroots unions: {units}; union groups: {groups}."),
    # I.1.2 qualifications
    "education": ("- Trình độ học vấn: {items}.", "- General education: {items}."),
    "no_data": ("chưa có số liệu", "no data"),
    "people_share": ("{label}: {count} người = {pct}", "{label}: {count} = {pct}"),
    "professional": ("- Trình độ chuyên môn:", "- Professional level:"),
    "professional_item": ("+ {label}: {count} người = {pct}.", "+ {label}: {count} = {pct}."),
    "theory": ("- Trình độ lý luận chính trị:", "- Political theory:"),
    "party": ("+ Đảng viên: {count} người = {pct}/ tổng đoàn viên công đoàn.",
              "+ Party members: {count} = {pct} of all union members."),
    "studying": ("đang học {what} {count} người", "studying {what}: {count}"),
    "theory_levels": ("+ {items}.", "+ {items}."),
    # I.4 labour accidents
    "accidents": ("Tính đến thời điểm báo cáo trong đơn vị {accidents}, {disease}.",
                  "Up to the time of this report: {accidents}; {disease}."),
    "accidents_sector": ("Tính đến thời điểm báo cáo trong các đơn vị {accidents}, {disease}.",
                         "Up to the time of this report, in the unions: {accidents}; {disease}."),
    "accidents_none": ("không xảy ra tai nạn lao động", "no labour accidents"),
    "accidents_some": ("xảy ra {count} vụ tai nạn lao động", "{count} labour accidents"),
    "accidents_unknown": ("chưa có số liệu về tai nạn lao động", "no figure for labour accidents"),
    "disease_none": ("không có trường hợp mắc bệnh nghề nghiệp", "no cases of occupational disease"),
    "disease_some": ("có {count} trường hợp mắc bệnh nghề nghiệp", "{count} cases of occupational disease"),
    "disease_unknown": ("chưa có số liệu về bệnh nghề nghiệp", "no figure for occupational disease"),
    # II.1 targets
    "kpi_intro": ("- Kết quả thực hiện các chỉ tiêu {superior} giao cho công đoàn cơ sở năm {year} như sau:",
                  "- Results against the targets set by {superior} for {year}:"),
    "kpi_intro_sector": ("- Kết quả thực hiện các chỉ tiêu giao cho các công đoàn cơ sở năm {year} (tổng hợp từ "
                         "{units} CĐCS) như sau:",
                         "- Results against the targets set for the grassroots unions in {year} ({units} unions):"),
    "sector_fallback": ("Công đoàn ngành", "the sector union"),
    "kpi_social_met": ("({number}). {part}/{whole} đoàn viên công đoàn nộp quỹ ủng hộ quỹ XHCĐ tỉnh đạt {pct} "
                       "(đạt chỉ tiêu).",
                       "({number}). {part}/{whole} members contributed to the provincial union social fund "
                       "({pct}) (target met)."),
    "kpi_social_not": ("({number}). {part}/{whole} đoàn viên công đoàn nộp quỹ ủng hộ quỹ XHCĐ tỉnh, đạt {pct}; "
                       "còn {missing} đoàn viên chưa nộp (Không đạt chỉ tiêu, chỉ tiêu giao 100%).",
                       "({number}). {part}/{whole} members contributed to the provincial union social fund "
                       "({pct}); {missing} not yet (target not met; the target is 100%)."),
    "kpi_funds_met": ("({number}). Tiếp tục duy trì và thực hiện hiệu quả mô hình: “Quỹ du lịch công đoàn” và "
                      "“Quỹ tương hỗ công đoàn” (đạt chỉ tiêu).",
                      "({number}). The “union travel fund” and “union mutual-aid fund” models were kept up "
                      "(target met)."),
    "kpi_funds_not": ("({number}). Chưa duy trì được mô hình {missing}: trong năm không có đoàn viên đóng quỹ "
                      "(Không đạt chỉ tiêu).",
                      "({number}). The {missing} model was not kept up: no member contributed this year "
                      "(target not met)."),
    "fund_travel": ("“Quỹ du lịch công đoàn”", "“union travel fund”"),
    "fund_mutual": ("“Quỹ tương hỗ công đoàn”", "“union mutual-aid fund”"),
    "and": (" và ", " and "),
    "kpi_software_met": ("({number}). {pct} đoàn viên công đoàn được cập nhật trên phần mềm quản lý đoàn viên "
                         "công đoàn (đạt chỉ tiêu).",
                         "({number}). {part}/{whole} members recorded in the member-management software ({pct}) "
                         "(target met)."),
    "kpi_software_not": ("({number}). {pct} đoàn viên công đoàn được cập nhật trên phần mềm quản lý đoàn viên "
                         "công đoàn. Hiện còn {missing} đoàn viên chưa được cập nhật{why} (Không đạt chỉ tiêu, "
                         "chỉ tiêu giao 100%).",
                         "({number}). {part}/{whole} members recorded in the member-management software ({pct}); "
                         "{missing} not yet{why} (target not met; the target is 100%)."),
    "kpi_software_why": (", ghi chú: {notes}", ", noted: {notes}"),
    "kpi_other": ("({number}). {text} {status}.", "({number}). {text} {status}."),
    "status_met": ("(đạt chỉ tiêu)", "(target met)"),
    "status_not_met": ("(Không đạt chỉ tiêu)", "(target not met)"),
    "status_none": ("(chưa đánh giá)", "(not assessed)"),
    "who_all": ("{pct} đoàn viên", "{pct} of members"),
    "who_part": ("{pct} đoàn viên ({part}/{whole})", "{pct} of members ({part}/{whole})"),
    "travel": ("+ Trong năm triển khai thu quỹ du lịch tới {who} tham gia với tổng số tiền thu được {collected} "
               "(mức đóng {rate}/tháng/đoàn viên){tail}",
               "+ Travel fund: {who} contributing, {collected} collected ({rate} a month each){tail}"),
    "travel_care": ("- Tiếp tục triển khai quỹ du lịch với {who} tham gia với tổng số tiền thu được {collected} "
                    "(mức đóng {rate}/tháng/đoàn viên){tail}",
                    "- The travel fund went on with {who} taking part, {collected} collected ({rate} a month "
                    "each){tail}"),
    "travel_no_trip": ("; trong năm chưa chi hỗ trợ đoàn viên tham gia du lịch.", "; no trip support paid this year."),
    "travel_trip_each": ("; chi hỗ trợ {count} đoàn viên tham gia du lịch với {each}/người.",
                         "; trip support for {count} members, {each} each."),
    "travel_trip_total": ("; chi hỗ trợ {count} đoàn viên tham gia du lịch với tổng số tiền {amount}.",
                          "; trip support for {count} members, {amount} in total."),
    "mutual": ("+ {who} tham gia đóng quỹ tương hỗ với tổng số tiền thu được là {collected}{tail}",
               "+ Mutual-aid fund: {who} contributing, {collected} collected{tail}"),
    "mutual_no_loans": ("; trong năm chưa có đoàn viên vay vốn.", "; no loans this year."),
    "mutual_loans_each": (" và triển khai cho đoàn viên công đoàn có hoàn cảnh khó khăn vay vốn là {count} đoàn "
                          "viên, với mức vay vốn {each}/xuất.",
                          "; {count} members in hardship borrowed, {each} per loan."),
    "mutual_loans_total": (" và triển khai cho đoàn viên công đoàn có hoàn cảnh khó khăn vay vốn là {count} đoàn "
                           "viên, với tổng số tiền vay {amount}.",
                           "; {count} members in hardship borrowed {amount} in total."),
    # II.4 care
    "tet": ("Tết Nguyên đán {lunar}", "Tết (the {lunar} lunar new year)"),
    "tet_plain": ("Tết Nguyên đán", "Tết"),
    "tet_each": ("Trong dịp {tet} hỗ trợ mỗi đoàn viên {each}", "At {tet} every member received {each}"),
    "tet_total": ("Trong dịp {tet} hỗ trợ {count} đoàn viên, tổng số tiền {amount}",
                  "At {tet} {count} members received {amount} in total"),
    "doctors_each": ("kỷ niệm ngày Thầy thuốc Việt Nam 27/2 mỗi đoàn viên {each}",
                     "on Vietnamese Doctors' Day (27/2) every member received {each}"),
    "doctors_total": ("kỷ niệm ngày Thầy thuốc Việt Nam 27/2 hỗ trợ {count} đoàn viên, tổng số tiền {amount}",
                      "on Doctors' Day (27/2) {count} members received {amount} in total"),
    "women_each": ("hỗ trợ các tổ công đoàn nhân ngày Quốc tế Phụ nữ 08/3 mỗi tổ một phần quà trị giá {each}",
                   "on International Women's Day (8/3) every union group received a gift worth {each}"),
    "women_total": ("hỗ trợ {count} tổ công đoàn nhân ngày Quốc tế Phụ nữ 08/3, tổng số tiền {amount}",
                    "on Women's Day (8/3) {count} union groups received {amount} in total"),
    "welfare_none": ("Trong năm chưa chi quà Tết, ngày 27/2 và ngày 8/3.", "No Tết, 27/2 or 8/3 gifts were paid."),
    "hardship": (" Chi hỗ trợ {count} đoàn viên có hoàn cảnh khó khăn trong dịp Tết Nguyên đán, {gift}{sources}",
                 " {count} members in hardship received a Tết gift, {gift}{sources}"),
    "hardship_each": ("mỗi xuất quà trị giá {each}", "{each} each"),
    "hardship_total": ("tổng số tiền {amount}", "{amount} in total"),
    "hardship_source": ("{name} tặng {count} xuất", "{count} from {name}"),
    "source_unit": ("Công đoàn cơ sở", "the grassroots union"),
    "source_other": ("nguồn khác", "other sources"),
    "hardship_none": (" Trong dịp Tết Nguyên đán chưa có xuất quà cho đoàn viên có hoàn cảnh khó khăn",
                      " No hardship gift was given at Tết"),
    "visits": ("; chi thăm hỏi động viên cán bộ bị ốm đau, hiếu hỉ và quà chia tay {count} lượt.",
               "; sickness, wedding/funeral and farewell visits: {count}."),
    "visits_none": ("; trong năm chưa có lượt thăm hỏi ốm đau, hiếu hỉ, quà chia tay.",
                    "; no sickness, wedding/funeral or farewell visits this year."),
    "care_mutual": ("- Duy trì triển khai xây dựng Quỹ tương hỗ tới {who} tham gia với mức đóng {rate}/quý/đoàn "
                    "viên; số dư năm {previous_year} chuyển sang {opening}, trong năm thu {collected}{tail}",
                    "- The mutual-aid fund went on with {who} taking part at {rate} a quarter each; {opening} "
                    "carried over from {previous_year}, {collected} collected this year{tail}"),
    "care_mutual_loans": (", cho {count} đoàn viên vay {amount}.", "; {count} members borrowed {amount}."),
    # II.5 members
    "new_none": ("- Trong năm chưa có đoàn viên kết nạp thêm.", "- No new members were admitted this year."),
    "new_some": ("- Trong năm kết nạp thêm {count} đoàn viên công đoàn.",
                 "- {count} new members were admitted this year."),
    # II.9 contest
    "prize_won": ("Kết quả: đội thi của Công đoàn cơ sở đạt {prize}.", "Result: the union's team won {prize}."),
    "prize_none": ("Kết quả: đội thi của Công đoàn cơ sở không đạt giải.", "Result: the union's team won no prize."),
    "prize_absent": ("Công đoàn cơ sở không cử đội tham dự hội thi.", "The union sent no team to the contest."),
    "prize_unknown": ("Kết quả hội thi: chưa có số liệu.", "Contest result: not given."),
    "prefilled": ("Đã chép từ {file}: nội dung {sections} mục báo cáo (đánh dấu “Năm trước — cần cập nhật”), "
                  "{groups} tổ công đoàn, số dư quỹ tương hỗ cuối năm. Sửa nội dung cho năm nay trước khi tổng hợp.",
                  "Copied from {file}: the text of {sections} report sections (marked “Last year's — to update”), "
                  "{groups} union groups and the fund's closing balance. Revise the text before merging."),
    # comparison with last year (I.1, after the qualifications)
    "compared": ("So sánh với năm {year}", "Compared with {year}"),
}

TEXTS.update({f"report.{key}": pair for key, pair in REPORT_SENTENCES.items()})
