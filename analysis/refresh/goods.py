"""The one table that maps Japan Customs' goods codes to the project's commodity names.

Customs' goods files (``d52``: exports, ``d62``: imports, by partner; Russia is 008) label each
commodity with a 概況品 code (row 5) and a press-release name (row 3). A commodity enters the
project's tables only if its code is listed here, and only if the file still gives it the name
written here: a renamed or renumbered item stops the refresh instead of filling the wrong row.

Codes and names were read from a genuine import file (``d62ca007.csv``, the Middle East, same
layout as Russia's ``d62ca008.csv``). The export codes (``d52``) are assumed to be the same
classification; the name check above catches it if they are not.
"""
from __future__ import annotations

from typing import NamedTuple


class GoodsCode(NamedTuple):
    flow: str        # 'export' (d52 files) or 'import' (d62 files)
    code: str        # 概況品コード, quotes removed
    name: str        # 報道発表品目名 as the file writes it
    commodity: str   # the project's name (trade_commodity*.csv)


GOODS_CODES: tuple[GoodsCode, ...] = (
    GoodsCode("import", "007", "魚介類", "fish_seafood"),
    GoodsCode("import", "20701", "木材", "timber"),
    GoodsCode("import", "21505", "非鉄金属鉱", "non_ferrous_ores"),
    GoodsCode("import", "30301", "原油及び粗油", "crude_oil"),
    GoodsCode("import", "3050103", "液化天然ガス", "lng"),
    GoodsCode("import", "30101", "石炭", "coal"),
    GoodsCode("import", "615", "非鉄金属", "non_ferrous_metals"),
    GoodsCode("export", "701", "６．一般機械", "machinery"),
    GoodsCode("export", "70501", "自動車", "motor_vehicles"),
    GoodsCode("export", "70503", "自動車の部分品", "auto_parts"),
)

#: Customs' quantity units (``(単位：MT)``) as the tables write them.
UNITS = {"MT": "tonnes", "KL": "kl", "NO": "units", "KG": "kg"}


def goods_for(flow: str) -> dict[str, GoodsCode]:
    """The mapped goods of one flow, by code."""
    return {g.code: g for g in GOODS_CODES if g.flow == flow}
