"""The single source of truth for every unionxl workbook.

The template writer, the reader, the checks, the writers and the docs all read
this module; no other module spells a sheet name, a header or a list value.

Glossary (Vietnamese term -> name used in code)
------------------------------------------------
Công đoàn cơ sở (CĐCS)             unit: the grassroots union (e.g. TTYT Than Uyên)
Công đoàn ngành (CĐN)              sector: the union above the unit
Tổ công đoàn                       group: one department / commune health station
Đoàn viên (ĐV)                     member
Tổ trưởng                          leader (of a group)
Người lập biểu                     prepared_by
Căn cước công dân (CCCD)           cccd: the 12-digit citizen ID
Đảng viên                          party_member
Trình độ học vấn phổ thông         general_education (THPT = upper secondary)
Trình độ chuyên môn                professional_level
Lý luận chính trị (LLCT)           political_theory; "đang học TCLLCT" = studying
Phần mềm quản lý đoàn viên (QLĐV)  member software (national register)
Quỹ xã hội công đoàn (XHCĐ)        social_fund: provincial union social fund
Quỹ du lịch công đoàn              travel fund (monthly contributions)
Quỹ tương hỗ                       mutual-aid fund (quarterly contributions, lends)
Vay vốn                            loans from the mutual-aid fund
Chăm lo                            welfare payments (gifts, visits)
Chỉ tiêu                           KPI targets assigned by the sector union
Tổng hợp                           consolidated (the merge output)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

TEMPLATE_VERSION = "1.0"
"""Bumped on any change a reader must know about; the major part must match."""

GROUP_KIND = "unionxl:to-cong-doan"
UNIT_KIND = "unionxl:cong-doan-co-so"

MAX_MEMBERS_PER_GROUP = 400
"""Entry rows prepared (formatted, validated, unlocked) in every list sheet."""


class ColType(StrEnum):
    TEXT = "text"
    NAME = "name"  # a person's name: spaces tidied, never a formula
    CCCD = "cccd"  # 12 digits, always stored as text
    DATE = "date"
    AMOUNT = "amount"  # whole VND
    INT = "int"
    CHOICE = "choice"  # one value of a list in LISTS


NUMBER_FORMATS = {
    ColType.TEXT: "@",
    ColType.NAME: "@",
    ColType.CCCD: "@",
    ColType.DATE: "dd/mm/yyyy",
    ColType.AMOUNT: "#,##0",
    ColType.INT: "0",
    ColType.CHOICE: "@",
}


@dataclass(frozen=True)
class Choice:
    key: str
    vi: str
    en: str
    aliases: tuple[str, ...] = ()

    def label(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True)
class ChoiceList:
    key: str
    vi: str  # heading in the lists sheet
    en: str
    choices: tuple[Choice, ...]

    def get(self, key: str) -> Choice:
        for choice in self.choices:
            if choice.key == key:
                return choice
        raise KeyError(key)

    def label(self, key: str, lang: str = "vi") -> str:
        return self.get(key).label(lang)

    def heading(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en


def _list(key, vi, en, *choices) -> ChoiceList:
    return ChoiceList(key, vi, en, tuple(Choice(*c) for c in choices))


GENDER = _list("gender", "Giới tính", "Gender", ("male", "Nam", "Male"), ("female", "Nữ", "Female"))
YES_NO = _list("yes_no", "Có/Không", "Yes/No", ("yes", "Có", "Yes", ("x", "c", "1")), ("no", "Không", "No", ("k", "0")))
GENERAL_EDUCATION = _list(
    "general_education", "Học vấn phổ thông", "General education",
    ("thpt", "THPT", "Upper secondary", ("12/12", "10/10", "PTTH", "lớp 12", "cấp 3", "cấp III", "tốt nghiệp THPT")),
    ("thcs", "THCS", "Lower secondary", ("9/12", "PTCS", "lớp 9", "cấp 2", "cấp II")),
    ("tieu_hoc", "Tiểu học", "Primary"),
)
PROFESSIONAL_LEVEL = _list(
    "professional_level", "Trình độ chuyên môn", "Professional level",
    ("postgraduate", "Sau đại học", "Postgraduate", ("thạc sĩ", "tiến sĩ", "CKI", "CKII", "bác sĩ chuyên khoa",
                                                     "SĐH", "ThS", "TS", "thạc sỹ", "tiến sỹ", "CK1", "CK2", "CK I", "CK II",
                                                     "BSCKI", "BSCKII", "BS CKI", "BS CKII", "chuyên khoa I",
                                                     "chuyên khoa II")),
    ("university", "Đại học", "University", ("cử nhân", "ĐH")),
    ("college", "Cao đẳng", "College", ("CĐ",)),
    ("vocational", "Trung cấp", "Vocational", ("TC", "TCCN", "trung cấp chuyên nghiệp")),
    ("untrained", "Chưa qua đào tạo", "Untrained", ("chưa đào tạo",)),
)
POLITICAL_THEORY = _list(
    "political_theory", "Lý luận chính trị", "Political theory",
    ("advanced", "Cao cấp", "Advanced", ("cao cấp LLCT", "CCLLCT", "cử nhân chính trị", "CC")),
    ("intermediate", "Trung cấp", "Intermediate", ("trung cấp LLCT", "TCLLCT", "TC")),
    ("elementary", "Sơ cấp", "Elementary", ("sơ cấp LLCT", "SCLLCT", "SC")),
    ("none", "Chưa có", "None", ("không", "chưa")),
)
STUDYING_POLITICAL = _list(
    "studying_political", "Đang học LLCT", "Studying political theory",
    ("tcllct", "Đang học TCLLCT", "Studying intermediate", ("TCLLCT", "học TCLLCT", "trung cấp")),
    ("ccllct", "Đang học CCLLCT", "Studying advanced", ("CCLLCT", "học CCLLCT", "cao cấp")),
    ("scllct", "Đang học SCLLCT", "Studying elementary", ("SCLLCT", "học SCLLCT", "sơ cấp")),
)
WELFARE_KIND = _list(
    "welfare_kind", "Loại chi chăm lo", "Welfare kind",
    ("tet_gift", "Quà Tết", "Tết gift", ("tết", "quà tết nguyên đán", "tết nguyên đán")),
    ("doctors_day", "Ngày Thầy thuốc 27/2", "Doctors' Day 27/2", ("thầy thuốc", "27/2", "ngày thầy thuốc",
                                                                  "thầy thuốc Việt Nam", "ngày thầy thuốc Việt Nam", "ngày 27/2")),
    ("womens_day", "Quốc tế Phụ nữ 8/3", "Women's Day 8/3", ("phụ nữ", "8/3", "quốc tế phụ nữ", "ngày 8/3")),
    ("hardship_gift", "Quà Tết hoàn cảnh khó khăn", "Hardship Tết gift", ("hoàn cảnh khó khăn", "khó khăn")),
    ("sickness_visit", "Thăm ốm đau", "Sickness visit", ("ốm đau", "thăm ốm")),
    ("wedding", "Hiếu hỉ - cưới", "Wedding gift", ("cưới", "hỉ", "đám cưới")),
    ("funeral", "Hiếu hỉ - tang", "Funeral visit", ("tang", "hiếu", "viếng", "đám tang", "phúng viếng")),
    ("farewell", "Quà chia tay", "Farewell gift", ("chia tay", "nghỉ hưu")),
    ("other", "Khác", "Other"),
)
WELFARE_SOURCE = _list(
    "welfare_source", "Nguồn chi", "Source of funds",
    ("unit", "CĐCS", "Grassroots union", ("công đoàn cơ sở", "CĐ cơ sở")),
    ("sector", "CĐ ngành", "Sector union", ("công đoàn ngành", "CĐN")),
    ("other", "Khác", "Other"),
)
KPI_STATUS = _list(
    "kpi_status", "Đánh giá", "Assessment",
    ("met", "Đạt", "Met", ("đạt chỉ tiêu",)),
    ("not_met", "Không đạt", "Not met", ("chưa đạt", "không đạt chỉ tiêu")),
)

TEXT_STATUS = _list(
    "text_status", "Tình trạng nội dung", "Text status",
    ("previous", "Năm trước — cần cập nhật", "Last year's — to update", ("năm trước", "cần cập nhật")),
    ("current", "Đã cập nhật", "Updated", ("cập nhật", "xong", "năm nay")),
)
PRIZE = _list(
    "prize", "Kết quả hội thi", "Contest result",
    ("first", "Giải nhất", "First prize", ("nhất", "giải 1")),
    ("second", "Giải nhì", "Second prize", ("nhì", "giải 2")),
    ("third", "Giải ba", "Third prize", ("ba", "giải 3")),
    ("merit", "Giải khuyến khích", "Consolation prize", ("khuyến khích", "KK")),
    ("no_prize", "Không đạt giải", "No prize", ("không có giải",)),
    ("absent", "Không tham dự", "Did not take part", ("không tham gia", "không dự thi")),
)

LISTS: dict[str, ChoiceList] = {
    lst.key: lst
    for lst in (GENDER, YES_NO, GENERAL_EDUCATION, PROFESSIONAL_LEVEL, POLITICAL_THEORY,
                STUDYING_POLITICAL, WELFARE_KIND, WELFARE_SOURCE, KPI_STATUS, TEXT_STATUS, PRIZE)
}
UNIT_ONLY_LISTS = ("text_status", "prize")
"""Lists only the unit workbook's report sheet uses; kept last so the group workbooks' list columns do not move."""

PER_HEAD_WELFARE = ("tet_gift", "doctors_day")
"""Welfare kinds every member receives exactly once a year."""
PER_GROUP_WELFARE = ("womens_day",)
"""Welfare kinds every group receives exactly once a year."""
VISIT_WELFARE = ("sickness_visit", "wedding", "funeral", "farewell")
"""Counted together as 'thăm hỏi ốm đau, hiếu hỉ và quà chia tay' in the report."""


@dataclass(frozen=True)
class Column:
    key: str
    vi: str  # header exactly as the template prints it
    en: str
    type: ColType = ColType.TEXT
    required: bool = False
    choices: str | None = None  # key into LISTS
    width: float = 12
    help_vi: str = ""
    help_en: str = ""
    aliases: tuple[str, ...] = ()  # other headers officers type for this column

    @property
    def number_format(self) -> str:
        return NUMBER_FORMATS[self.type]

    def header(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en

    def help(self, lang: str = "vi") -> str:
        return self.help_vi if lang == "vi" else self.help_en


@dataclass(frozen=True)
class Tally:
    """What a declared total says about a group sheet's rows: their count, the count of rows whose
    `where` column holds a value, or the sum of some columns over every row."""

    sheet: str  # TableSheet key
    sums: tuple[str, ...] = ()  # columns added up over the rows; none: the rows are counted
    where: tuple[str, str] | None = None  # (column, choice key): count only these rows

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns the figure depends on (a rejected row lacking one leaves it unknown)."""
        return self.sums or ((self.where[0],) if self.where else ())

    def of(self, rows) -> int:
        if self.sums:
            return sum(sum(filter(None, map(row.values.get, self.sums))) for row in rows)  # blanks add nothing
        if self.where:
            column, value = self.where
            return sum(1 for row in rows if row.values.get(column) == value)
        return len(rows)


@dataclass(frozen=True)
class Field:
    """One labelled value of a key-value sheet (group info, unit info, rates)."""

    key: str
    vi: str
    en: str
    type: ColType = ColType.TEXT
    required: bool = False
    default: object = None
    help_vi: str = ""
    help_en: str = ""
    locked: bool = False  # written by the tool, not by the officer
    tally: Tally | None = None  # a declared total: what the rows must give

    def label(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en

    def help(self, lang: str = "vi") -> str:
        return self.help_vi if lang == "vi" else self.help_en

    @property
    def number_format(self) -> str:
        return NUMBER_FORMATS[self.type]


@dataclass(frozen=True)
class TableSheet:
    """A sheet holding one row per record under a header row."""

    key: str
    vi: str  # sheet name
    en: str
    title_vi: str
    title_en: str
    columns: tuple[Column, ...]
    rows: int = MAX_MEMBERS_PER_GROUP
    # Columns that identify a row for a person ("which member is this?").
    identity: tuple[str, ...] = ("full_name", "cccd")
    # A fund sheet: the period columns (months, quarters) that its "total" column adds up.
    periods: tuple[str, ...] = ()

    def name(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en

    def title(self, lang: str = "vi") -> str:
        return self.title_vi if lang == "vi" else self.title_en

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


@dataclass(frozen=True)
class FieldSheet:
    """A sheet of labelled values: label in column A, value in column B."""

    key: str
    vi: str
    en: str
    title_vi: str
    title_en: str
    fields: tuple[Field, ...]

    def name(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en

    def title(self, lang: str = "vi") -> str:
        return self.title_vi if lang == "vi" else self.title_en

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


HEADER_ROW = 3
"""Template layout of a TableSheet: title in row 1, a hint in row 2, headers in
row 3, data from row 4. The reader does not rely on it: it looks for the header."""
FIELD_FIRST_ROW = 3
"""Template layout of a FieldSheet: title row 1, column headings row 2, fields from row 3."""

_STT = Column("stt", "STT", "No.", ColType.INT, width=5, help_vi="Số thứ tự (không bắt buộc).",
              help_en="Row number (optional).", aliases=("số thứ tự", "TT"))
_NAME = Column("full_name", "Họ và tên", "Full name", ColType.NAME, required=True, width=24,
               help_vi="Họ và tên đầy đủ, có dấu.", help_en="Full name with diacritics.",
               aliases=("họ tên", "tên đoàn viên", "name"))
_CCCD = Column("cccd", "Số CCCD", "Citizen ID", ColType.CCCD, required=True, width=15,
               help_vi="12 chữ số, gõ dạng văn bản để giữ số 0 ở đầu.",
               help_en="12 digits, typed as text so the leading zero stays.",
               aliases=("CCCD", "căn cước công dân", "số căn cước", "CMND/CCCD", "citizen id"))
_NOTE = Column("note", "Ghi chú", "Note", ColType.TEXT, width=20, help_vi="Ghi chú nếu có.",
               help_en="Anything worth noting.", aliases=("note",))


def _amount(key, vi, en, required=False, width=11, help_vi="Số tiền (đồng).", help_en="Amount (VND).", aliases=()):
    return Column(key, vi, en, ColType.AMOUNT, required, width=width, help_vi=help_vi, help_en=help_en, aliases=aliases)


MONTHS = tuple(f"m{m:02d}" for m in range(1, 13))
QUARTERS = ("q1", "q2", "q3", "q4")
_ROMAN = ("I", "II", "III", "IV")

MEMBERS = TableSheet(
    "members", "Đoàn viên", "Members",
    "DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN", "UNION MEMBERS",
    (
        _STT, _NAME,
        Column("gender", "Giới tính", "Gender", ColType.CHOICE, True, "gender", 8,
               "Chọn Nam hoặc Nữ.", "Choose Male or Female.", ("nam/nữ", "giới")),
        Column("birth_date", "Ngày sinh", "Date of birth", ColType.DATE, True, width=12,
               help_vi="Ngày/tháng/năm, ví dụ 05/01/1985.", help_en="dd/mm/yyyy, e.g. 05/01/1985.",
               aliases=("ngày tháng năm sinh", "năm sinh")),
        _CCCD,
        Column("party_member", "Đảng viên", "Party member", ColType.CHOICE, True, "yes_no", 9,
               "Có nếu là đảng viên.", "Yes for a party member.", ("đảng viên (có/không)",)),
        Column("general_education", "Học vấn phổ thông", "General education", ColType.CHOICE, True,
               "general_education", 10, "Ví dụ THPT.", "E.g. THPT.", ("trình độ học vấn", "học vấn", "văn hóa")),
        Column("professional_level", "Trình độ chuyên môn", "Professional level", ColType.CHOICE, True,
               "professional_level", 16, "Trình độ cao nhất đã có bằng.", "Highest level with a diploma.",
               ("chuyên môn", "trình độ CM")),
        Column("political_theory", "Lý luận chính trị", "Political theory", ColType.CHOICE, False,
               "political_theory", 12, "Để trống nếu chưa có.", "Leave blank if none.",
               ("trình độ LLCT", "LLCT", "trình độ lý luận chính trị")),
        Column("studying_political", "Đang học LLCT", "Studying political theory", ColType.CHOICE, False,
               "studying_political", 14, "Ví dụ Đang học TCLLCT; để trống nếu không.",
               "E.g. Studying intermediate; blank if not.", ("đang học lý luận chính trị",)),
        Column("join_date", "Ngày vào công đoàn", "Joined the union", ColType.DATE, True, width=12,
               help_vi="Ngày kết nạp đoàn viên công đoàn.", help_en="Date admitted to the union.",
               aliases=("ngày kết nạp", "ngày vào CĐ")),
        Column("software_recorded", "Đã cập nhật phần mềm QLĐV", "In member software", ColType.CHOICE, True,
               "yes_no", 12, "Có nếu đã có trên phần mềm quản lý đoàn viên.",
               "Yes if recorded in the national member software.", ("phần mềm QLĐV", "đã cập nhật phần mềm")),
        Column("social_fund", "Đóng quỹ XHCĐ", "Social fund paid", ColType.CHOICE, True, "yes_no", 10,
               "Có nếu đã nộp quỹ xã hội công đoàn tỉnh.", "Yes if paid to the provincial union social fund.",
               ("quỹ XHCĐ", "quỹ xã hội công đoàn")),
        _NOTE,
    ),
)

TRAVEL_FUND = TableSheet(
    "travel_fund", "Quỹ du lịch", "Travel fund",
    "THU QUỸ DU LỊCH CÔNG ĐOÀN", "UNION TRAVEL FUND",
    (
        _STT, _NAME, _CCCD,
        *(_amount(m, f"Tháng {i}", f"Month {i}", width=9, aliases=(f"T{i}", f"tháng {i:02d}", f"T{i:02d}"))
          for i, m in enumerate(MONTHS, 1)),
        _amount("total", "Cộng", "Total", True, 12, "Tổng 12 tháng.", "Sum of the 12 months.",
                ("tổng", "tổng cộng", "cộng năm")),
        _amount("trip_support", "Hỗ trợ du lịch", "Trip support", False, 12,
                "Số tiền hỗ trợ khi đoàn viên đi du lịch.", "Support received for joining the trip.",
                ("hỗ trợ", "chi hỗ trợ du lịch")),
        _NOTE,
    ),
    periods=MONTHS,
)

MUTUAL_FUND = TableSheet(
    "mutual_fund", "Quỹ tương hỗ", "Mutual-aid fund",
    "THU QUỸ TƯƠNG HỖ CÔNG ĐOÀN", "UNION MUTUAL-AID FUND",
    (
        _STT, _NAME, _CCCD,
        *(_amount(q, f"Quý {r}", f"Quarter {r}", width=11, aliases=(f"Q{i}", f"quý {i}"))
          for i, (q, r) in enumerate(zip(QUARTERS, _ROMAN), 1)),
        _amount("total", "Cộng", "Total", True, 12, "Tổng 4 quý.", "Sum of the 4 quarters.",
                ("tổng", "tổng cộng", "cộng năm")),
        _NOTE,
    ),
    periods=QUARTERS,
)

LOANS = TableSheet(
    "loans", "Vay vốn", "Loans",
    "VAY VỐN QUỸ TƯƠNG HỖ", "LOANS FROM THE MUTUAL-AID FUND",
    (
        _STT,
        Column("full_name", "Người vay", "Borrower", ColType.NAME, True, width=24,
               help_vi="Họ tên đoàn viên vay (phải là đoàn viên của tổ).",
               help_en="Borrower's name (must be a member).", aliases=("họ và tên", "họ tên người vay")),
        _CCCD,
        Column("loan_date", "Ngày vay", "Loan date", ColType.DATE, True, width=12,
               help_vi="dd/mm/yyyy", help_en="dd/mm/yyyy", aliases=("ngày giải ngân",)),
        _amount("amount", "Số tiền vay", "Amount", True, 13, "Tối đa theo định mức (10.000.000đ/xuất).",
                "At most the cap (10,000,000 VND per loan).", ("số tiền", "mức vay")),
        Column("term_months", "Thời hạn (tháng)", "Term (months)", ColType.INT, True, width=9,
               help_vi="Số tháng vay.", help_en="Months.", aliases=("thời hạn", "kỳ hạn")),
        _amount("repaid", "Đã trả", "Repaid", False, 12, "Số tiền đã trả đến nay.", "Repaid so far.",
                ("đã hoàn trả", "số đã trả")),
        _amount("outstanding", "Còn nợ", "Outstanding", False, 12, "Số vay trừ số đã trả.",
                "Amount minus repaid.", ("dư nợ", "còn lại")),
        Column("purpose", "Mục đích vay", "Purpose", ColType.TEXT, False, width=22,
               help_vi="Ví dụ: sửa nhà, chữa bệnh.", help_en="E.g. house repair, medical care.",
               aliases=("mục đích",)),
        _NOTE,
    ),
    rows=100,
)

WELFARE = TableSheet(
    "welfare", "Chăm lo", "Welfare",
    "CHI CHĂM LO ĐOÀN VIÊN", "WELFARE PAYMENTS",
    (
        _STT,
        Column("date", "Ngày chi", "Date", ColType.DATE, True, width=12,
               help_vi="dd/mm/yyyy", help_en="dd/mm/yyyy", aliases=("ngày",)),
        Column("kind", "Nội dung chi", "Kind", ColType.CHOICE, True, "welfare_kind", 24,
               "Chọn trong danh sách.", "Choose from the list.", ("loại chi", "nội dung")),
        Column("full_name", "Người nhận", "Recipient", ColType.NAME, True, width=24,
               help_vi="Họ tên đoàn viên; với quà 8/3 ghi tên tổ.",
               help_en="Member's name; for Women's Day, the group.", aliases=("họ và tên", "đối tượng")),
        Column("cccd", "Số CCCD", "Citizen ID", ColType.CCCD, False, width=15,
               help_vi="CCCD người nhận (để trống với quà của tổ).",
               help_en="Recipient's citizen ID (blank for a group gift).", aliases=_CCCD.aliases),
        _amount("amount", "Số tiền", "Amount", True, 12),
        Column("source", "Nguồn chi", "Source", ColType.CHOICE, True, "welfare_source", 12,
               "CĐCS, CĐ ngành hoặc Khác.", "Grassroots union, sector union or other.", ("nguồn", "nguồn kinh phí")),
        _NOTE,
    ),
    rows=2 * MAX_MEMBERS_PER_GROUP + 100,
)

GROUP_INFO = FieldSheet(
    "info", "Thông tin tổ", "Group info",
    "THÔNG TIN TỔ CÔNG ĐOÀN", "UNION GROUP INFORMATION",
    (
        Field("kind", "Loại biểu mẫu", "Workbook kind", locked=True, default=GROUP_KIND,
              help_vi="Không sửa ô này.", help_en="Do not edit."),
        Field("template_version", "Phiên bản mẫu", "Template version", locked=True, default=TEMPLATE_VERSION,
              help_vi="Không sửa ô này.", help_en="Do not edit."),
        Field("year", "Năm báo cáo", "Report year", ColType.INT, True, locked=True),
        Field("unit_name", "Công đoàn cơ sở", "Grassroots union", ColType.TEXT, True, locked=True),
        Field("group_code", "Mã tổ", "Group code", ColType.TEXT, True, locked=True,
              help_vi="Do BCH CĐCS cấp, không sửa.", help_en="Issued by the union executive; do not edit."),
        Field("group_name", "Tên tổ công đoàn", "Group name", ColType.TEXT, True, locked=True),
        Field("leader", "Tổ trưởng", "Group leader", ColType.NAME, True),
        Field("prepared_by", "Người lập biểu", "Prepared by", ColType.NAME, True),
        Field("prepared_date", "Ngày lập", "Date prepared", ColType.DATE, True, help_vi="dd/mm/yyyy",
              help_en="dd/mm/yyyy"),
        Field("declared_members", "Tổng số đoàn viên", "Members (declared)", ColType.INT, True,
              help_vi="Tổ tự đếm; phần mềm đối chiếu với danh sách.", help_en="Your count; checked against the list.",
              tally=Tally("members")),
        Field("declared_male", "Trong đó: Nam", "of whom male", ColType.INT, True,
              tally=Tally("members", where=("gender", "male"))),
        Field("declared_female", "Trong đó: Nữ", "of whom female", ColType.INT, True,
              tally=Tally("members", where=("gender", "female"))),
        Field("declared_travel_total", "Tổng thu quỹ du lịch", "Travel fund collected", ColType.AMOUNT, True,
              tally=Tally("travel_fund", MONTHS)),
        Field("declared_mutual_total", "Tổng thu quỹ tương hỗ", "Mutual-aid fund collected", ColType.AMOUNT, True,
              tally=Tally("mutual_fund", QUARTERS)),
        Field("declared_loans_count", "Số xuất vay", "Number of loans", ColType.INT, True, tally=Tally("loans")),
        Field("declared_loans_amount", "Tổng tiền vay", "Total lent", ColType.AMOUNT, True,
              tally=Tally("loans", ("amount",))),
    ),
)

DECLARED_TOTALS = tuple(f.key for f in GROUP_INFO.fields if f.tally is not None)
"""As the schema is at import; code that must follow a changed schema calls declared_totals()."""


def declared_totals() -> dict[str, Tally]:
    """Each declared total of the group info sheet and what the rows must give for it."""
    return {f.key: f.tally for f in GROUP_INFO.fields if f.tally is not None}

GROUP_SHEETS: tuple[TableSheet, ...] = (MEMBERS, TRAVEL_FUND, MUTUAL_FUND, LOANS, WELFARE)

# ---------------------------------------------------------------- unit workbook

UNIT_INFO = FieldSheet(
    "unit_info", "Thông tin đơn vị", "Unit info",
    "THÔNG TIN CÔNG ĐOÀN CƠ SỞ", "GRASSROOTS UNION INFORMATION",
    (
        Field("kind", "Loại biểu mẫu", "Workbook kind", locked=True, default=UNIT_KIND,
              help_vi="Không sửa ô này.", help_en="Do not edit."),
        Field("template_version", "Phiên bản mẫu", "Template version", locked=True, default=TEMPLATE_VERSION,
              help_vi="Không sửa ô này.", help_en="Do not edit."),
        Field("year", "Năm báo cáo", "Report year", ColType.INT, True),
        Field("unit_name", "Công đoàn cơ sở", "Grassroots union", ColType.TEXT, True,
              help_vi="Ví dụ: Công đoàn cơ sở Trung tâm Y tế Than Uyên.",
              help_en="E.g. Công đoàn cơ sở Trung tâm Y tế Than Uyên."),
        Field("superior_name", "Công đoàn cấp trên", "Superior union", ColType.TEXT, True,
              help_vi="Ví dụ: Công đoàn ngành Y tế Lai Châu.", help_en="E.g. Công đoàn ngành Y tế Lai Châu."),
        Field("place", "Địa danh", "Place", ColType.TEXT, False, help_vi="Dùng ở đầu báo cáo: Than Uyên, ngày …",
              help_en="Used in the report's dateline."),
        Field("chair_name", "Chủ tịch CĐCS", "Chairperson", ColType.NAME, False),
        Field("mutual_opening_balance", "Số dư quỹ tương hỗ năm trước chuyển sang", "Mutual-aid fund opening balance",
              ColType.AMOUNT, True, help_vi="Lũy tích đến 31/12 năm trước.", help_en="Balance carried from last year."),
        Field("new_members", "Số đoàn viên kết nạp mới trong năm", "New members admitted this year", ColType.INT,
              False, help_vi="Để trống: phần mềm tự đếm theo ngày vào công đoàn.",
              help_en="Blank: counted from the join dates."),
        Field("report_basis", "Văn bản yêu cầu báo cáo", "Request for the report", ColType.TEXT, False,
              help_vi="Ví dụ: Công văn số 140/CĐN ngày 16/10/2024 của Công đoàn ngành Y tế tỉnh Lai Châu; "
                      "báo cáo mở đầu bằng “Thực hiện …”.",
              help_en="E.g. the sector union's letter asking for the report; the report opens with it."),
    ),
)

UNIT_GROUPS = TableSheet(
    "groups", "Tổ công đoàn", "Groups",
    "DANH SÁCH TỔ CÔNG ĐOÀN", "UNION GROUPS",
    (
        _STT,
        Column("group_code", "Mã tổ", "Group code", ColType.TEXT, True, width=10,
               help_vi="Mã ngắn, không trùng, ví dụ T01.", help_en="Short unique code, e.g. T01.", aliases=("mã",)),
        Column("group_name", "Tên tổ công đoàn", "Group name", ColType.TEXT, True, width=36,
               aliases=("tên tổ", "tổ công đoàn")),
        Column("leader", "Tổ trưởng", "Group leader", ColType.NAME, False, width=24),
        _NOTE,
    ),
    rows=200,
    identity=("group_code",),
)

POLICY = FieldSheet(
    "policy", "Định mức", "Rates",
    "ĐỊNH MỨC THU, CHI", "CONTRIBUTION AND PAYMENT RATES",
    (
        Field("travel_monthly", "Quỹ du lịch: mức đóng mỗi tháng", "Travel fund: monthly contribution",
              ColType.AMOUNT, True, 30_000, "Số tiền (đồng) mỗi đoàn viên đóng mỗi tháng.",
              "VND each member pays per month."),
        Field("mutual_quarterly", "Quỹ tương hỗ: mức đóng mỗi quý", "Mutual-aid fund: quarterly contribution",
              ColType.AMOUNT, True, 200_000, "Số tiền (đồng) mỗi đoàn viên đóng mỗi quý.",
              "VND each member pays per quarter."),
        Field("loan_cap", "Mức vay tối đa một xuất", "Loan cap", ColType.AMOUNT, True, 10_000_000,
              "Số tiền (đồng) tối đa cho một xuất vay quỹ tương hỗ.", "Most VND one loan may be."),
        Field("trip_support", "Hỗ trợ du lịch mỗi người", "Trip support per member", ColType.AMOUNT, True, 1_000_000,
              "Số tiền (đồng) hỗ trợ mỗi đoàn viên tham gia du lịch.", "VND for each member who joins the trip."),
        Field("tet_gift", "Quà Tết mỗi đoàn viên", "Tết gift per member", ColType.AMOUNT, True, 200_000,
              "Số tiền (đồng) quà Tết mỗi đoàn viên.", "VND per member."),
        Field("doctors_day", "Ngày Thầy thuốc 27/2 mỗi đoàn viên", "Doctors' Day per member", ColType.AMOUNT,
              True, 150_000, "Số tiền (đồng) mỗi đoàn viên.", "VND per member."),
        Field("womens_day", "Quốc tế Phụ nữ 8/3 mỗi tổ", "Women's Day per group", ColType.AMOUNT, True, 500_000,
              "Số tiền (đồng) quà 8/3 cho mỗi tổ công đoàn.", "VND per union group."),
        Field("hardship_gift", "Quà Tết hoàn cảnh khó khăn mỗi xuất", "Hardship Tết gift", ColType.AMOUNT, True,
              500_000, "Số tiền (đồng) mỗi xuất quà Tết cho đoàn viên khó khăn.", "VND per hardship gift."),
    ),
)

POLICY_DEFAULTS: dict[str, int] = {f.key: f.default for f in POLICY.fields}
WELFARE_RATE = {"tet_gift": "tet_gift", "doctors_day": "doctors_day", "womens_day": "womens_day",
                "hardship_gift": "hardship_gift"}
"""Welfare kind -> the policy rate it must equal."""


@dataclass(frozen=True)
class Kpi:
    number: int
    key: str
    vi: str
    en: str
    decided_by_data: bool = False

    def label(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en


KPIS: tuple[Kpi, ...] = (
    Kpi(1, "social_fund", "100% đoàn viên công đoàn nộp quỹ ủng hộ quỹ XHCĐ tỉnh",
        "Every member contributes to the provincial union social fund", True),
    Kpi(2, "inspections", "Kiểm tra tài chính đồng cấp 01 cuộc, kiểm tra toàn diện 01 cuộc",
        "One financial inspection and one comprehensive inspection at the same level"),
    Kpi(3, "reports_on_time", "100% các báo cáo gửi về CĐN Y tế đúng thời gian quy định",
        "Every report reaches the sector union on time"),
    Kpi(4, "newspaper", "Đặt báo Lao Động hàng ngày 02 số", "Two daily subscriptions to Lao Động newspaper"),
    Kpi(5, "news_items", "Có 01 tin trở lên đăng trên cổng thông tin điện tử của LĐLĐ tỉnh và Sở Y tế",
        "At least one news item on the provincial federation or health department portal"),
    Kpi(6, "video_clip", "Có 01 videoclip đăng trên cổng thông tin điện tử của LĐLĐ tỉnh",
        "One video clip on the provincial federation portal"),
    Kpi(7, "employees_conference", "Phối hợp với thủ trưởng đơn vị tổ chức hội nghị CBVCNLĐ",
        "Employees' conference held with the director"),
    Kpi(8, "fund_models", "Duy trì mô hình “Quỹ du lịch công đoàn” và “Quỹ tương hỗ công đoàn”",
        "Travel fund and mutual-aid fund models maintained", True),
    Kpi(9, "creative_labour", "Có đề tài, sáng kiến được Tổng Liên đoàn tặng Bằng lao động sáng tạo",
        "An initiative awarded the Creative Labour certificate"),
    Kpi(10, "member_software", "100% đoàn viên được cập nhật trên phần mềm quản lý đoàn viên",
        "Every member recorded in the member software", True),
    Kpi(11, "rating", "CĐCS đạt hoàn thành tốt nhiệm vụ trở lên",
        "The union rated 'completed its tasks well' or better"),
)

KPI_SHEET = TableSheet(
    "kpis", "Chỉ tiêu", "Targets",
    "KẾT QUẢ THỰC HIỆN CHỈ TIÊU CĐN GIAO", "TARGETS SET BY THE SECTOR UNION",
    (
        # Number and target are written by the tool (locked), so not shown as the officer's duty.
        Column("number", "STT", "No.", ColType.INT, False, width=5, aliases=("TT", "số")),
        Column("target", "Chỉ tiêu", "Target", ColType.TEXT, False, width=50, aliases=("nội dung chỉ tiêu",)),
        Column("result", "Kết quả thực hiện", "Result", ColType.TEXT, False, width=50,
               help_vi="Ghi kết quả; chỉ tiêu (1), (8), (10) phần mềm tự tính.",
               help_en="Describe the result; (1), (8), (10) are computed.", aliases=("kết quả",)),
        Column("status", "Đánh giá", "Assessment", ColType.CHOICE, False, "kpi_status", 12,
               "Đạt hoặc Không đạt.", "Met or not met.", ("đạt/không đạt",)),
    ),
    rows=len(KPIS),
    identity=("number",),
)

UNIT_SHEETS: tuple[TableSheet, ...] = (UNIT_GROUPS, KPI_SHEET)


# ------------------------------------------------------------ the annual report
#
# The CĐCS annual report, section by section, in the seed report's order and
# numbering. A section is a heading only (its subsections carry the content),
# generated from the data, written by the union executive (Ban Chấp hành) in the
# unit workbook's report sheet, or both. Headings may name the year ({year},
# {next_year}), the lunar year ({lunar}) and the superior union ({superior}).


class SectionKind(StrEnum):
    HEADING = "heading"  # a heading whose subsections hold the content
    GENERATED = "generated"  # sentences computed from the data
    WRITTEN = "written"  # the executive's own text
    BOTH = "both"  # generated sentences, then the executive's text (or the text first: written_first)


@dataclass(frozen=True)
class ReportSection:
    key: str
    number: str  # "I", "I.1", "I.1.1": its place; the report prints "I.", "1.", "1.1."
    vi: str
    en: str
    kind: SectionKind
    sector: bool = True  # also in a sector roll-up's report
    written_first: bool = False  # BOTH: the executive's text comes before the generated sentences
    facts: tuple[Column, ...] = ()  # figures the seed states inside this section's prose, typed cells

    @property
    def level(self) -> int:
        return self.number.count(".") + 1

    @property
    def written(self) -> bool:
        return self.kind in (SectionKind.WRITTEN, SectionKind.BOTH)

    @property
    def generated(self) -> bool:
        return self.kind in (SectionKind.GENERATED, SectionKind.BOTH)

    def heading(self, lang: str = "vi", **names) -> str:
        return (self.vi if lang == "vi" else self.en).format(**names)


_H, _G, _W, _B = SectionKind.HEADING, SectionKind.GENERATED, SectionKind.WRITTEN, SectionKind.BOTH

REPORT_SECTIONS: tuple[ReportSection, ...] = (
    ReportSection("workforce", "I", "TÌNH HÌNH CÔNG NHÂN, VIÊN CHỨC LAO ĐỘNG", "THE WORKFORCE", _H),
    ReportSection("employees", "I.1", "Tình hình viên chức người lao động (VCNLĐ)", "Employees", _H),
    ReportSection("quantity", "I.1.1", "Số lượng", "Numbers", _G),
    ReportSection("quality", "I.1.2", "Chất lượng", "Qualifications", _G),
    ReportSection("jobs_income", "I.2", "Tình hình việc làm, thu nhập, đời sống của đoàn viên, người lao động",
                  "Jobs, income and living conditions of members and employees", _W),
    ReportSection("labour_relations", "I.3", "Tình hình quan hệ lao động", "Labour relations", _W),
    ReportSection("accidents", "I.4", "Tình hình tai nạn lao động", "Labour accidents", _B, facts=(
        Column("labour_accidents", "Số vụ tai nạn lao động trong năm", "Labour accidents in the year",
               ColType.INT, help_vi="Gõ số; 0 nếu không có.", help_en="A number; 0 if none."),
        Column("occupational_disease", "Số trường hợp mắc bệnh nghề nghiệp trong năm",
               "Occupational-disease cases in the year", ColType.INT, help_vi="Gõ số; 0 nếu không có.",
               help_en="A number; 0 if none."),
    )),
    ReportSection("union_issues", "I.5", "Những vấn đề tác động đến tổ chức và hoạt động công đoàn",
                  "Issues affecting the union and its work", _W),
    ReportSection("results", "II", "KẾT QUẢ HOẠT ĐỘNG CÔNG ĐOÀN NĂM {year}", "UNION ACTIVITIES IN {year}", _H),
    ReportSection("theme_targets", "II.1", "Việc triển khai, cụ thể hóa chủ đề hoạt động công đoàn năm {year}; "
                  "kết quả thực hiện các chỉ tiêu được giao", "The {year} union theme and the targets set", _B,
                  written_first=True),
    ReportSection("resolutions", "II.2", "Tổ chức tuyên truyền, quán triệt, học tập Nghị quyết Đại hội Công đoàn "
                  "các cấp; xây dựng văn hóa công sở, thực hiện nếp sống văn minh",
                  "Studying the union congresses' resolutions; workplace culture", _W),
    ReportSection("action_programme", "II.3", "Việc triển khai thực hiện Chương trình hành động thực hiện Nghị "
                  "quyết số 02-NQ/TW ngày 12/6/2021 của Bộ Chính trị về “Đổi mới tổ chức và hoạt động của Công "
                  "đoàn Việt Nam trong tình hình mới” và chương trình, kế hoạch của cấp ủy cùng cấp",
                  "The action programme for Politburo Resolution 02-NQ/TW on renewing the Vietnamese trade "
                  "union, and the Party committee's plans", _W),
    ReportSection("care", "II.4", "Hoạt động chăm lo, hỗ trợ cho đoàn viên, người lao động nhất là trong dịp "
                  "Tết Nguyên đán {lunar} {year}", "Care and support for members, above all at Tết {year}", _B),
    ReportSection("membership", "II.5", "Kết quả công tác phát triển đoàn viên năm {year}",
                  "Member recruitment in {year}", _B),
    ReportSection("workers_month", "II.6", "Hoạt động trong Tháng Công nhân năm {year}",
                  "Workers' Month {year}", _W),
    ReportSection("policy", "II.7", "Công tác tham gia xây dựng chính sách, pháp luật liên quan đến người lao "
                  "động, tổ chức công đoàn; tổ chức triển khai các quy định mới của pháp luật liên quan đến người "
                  "lao động", "Taking part in policy and law-making; new legal provisions for employees", _W),
    ReportSection("emulation", "II.8", "Triển khai phong trào thi đua yêu nước năm {year}",
                  "The {year} patriotic emulation movement", _W),
    ReportSection("contest", "II.9", "Triển khai tổ chức hội thi “Cán bộ Công đoàn giỏi” năm {year}",
                  "The “Good union officer” contest {year}", _B, sector=False, written_first=True, facts=(
        Column("contest_prize", "Kết quả đội thi của đơn vị", "Result of the union's team", ColType.CHOICE,
               choices="prize", help_vi="Chọn trong danh sách.", help_en="Choose from the list."),
    )),
    ReportSection("leadership", "II.10", "Những đổi mới trong công tác lãnh đạo, chỉ đạo và tổ chức thực hiện để "
                  "thích ứng với bối cảnh thực tiễn; những kinh nghiệm rút ra",
                  "What changed in leading and organising the work; lessons learnt", _W),
    ReportSection("shortcomings", "III", "MỘT SỐ HẠN CHẾ, KHUYẾT ĐIỂM", "SHORTCOMINGS", _H),
    ReportSection("limitations", "III.1", "Tồn tại, hạn chế", "Limitations", _W),
    ReportSection("causes", "III.2", "Nguyên nhân", "Causes", _W),
    ReportSection("next_year", "IV", "NHIỆM VỤ, GIẢI PHÁP NĂM {next_year}", "TASKS AND SOLUTIONS FOR {next_year}", _W),
    ReportSection("proposals", "V", "ĐỀ XUẤT, KIẾN NGHỊ", "PROPOSALS", _H),
    ReportSection("to_party", "V.1", "Đối với Đảng ủy", "To the Party committee", _W),
    ReportSection("to_superior", "V.2", "Đối với {superior}", "To {superior}", _W),
)

REPORT_FACTS: tuple[Column, ...] = tuple(f for s in REPORT_SECTIONS for f in s.facts)
RECIPIENTS_KEY = "recipients"
"""The report sheet's last row: 'Nơi nhận', one recipient per line; blank keeps the usual list."""


def report_sections(level: str = "unit") -> tuple[ReportSection, ...]:
    """The report's sections at one level: a sector roll-up leaves out what only a CĐCS reports."""
    if level == "unit":
        return REPORT_SECTIONS
    return tuple(s for s in REPORT_SECTIONS if s.sector)


def report_outline(level: str = "unit") -> list[tuple[ReportSection, str]]:
    """(section, printed label) in order. Labels count the sections present, so a level that
    leaves one out still numbers 1, 2, 3 … as a hand-written report would."""
    counters: list[int] = []
    outline = []
    for section in report_sections(level):
        depth = section.level
        counters = counters[:depth]
        while len(counters) < depth:
            counters.append(0)
        counters[depth - 1] += 1
        if depth == 1:
            label = _ROMAN_NUMERALS[counters[0] - 1] + "."
        else:
            label = ".".join(str(n) for n in counters[1:]) + "."
        outline.append((section, label))
    return outline


_ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def report_section(key: str) -> ReportSection:
    for section in REPORT_SECTIONS:
        if section.key == key:
            return section
    raise KeyError(key)


REPORT_TEXTS = TableSheet(
    "report_texts", "Nội dung báo cáo", "Report text",
    "NỘI DUNG BÁO CÁO DO BAN CHẤP HÀNH VIẾT", "REPORT TEXT WRITTEN BY THE EXECUTIVE COMMITTEE",
    (
        Column("section", "Mục", "Section", ColType.TEXT, False, width=7, aliases=("số mục", "STT")),
        Column("heading", "Tiêu đề mục", "Heading", ColType.TEXT, False, width=34, aliases=("tiêu đề",)),
        Column("text", "Nội dung (Ban Chấp hành viết)", "Text (written by the executive)", ColType.TEXT, False,
               width=90, help_vi="Viết như trong báo cáo; xuống dòng bằng Alt+Enter. Dòng bắt đầu bằng “-” "
               "hoặc “+” là một ý. Ô số liệu: gõ số.",
               help_en="Write it as in the report; Alt+Enter starts a new line. Lines starting with “-” or "
               "“+” are bullets. Figure cells: a number.", aliases=("nội dung", "text")),
        Column("status", "Tình trạng", "Status", ColType.CHOICE, False, "text_status", width=16,
               help_vi="“Năm trước — cần cập nhật”: nội dung chép từ báo cáo năm trước; sửa xong chọn "
               "“Đã cập nhật”.",
               help_en="“Last year's — to update”: copied from last year's report; choose “Updated” once revised.",
               aliases=("trạng thái",)),
    ),
    rows=60,
    identity=("section",),
)

INSTRUCTIONS_SHEET = ("Hướng dẫn", "Instructions")
LISTS_SHEET = ("Danh mục", "Lists")


def sheet_name(pair: tuple[str, str], lang: str = "vi") -> str:
    return pair[0] if lang == "vi" else pair[1]


# The consolidated workbook, in sheet order. Its ledgers are the group sheets, whatever they are:
# a sheet added to GROUP_SHEETS is a ledger there too, with no writer edited.
SUMMARY_SHEET = ("Tổng hợp", "Summary")
REPORT_SHEET = ("Báo cáo", "Report")
MOVEMENTS_SHEET = ("Biến động đoàn viên", "Membership changes")
SOURCES_SHEET = ("Nguồn", "Sources")


def consolidated_sheets() -> list[tuple[str, str, str]]:
    """(key, vi, en) of every sheet the consolidated workbook may hold, in order (names under Excel's
    31 characters). 'ledger' sheets are keyed by their group sheet's key."""
    return [("summary", *SUMMARY_SHEET),
            *((sheet.key, sheet.vi, sheet.en) for sheet in GROUP_SHEETS),
            ("report", *REPORT_SHEET), ("kpis", KPI_SHEET.vi, KPI_SHEET.en),
            ("movements", *MOVEMENTS_SHEET), ("findings", FINDINGS_SHEET.vi, FINDINGS_SHEET.en),
            ("sources", *SOURCES_SHEET)]


def fund_sheets() -> dict[str, tuple[str, ...]]:
    """Group sheet key -> its period columns, for every fund sheet (those whose rows add up periods)."""
    return {sheet.key: sheet.periods for sheet in GROUP_SHEETS if sheet.periods}


def table_sheet(key: str) -> TableSheet:
    for sheet in (*GROUP_SHEETS, *UNIT_SHEETS, REPORT_TEXTS):
        if sheet.key == key:
            return sheet
    raise KeyError(key)


# Province codes (digits 1-3 of a CCCD), Circular 59/2021/TT-BCA annex.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
    "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
    "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
    "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
    "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}

CCCD_CENTURY_DIGIT = {  # 4th digit -> (century start, gender key); Circular 59/2021 art. 7
    "0": (1900, "male"), "1": (1900, "female"),
    "2": (2000, "male"), "3": (2000, "female"),
    "4": (2100, "male"), "5": (2100, "female"),
    "6": (2200, "male"), "7": (2200, "female"),
    "8": (2300, "male"), "9": (2300, "female"),
}


# ---------------------------------------------------------- consolidated workbook
#
# What `unionxl merge` writes is itself an input one level up (group -> CĐCS ->
# sector -> ...): the writer lays it out from these definitions and the roll-up
# reads it back with the same header-matching reader as a group workbook.

CONSOLIDATED_KIND = "unionxl:tong-hop"
CONSOLIDATED_INFO_SHEET = "unionxl"
"""The hidden key-value sheet that marks a consolidated workbook (same name in every language)."""

LEVEL_UNIT = "unit"  # a CĐCS: its groups merged
LEVEL_SECTOR = "sector"  # a sector union (or higher): consolidated workbooks rolled up

CONSOLIDATED_INFO = FieldSheet(
    "consolidated_info", CONSOLIDATED_INFO_SHEET, CONSOLIDATED_INFO_SHEET,
    "THÔNG TIN BẢN TỔNG HỢP", "CONSOLIDATED WORKBOOK INFORMATION",
    (
        UNIT_INFO.field("kind"),
        UNIT_INFO.field("template_version"),
        Field("year", "Năm báo cáo", "Report year", ColType.INT),
        Field("unit_name", "Công đoàn cơ sở", "Grassroots union"),  # the sector's name at sector level
        Field("superior_name", "Công đoàn cấp trên", "Superior union"),
        Field("level", "Cấp tổng hợp", "Level"),
        Field("mutual_opening_balance", UNIT_INFO.field("mutual_opening_balance").vi,
              UNIT_INFO.field("mutual_opening_balance").en, ColType.AMOUNT),
        Field("new_members", UNIT_INFO.field("new_members").vi, UNIT_INFO.field("new_members").en, ColType.INT),
        Field("units", "Số CĐCS đã tổng hợp", "Grassroots unions consolidated", ColType.INT),
        Field("groups", "Số tổ đã tổng hợp", "Groups consolidated", ColType.INT),
        Field("members", "Số đoàn viên", "Members", ColType.INT),
        Field("errors", "Số lỗi chưa sửa", "Unresolved errors", ColType.INT),
        *(Field(f.key, f.vi, f.en, f.type) for f in POLICY.fields),
        Field("tool", "Phần mềm", "Written by"),
    ),
)

ORIGIN_UNIT = Column("origin_unit", "Công đoàn cơ sở", "Grassroots union", width=44,
                     aliases=("CĐCS", "đơn vị"))
ORIGIN_GROUP_CODE = Column("origin_group_code", "Mã tổ", "Group code", width=8)
ORIGIN_GROUP_NAME = Column("origin_group_name", "Tên tổ", "Group name", width=30)
SOURCE_FILE = Column("source_file", "Tệp nguồn", "Source file", width=34)
SOURCE_ROW = Column("source_row", "Dòng nguồn", "Source row", ColType.INT, width=10)


def ledger_sheet(sheet: TableSheet, level: str = LEVEL_UNIT) -> TableSheet:
    """A group sheet as the consolidated workbook lists it: where each row comes from, the group
    template's columns, and its source. The CĐCS column appears from the sector level on."""
    origin = (ORIGIN_UNIT,) if level != LEVEL_UNIT else ()
    # Its own key: the reader caches header matching by sheet key, and these columns are not the group's.
    return TableSheet(f"{level}-ledger:{sheet.key}", sheet.vi, sheet.en, sheet.title_vi, sheet.title_en,
                      (*origin, ORIGIN_GROUP_CODE, ORIGIN_GROUP_NAME, *sheet.columns, SOURCE_FILE, SOURCE_ROW),
                      sheet.rows, sheet.identity)


FINDINGS_SHEET = TableSheet(
    "findings", "Phát hiện", "Findings", "CÁC PHÁT HIỆN KHI KIỂM TRA", "FINDINGS",
    (
        Column("severity", "Mức độ", "Severity", width=10),
        Column("code", "Mã", "Code", width=20),
        Column("group", "Tổ", "Group", width=7),
        Column("file", "Tệp", "File", width=30),
        Column("sheet", "Trang", "Sheet", width=14),
        Column("cell", "Ô", "Cell", width=7),
        Column("value", "Giá trị", "Value", width=22),
        Column("message", "Nội dung", "Message", width=70),
    ),
    identity=("code",),
)
