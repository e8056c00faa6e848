"""Country codes: what a site's ``country`` may be, and what counts as France."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = []


def __dir__() -> list[str]:
    return __all__


_ALPHA_2 = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
    BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
    DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL
    GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM
    JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
    MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
    NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
    SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""

_COUNTRY_CODES: frozenset[str] = frozenset(_ALPHA_2.split())
"""The 249 ISO 3166-1 alpha-2 codes (officially assigned, as of ISO 3166-1:2020)."""

_FRANCE: frozenset[str] = frozenset({"FR", "GP", "MQ", "GF", "RE", "YT"})
"""Metropolitan France and the five overseas departments (Guadeloupe, Martinique,
French Guiana, Réunion, Mayotte), which have their own ISO codes. The overseas
collectivities (PM, BL, MF, WF, PF, NC) and TF are counted as outside France: their
status and labour law differ, and the rule is the buyer's to widen, not ours to guess.
"""


def _outside_france(countries: Iterable[str]) -> tuple[str, ...]:
    """The codes among ``countries`` that are not in `_FRANCE`, sorted, each once."""
    return tuple(sorted({country for country in countries if country not in _FRANCE}))
