"""Country codes: what a site's ``country`` may be, what counts as France, and names read.

A record holds an ISO 3166-1 alpha-2 code. A spreadsheet's ``sites`` cell may hold a
country as a person writes it (``France``, ``Maroc``, ``La Réunion``, ``MAR``):
`_country_code` reads it with the ISO 3166 data of ``pycountry``, imported only when
a country written is not already a plain alpha-2 code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ._text import without_accents

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


def _country_key(text: str) -> str:
    """What two spellings of one country share: case, accents, punctuation, articles ignored.

    ``"La Réunion"``, ``"réunion"`` and ``"Reunion"`` are ``"reunion"``; ``"Côte
    d'Ivoire"`` is ``"cote d ivoire"``. A leading article (``le``, ``la``, ``les``,
    ``l'``, ``the``) is dropped: ISO writes ``Réunion``, people ``La Réunion``.
    """
    # lower(), not casefold(): 'ß' must not become 'ss', South Sudan's code.
    plain = without_accents(text).lower()
    words = re.sub(r"[\W_]+", " ", plain).split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


_ARTICLES = frozenset({"le", "la", "les", "l", "the"})
"""Articles before a country's name; ``l`` is the French ``l'`` (``l'Allemagne``)."""


def _names_of(name: str) -> Iterable[str]:
    """An ISO name and the forms people write for it.

    ISO puts a qualifier after a comma (``Réunion, Île de la``, ``Korea, Republic of``):
    the name is also read turned round (``Île de la Réunion``) and without it
    (``Réunion``, ``Korea``: a key two countries share is dropped as ambiguous).
    """
    yield name
    head, comma, tail = name.partition(",")
    if comma:
        yield head
        yield f"{tail.strip()} {head}"
    if "(" in name:
        yield name.split("(", 1)[0]


@functools.cache
def _country_index() -> dict[str, frozenset[str]]:
    """Alpha-2 codes by the key of every ISO name: English and French, codes too.

    Built once, from ``pycountry``'s ISO 3166-1 data and its French gettext catalogue.
    """
    import gettext  # noqa: PLC0415 - only when a country is written as a name

    import pycountry  # noqa: PLC0415 - idem: a slow import, most files have codes

    french = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True
    ).gettext
    index: dict[str, set[str]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        if code not in _COUNTRY_CODES:
            continue
        names = [country.alpha_2, country.alpha_3, country.name]
        names += [
            value
            for field in ("official_name", "common_name")
            if (value := getattr(country, field, None)) is not None
        ]
        names += [french(name) for name in names[2:]]
        for name in names:
            for form in _names_of(name):
                if key := _country_key(form):
                    index.setdefault(key, set()).add(code)
    for name, code in _FRENCH_OVERSEAS.items():
        index.setdefault(_country_key(name), set()).add(code)
    return {key: frozenset(codes) for key, codes in index.items()}


_FRENCH_OVERSEAS = {"Guyane": "GF"}
"""French overseas departments whose own name ISO's French names do not give (ISO:
"Guyane française"): the name in INSEE's Code officiel géographique, département 973
(https://www.insee.fr/fr/metadonnees/cog/departement/DEP973-guyane). ("Saint-Martin"
stays ambiguous: ISO names both parts of the island so.)"""


def _country_code(text: str) -> str | None:
    """The alpha-2 code of a country as written (a code, an English or French name), or ``None``.

    ``"FR"`` and ``"fr"`` are ``"FR"`` at once; ``"France"``, ``"FRA"``, ``"Maroc"``,
    ``"La Réunion"``, ``"Guadeloupe"`` are read with the ISO data. A name two
    countries share (``"Korea"``) is ``None``.
    """
    if len(text) == 2 and text.isascii() and text.upper() in _COUNTRY_CODES:  # noqa: PLR2004
        return text.upper()
    codes = _country_index().get(_country_key(text))
    return next(iter(codes)) if codes is not None and len(codes) == 1 else None


def _country_suggestions(text: str, limit: int = 3) -> tuple[str, ...]:
    """The alpha-2 codes of the countries whose names are closest to ``text``."""
    from ._text import close_matches  # noqa: PLC0415 - only on a mistake

    index = _country_index()
    key = _country_key(text)
    found: list[str] = []
    if key in index:  # ambiguous: every country of that name
        found.extend(sorted(index[key]))
    for known in sorted(index):  # "Guyane": "Guyane française", GF
        if key and known.startswith(key + " "):
            found.extend(sorted(index[known]))
    for close in close_matches(key, index, n=limit * 3, cutoff=0.6):
        found.extend(sorted(index[close]))
    return tuple(dict.fromkeys(found))[:limit]
