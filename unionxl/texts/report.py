"""The annual report (writers/report_docx.py): one structure, two languages.

The report is built once from the schema's sections and these sentences; the Vietnamese ones are
the seed report's wording with the figures in place. Parameters arrive formatted (amounts, shares,
counts) by the report writer."""

TEXTS: dict[str, tuple[str, str]] = {
    "report.placeholder": ("[Ban Chấp hành viết nội dung mục này]", "[The executive committee writes this section]"),
    "report.doc_title": ("Báo cáo hoạt động Công đoàn năm {year}", "Trade union activity report {year}"),
    "report.republic": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "report.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "report.number": ("Số: …/BC-{issuer}", "No.: …/BC-{issuer}"),
    "report.dateline": ("{place}, ngày … tháng … năm …", "{place}, … … …"),
    "report.title": ("BÁO CÁO", "REPORT"),
    "report.subtitle": ("Hoạt động Công đoàn năm {year}, nhiệm vụ trọng tâm năm {next_year}",
                        "Trade union activities in {year} and priorities for {next_year}"),
    "report.intro": ("{unit} báo cáo kết quả hoạt động công đoàn năm {year} như sau:",
                     "{unit} reports on its union activities in {year} as follows:"),
    "report.intro_basis": ("Thực hiện {basis} về việc báo cáo hoạt động Công đoàn năm {year}, nhiệm vụ trọng tâm năm "
                           "{next_year}, {unit} báo cáo kết quả hoạt động như sau:",
                           "Pursuant to {basis} on the {year} union activity report and the priorities for {next_year}, "
                           "{unit} reports as follows:"),
    "report.closing": ("Trên đây là báo cáo hoạt động Công đoàn năm {year}, nhiệm vụ trọng tâm năm {next_year} của {unit}./.",
                       "This is the {year} union activity report of {unit}, with its priorities for {next_year}."),
    "report.recipients": ("Nơi nhận:", "Distribution:"),
    "report.recipients_superior": ("- {superior} (b/c);", "- {superior};"),
    "report.recipients_groups": ("- Các tổ công đoàn trực thuộc;", "- Union groups;"),
    "report.recipients_units": ("- Các công đoàn cơ sở trực thuộc;", "- Grassroots unions;"),
    "report.recipients_file": ("- Lưu: {issuer}, VT.", "- Files."),
    "report.superior_fallback": ("Công đoàn cấp trên", "Superior union"),
    "report.sign_for": ("T/M. BAN CHẤP HÀNH", "FOR THE EXECUTIVE COMMITTEE"),
    "report.sign_title": ("CHỦ TỊCH", "CHAIRPERSON"),
    "report.appendix": ("PHỤ LỤC: CÁC BẢNG SỐ LIỆU", "APPENDIX: REPORT TABLES"),
    "report.appendix_note": ("(Kèm theo báo cáo hoạt động Công đoàn năm {year} của {unit})",
                             "(Attached to the {year} union activity report of {unit})"),
    # I.1.1 numbers
    "report.members_total": ("- Tổng số: {n} đoàn viên công đoàn, trong đó: Nam {male} người = {male_pct}; "
                             "Nữ: {female} người = {female_pct};",
                             "- In total: {n} union members, of whom: male {male} = {male_pct}; "
                             "female: {female} = {female_pct};"),
    "report.groups_unit": ("- Số tổ công đoàn: {groups} tổ công đoàn.", "- Union groups: {groups}."),
    "report.groups_sector": ("- Số công đoàn cơ sở: {units}; số tổ công đoàn: {groups} tổ công đoàn.",
                             "- Grassroots unions: {units}; union groups: {groups}."),
    # I.1.2 qualifications
    "report.education": ("- Trình độ học vấn: {items}.", "- General education: {items}."),
    "report.no_data": ("chưa có số liệu", "no data"),
    "report.people_share": ("{label}: {count} người = {pct}", "{label}: {count} = {pct}"),
    "report.professional": ("- Trình độ chuyên môn:", "- Professional level:"),
    "report.professional_item": ("+ {label}: {count} người = {pct}.", "+ {label}: {count} = {pct}."),
    "report.theory": ("- Trình độ lý luận chính trị:", "- Political theory:"),
    "report.party": ("+ Đảng viên: {count} người = {pct}/ tổng đoàn viên công đoàn.",
                     "+ Party members: {count} = {pct} of all union members."),
    "report.studying": ("đang học {what} {count} người", "studying {what}: {count}"),
    "report.theory_levels": ("+ {items}.", "+ {items}."),
    # I.4 labour accidents
    "report.accidents": ("Tính đến thời điểm báo cáo trong đơn vị {accidents}, {disease}.",
                         "Up to the time of this report: {accidents}; {disease}."),
    "report.accidents_sector": ("Tính đến thời điểm báo cáo trong các đơn vị {accidents}, {disease}.",
                                "Up to the time of this report, in the unions: {accidents}; {disease}."),
    "report.accidents_none": ("không xảy ra tai nạn lao động", "no labour accidents"),
    "report.accidents_some": ("xảy ra {count} vụ tai nạn lao động", "{count} labour accidents"),
    "report.accidents_unknown": ("chưa có số liệu về tai nạn lao động", "no figure for labour accidents"),
    "report.disease_none": ("không có trường hợp mắc bệnh nghề nghiệp", "no cases of occupational disease"),
    "report.disease_some": ("có {count} trường hợp mắc bệnh nghề nghiệp", "{count} cases of occupational disease"),
    "report.disease_unknown": ("chưa có số liệu về bệnh nghề nghiệp", "no figure for occupational disease"),
    # II.1 targets
    "report.kpi_intro": ("- Kết quả thực hiện các chỉ tiêu {superior} giao cho công đoàn cơ sở năm {year} như sau:",
                         "- Results against the targets set by {superior} for {year}:"),
    "report.kpi_intro_sector": ("- Kết quả thực hiện các chỉ tiêu giao cho các công đoàn cơ sở năm {year} (tổng hợp từ "
                                "{units} CĐCS) như sau:",
                                "- Results against the targets set for the grassroots unions in {year} ({units} unions):"),
    "report.sector_fallback": ("Công đoàn ngành", "the sector union"),
    "report.kpi_social_met": ("({number}). {part}/{whole} đoàn viên công đoàn nộp quỹ ủng hộ quỹ XHCĐ tỉnh đạt {pct} "
                              "(đạt chỉ tiêu).",
                              "({number}). {part}/{whole} members contributed to the provincial union social fund "
                              "({pct}) (target met)."),
    "report.kpi_social_not": ("({number}). {part}/{whole} đoàn viên công đoàn nộp quỹ ủng hộ quỹ XHCĐ tỉnh, đạt {pct}; "
                              "còn {missing} đoàn viên chưa nộp (Không đạt chỉ tiêu, chỉ tiêu giao 100%).",
                              "({number}). {part}/{whole} members contributed to the provincial union social fund "
                              "({pct}); {missing} not yet (target not met; the target is 100%)."),
    "report.kpi_funds_met": ("({number}). Tiếp tục duy trì và thực hiện hiệu quả mô hình: “Quỹ du lịch công đoàn” và "
                             "“Quỹ tương hỗ công đoàn” (đạt chỉ tiêu).",
                             "({number}). The “union travel fund” and “union mutual-aid fund” models were kept up "
                             "(target met)."),
    "report.kpi_funds_not": ("({number}). Chưa duy trì được mô hình {missing}: trong năm không có đoàn viên đóng quỹ "
                             "(Không đạt chỉ tiêu).",
                             "({number}). The {missing} model was not kept up: no member contributed this year "
                             "(target not met)."),
    "report.fund_travel": ("“Quỹ du lịch công đoàn”", "“union travel fund”"),
    "report.fund_mutual": ("“Quỹ tương hỗ công đoàn”", "“union mutual-aid fund”"),
    "report.and": (" và ", " and "),
    "report.kpi_software_met": ("({number}). {pct} đoàn viên công đoàn được cập nhật trên phần mềm quản lý đoàn viên "
                                "công đoàn (đạt chỉ tiêu).",
                                "({number}). {part}/{whole} members recorded in the member-management software ({pct}) "
                                "(target met)."),
    "report.kpi_software_not": ("({number}). {pct} đoàn viên công đoàn được cập nhật trên phần mềm quản lý đoàn viên "
                                "công đoàn. Hiện còn {missing} đoàn viên chưa được cập nhật{why} (Không đạt chỉ tiêu, "
                                "chỉ tiêu giao 100%).",
                                "({number}). {part}/{whole} members recorded in the member-management software ({pct}); "
                                "{missing} not yet{why} (target not met; the target is 100%)."),
    "report.kpi_software_why": (", ghi chú: {notes}", ", noted: {notes}"),
    "report.kpi_other": ("({number}). {text} {status}.", "({number}). {text} {status}."),
    "report.status_met": ("(đạt chỉ tiêu)", "(target met)"),
    "report.status_not_met": ("(Không đạt chỉ tiêu)", "(target not met)"),
    "report.status_none": ("(chưa đánh giá)", "(not assessed)"),
    "report.who_all": ("{pct} đoàn viên", "{pct} of members"),
    "report.who_part": ("{pct} đoàn viên ({part}/{whole})", "{pct} of members ({part}/{whole})"),
    "report.travel": ("+ Trong năm triển khai thu quỹ du lịch tới {who} tham gia với tổng số tiền thu được {collected} "
                      "(mức đóng {rate}/tháng/đoàn viên){tail}",
                      "+ Travel fund: {who} contributing, {collected} collected ({rate} a month each){tail}"),
    "report.travel_care": ("- Tiếp tục triển khai quỹ du lịch với {who} tham gia với tổng số tiền thu được {collected} "
                           "(mức đóng {rate}/tháng/đoàn viên){tail}",
                           "- The travel fund went on with {who} taking part, {collected} collected ({rate} a month "
                           "each){tail}"),
    "report.travel_no_trip": ("; trong năm chưa chi hỗ trợ đoàn viên tham gia du lịch.", "; no trip support paid this year."),
    "report.travel_trip_each": ("; chi hỗ trợ {count} đoàn viên tham gia du lịch với {each}/người.",
                                "; trip support for {count} members, {each} each."),
    "report.travel_trip_total": ("; chi hỗ trợ {count} đoàn viên tham gia du lịch với tổng số tiền {amount}.",
                                 "; trip support for {count} members, {amount} in total."),
    "report.mutual": ("+ {who} tham gia đóng quỹ tương hỗ với tổng số tiền thu được là {collected}{tail}",
                      "+ Mutual-aid fund: {who} contributing, {collected} collected{tail}"),
    "report.mutual_no_loans": ("; trong năm chưa có đoàn viên vay vốn.", "; no loans this year."),
    "report.mutual_loans_each": (" và triển khai cho đoàn viên công đoàn có hoàn cảnh khó khăn vay vốn là {count} đoàn "
                                 "viên, với mức vay vốn {each}/xuất.",
                                 "; {count} members in hardship borrowed, {each} per loan."),
    "report.mutual_loans_total": (" và triển khai cho đoàn viên công đoàn có hoàn cảnh khó khăn vay vốn là {count} đoàn "
                                  "viên, với tổng số tiền vay {amount}.",
                                  "; {count} members in hardship borrowed {amount} in total."),
    # II.4 care
    "report.tet": ("Tết Nguyên đán {lunar}", "Tết (the {lunar} lunar new year)"),
    "report.tet_plain": ("Tết Nguyên đán", "Tết"),
    "report.tet_each": ("Trong dịp {tet} hỗ trợ mỗi đoàn viên {each}", "At {tet} every member received {each}"),
    "report.tet_total": ("Trong dịp {tet} hỗ trợ {count} đoàn viên, tổng số tiền {amount}",
                         "At {tet} {count} members received {amount} in total"),
    "report.doctors_each": ("kỷ niệm ngày Thầy thuốc Việt Nam 27/2 mỗi đoàn viên {each}",
                            "on Vietnamese Doctors' Day (27/2) every member received {each}"),
    "report.doctors_total": ("kỷ niệm ngày Thầy thuốc Việt Nam 27/2 hỗ trợ {count} đoàn viên, tổng số tiền {amount}",
                             "on Doctors' Day (27/2) {count} members received {amount} in total"),
    "report.women_each": ("hỗ trợ các tổ công đoàn nhân ngày Quốc tế Phụ nữ 08/3 mỗi tổ một phần quà trị giá {each}",
                          "on International Women's Day (8/3) every union group received a gift worth {each}"),
    "report.women_total": ("hỗ trợ {count} tổ công đoàn nhân ngày Quốc tế Phụ nữ 08/3, tổng số tiền {amount}",
                           "on Women's Day (8/3) {count} union groups received {amount} in total"),
    "report.welfare_none": ("Trong năm chưa chi quà Tết, ngày 27/2 và ngày 8/3.", "No Tết, 27/2 or 8/3 gifts were paid."),
    "report.hardship": (" Chi hỗ trợ {count} đoàn viên có hoàn cảnh khó khăn trong dịp Tết Nguyên đán, {gift}{sources}",
                        " {count} members in hardship received a Tết gift, {gift}{sources}"),
    "report.hardship_each": ("mỗi xuất quà trị giá {each}", "{each} each"),
    "report.hardship_total": ("tổng số tiền {amount}", "{amount} in total"),
    "report.hardship_source": ("{name} tặng {count} xuất", "{count} from {name}"),
    "report.source_unit": ("Công đoàn cơ sở", "the grassroots union"),
    "report.source_other": ("nguồn khác", "other sources"),
    "report.hardship_none": (" Trong dịp Tết Nguyên đán chưa có xuất quà cho đoàn viên có hoàn cảnh khó khăn",
                             " No hardship gift was given at Tết"),
    "report.visits": ("; chi thăm hỏi động viên cán bộ bị ốm đau, hiếu hỉ và quà chia tay {count} lượt.",
                      "; sickness, wedding/funeral and farewell visits: {count}."),
    "report.visits_none": ("; trong năm chưa có lượt thăm hỏi ốm đau, hiếu hỉ, quà chia tay.",
                           "; no sickness, wedding/funeral or farewell visits this year."),
    "report.care_mutual": ("- Duy trì triển khai xây dựng Quỹ tương hỗ tới {who} tham gia với mức đóng {rate}/quý/đoàn "
                           "viên; số dư năm {previous_year} chuyển sang {opening}, trong năm thu {collected}{tail}",
                           "- The mutual-aid fund went on with {who} taking part at {rate} a quarter each; {opening} "
                           "carried over from {previous_year}, {collected} collected this year{tail}"),
    "report.care_mutual_loans": (", cho {count} đoàn viên vay {amount}.", "; {count} members borrowed {amount}."),
    # II.5 members
    "report.new_none": ("- Trong năm chưa có đoàn viên kết nạp thêm.", "- No new members were admitted this year."),
    "report.new_some": ("- Trong năm kết nạp thêm {count} đoàn viên công đoàn.",
                        "- {count} new members were admitted this year."),
    # II.9 contest
    "report.prize_won": ("Kết quả: đội thi của Công đoàn cơ sở đạt {prize}.", "Result: the union's team won {prize}."),
    "report.prize_none": ("Kết quả: đội thi của Công đoàn cơ sở không đạt giải.", "Result: the union's team won no prize."),
    "report.prize_absent": ("Công đoàn cơ sở không cử đội tham dự hội thi.", "The union sent no team to the contest."),
    "report.prize_unknown": ("Kết quả hội thi: chưa có số liệu.", "Contest result: not given."),
    "report.prefilled": ("Đã chép từ {file}: nội dung {sections} mục báo cáo (đánh dấu “Năm trước — cần cập nhật”), "
                         "{groups} tổ công đoàn, số dư quỹ tương hỗ cuối năm. Sửa nội dung cho năm nay trước khi tổng hợp.",
                         "Copied from {file}: the text of {sections} report sections (marked “Last year's — to update”), "
                         "{groups} union groups and the fund's closing balance. Revise the text before merging."),
    # comparison with last year (I.1, after the qualifications)
    "report.compared": ("So sánh với năm {year}", "Compared with {year}"),
    "report.count2": ("{value:02d}", "{value}"),  # counts below 10 as the seed writes them (02, 09)
    "report.issuer_unit": ("CĐCS", "CĐCS"),  # the issuing body's code in the document number
    "report.issuer_sector": ("CĐN", "CĐN"),
    # 1.3 compared with last year (_comparison_lines)
    "report.change_up": ("tăng", "up"),
    "report.change_down": ("giảm", "down"),
    "report.compared_changes": ("- So với năm {year}, {changes}", "- Compared with {year}: {changes}"),
    "report.compared_same": ("; không đổi: {items}", "; unchanged: {items}"),
    "report.compared_unchanged": ("- So với năm {year}, các số liệu chính không thay đổi",
                                  "- Compared with {year}, the headline figures did not change"),
    "report.moves": ("- Theo số CCCD: {parts}; chi tiết ở bảng 8 của phụ lục.",
                     "- By citizen ID: {parts}; details in table 8 of the appendix."),
    "report.moves_none": ("- Theo số CCCD: danh sách đoàn viên không thay đổi so với năm trước.",
                          "- By citizen ID: the members are the same as last year."),
    "report.moves_left": ("{count} đoàn viên có tên năm {year} không còn trong danh sách ({names})",
                          "{count} members listed in {year} are no longer listed ({names})"),
    "report.moves_joined": ("{count} đoàn viên mới có tên ({names})", "{count} new members ({names})"),
    "report.balance_same": ("- Số dư quỹ tương hỗ cuối năm {year} là {closing}, khớp với số dư năm trước chuyển sang.",
                            "- The mutual-aid fund closed {year} at {closing}, which is this year's opening balance."),
    "report.balance_differs": (
        "- Số dư quỹ tương hỗ cuối năm {year} là {closing}, khác số dư năm trước chuyển sang {opening} (chênh lệch "
        "{difference}), cần đối chiếu lại.",
        "- The mutual-aid fund closed {year} at {closing}, but this year opens at {opening} (a difference of "
        "{difference}): to be reconciled."),
    # the unit workbook's sheet of report texts (report_texts.py)
    "report.recipients_label": ("Nơi nhận (mỗi dòng một nơi)", "Distribution (one per line)"),
    "report.superior_in_heading": ("công đoàn cấp trên", "the superior union"),
    "report.texts_hint": (
        "Mỗi mục một dòng; số mục và tiêu đề do phần mềm ghi, không sửa. Ô trống: báo cáo in "
        "“[Ban Chấp hành viết nội dung mục này]”. Xuống dòng trong ô: Alt+Enter.",
        "One row per section; numbers and headings are the tool's, do not edit. A blank text prints "
        "“[The executive committee writes this section]”. New line in a cell: Alt+Enter."),
}
