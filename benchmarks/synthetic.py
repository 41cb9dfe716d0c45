"""A synthetic year for benchmarks: N group workbooks × M members, written with the project's own template.

Realistic rows (members, 12 monthly and 4 quarterly contributions, loans,
per-head and group welfare) and a few percent of planted mistakes (amounts typed
as text, CCCDs that lost their leading zero, unpaid periods, a wrong birth-year
digit), so the checks do real work. Deterministic for given N, M and seed.

    python benchmarks/synthetic.py OUT_DIR --groups 1000 --members 100
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from unionxl import schema  # noqa: E402
from unionxl.template import write_group_workbook, write_unit_workbook  # noqa: E402

YEAR = 2024
UNIT = "Công đoàn cơ sở Khu công nghiệp Thử nghiệm"
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Lò", "Lường", "Tòng", "Quàng", "Giàng", "Sùng", "Vàng"]
MIDDLE = {"Nam": ["Văn", "Đức", "A", "Minh"], "Nữ": ["Thị", "Thu", "Thị Thu", "Ngọc"]}
GIVEN = ["An", "Bình", "Chung", "Dung", "Hoa", "Hùng", "Lan", "Mai", "Nam", "Phương", "Sử", "Thủy", "Xuân"]
LEVELS = [c.vi for c in schema.PROFESSIONAL_LEVEL.choices]


def group_data(g: int, members: int, seed: int, mistakes: float) -> dict:
    rng = random.Random(seed * 100_003 + g)
    rows, travel, mutual, welfare = [], [], [], []
    for i in range(members):
        gender = rng.choice(("Nam", "Nữ"))
        birth = dt.date(rng.randint(1965, 2003), rng.randint(1, 12), rng.randint(1, 28))
        digit = {"Nam": 0, "Nữ": 1}[gender] + (2 if birth.year >= 2000 else 0)
        cccd = f"012{digit}{birth.year % 100:02d}{g:03d}{i:03d}"[:12]
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN)}"
        cell_cccd: object = cccd
        if rng.random() < mistakes:
            cell_cccd = int(cccd)  # typed in a numeric cell: the leading zero is lost
        rows.append({"stt": i + 1, "full_name": name, "gender": gender, "birth_date": birth, "cccd": cell_cccd,
                     "party_member": rng.choice(("Có", "Không")), "general_education": "THPT",
                     "professional_level": rng.choice(LEVELS), "political_theory": None, "studying_political": None,
                     "join_date": dt.date(2010 + i % 14, 1 + i % 12, 1), "software_recorded": "Có",
                     "social_fund": "Có", "note": None})
        months = {m: 30_000 for m in schema.MONTHS}
        if rng.random() < mistakes:
            months["m03"] = "30.000"  # text amount: still counted, with a warning
        quarters = {q: 200_000 for q in schema.QUARTERS}
        if rng.random() < mistakes:
            quarters["q4"] = None  # arrears
        travel.append({"stt": i + 1, "full_name": name, "cccd": cccd, **months, "total": 360_000,
                       "trip_support": 1_000_000 if rng.random() < 0.15 else None})
        mutual.append({"stt": i + 1, "full_name": name, "cccd": cccd, **quarters,
                       "total": sum(v for v in quarters.values() if v)})
        for kind, amount, day in (("Quà Tết", 200_000, dt.date(YEAR, 2, 5)),
                                  ("Ngày Thầy thuốc 27/2", 150_000, dt.date(YEAR, 2, 27))):
            welfare.append({"date": day, "kind": kind, "full_name": name, "cccd": cccd, "amount": amount,
                            "source": "CĐCS"})
    welfare.append({"date": dt.date(YEAR, 3, 8), "kind": "Quốc tế Phụ nữ 8/3", "full_name": f"Tổ {g}",
                    "cccd": None, "amount": 500_000, "source": "CĐCS"})
    loans = [{"stt": k + 1, "full_name": rows[k]["full_name"], "cccd": travel[k]["cccd"],
              "loan_date": dt.date(YEAR, 3, 1), "amount": 10_000_000, "term_months": 12, "repaid": 5_000_000,
              "outstanding": 5_000_000, "purpose": "Sửa nhà"} for k in range(min(2, members))]
    paid = sum(v for r in mutual for q in schema.QUARTERS if isinstance(v := r[q], int))
    info = {"leader": rows[0]["full_name"], "prepared_by": rows[-1]["full_name"], "prepared_date": dt.date(YEAR, 12, 20),
            "declared_members": members, "declared_male": sum(r["gender"] == "Nam" for r in rows),
            "declared_female": sum(r["gender"] == "Nữ" for r in rows), "declared_travel_total": 360_000 * members,
            "declared_mutual_total": paid, "declared_loans_count": len(loans),
            "declared_loans_amount": 10_000_000 * len(loans)}
    return {"info": info, "members": rows, "travel_fund": travel, "mutual_fund": mutual, "loans": loans,
            "welfare": welfare}


def _write_one(args) -> str:
    out, g, members, seed, mistakes = args
    path = Path(out) / f"G{g:04d}.xlsx"
    write_group_workbook(path, year=YEAR, unit_name=UNIT, group_code=f"G{g:04d}", group_name=f"Tổ sản xuất {g}",
                         data=group_data(g, members, seed, mistakes))
    return str(path)


def generate(out: Path, groups: int, members: int, seed: int = 1, mistakes: float = 0.02, jobs: int = 2) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    write_unit_workbook(out / "don-vi.xlsx", year=YEAR, unit_name=UNIT, data={
        "unit_info": {"year": YEAR, "unit_name": UNIT, "superior_name": "Liên đoàn Lao động tỉnh",
                      "mutual_opening_balance": 10_000_000 * groups},
        "groups": [{"stt": g + 1, "group_code": f"G{g:04d}", "group_name": f"Tổ sản xuất {g}"} for g in range(groups)],
    })
    tasks = [(str(out), g, members, seed, mistakes) for g in range(groups)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_write_one, tasks, chunksize=8))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mistakes", type=float, default=0.02)
    args = parser.parse_args()
    generate(args.out, args.groups, args.members, args.seed, args.mistakes)


if __name__ == "__main__":
    main()
