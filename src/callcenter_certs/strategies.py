"""Hypothesis strategies for property-testing your own rules on top of this library.

Requires the ``test`` extra (``pip install 'callcenter-certs[test]'``)::

    from hypothesis import given
    from callcenter_certs import score_vendor
    from callcenter_certs.strategies import buyer_criteria, vendors

    @given(vendors(), buyer_criteria())
    def test_my_rule(vendor, criteria):
        assert 0 <= score_vendor(vendor, criteria).total <= 100

Every strategy takes an optional ``catalog`` so that your own certifications are
drawn too; ids are always known to that catalogue, so the records it draws score
without an [`InputError`][callcenter_certs.InputError].
"""

from __future__ import annotations

import datetime as dt
import string
import unicodedata
from collections.abc import Sequence

import attrs
from hypothesis import strategies as st

from ._text import name_key as _name_key
from ._text import without_accents
from .catalogue import Catalog, _builtin_catalog
from .certifications import Certification, Domain, Kind, Obligation, Party, SchemeStatus
from .countries import _COUNTRY_CODES, _FRANCE, _country_code
from .criteria import CRITERIA, Better, BuyerCriteria, Figure, Need, Scoring
from .ranking import Ranking, rank_vendors
from .scoring import VendorScore, _refusal, score_vendor
from .validity import _effective_end
from .vendors import CertificateStatus, HeldCertificate, Site, Vendor

__all__ = [
    "award_figures",
    "awards",
    "buyer_criteria",
    "certification_ids",
    "certification_names",
    "certifications",
    "counting_certificates",
    "country_names",
    "dates",
    "figure_values",
    "figures",
    "held_certificates",
    "name_spellings",
    "rankings",
    "site_names",
    "sites",
    "status_words",
    "vendor_scores",
    "vendors",
]


def __dir__() -> list[str]:
    return __all__


_EARLIEST = dt.date(2000, 1, 1)
_LATEST = dt.date(2040, 12, 31)


def dates(
    min_value: dt.date = _EARLIEST, max_value: dt.date = _LATEST
) -> st.SearchStrategy[dt.date]:
    """Calendar dates in a plausible range for certificates."""
    return st.dates(min_value=min_value, max_value=max_value)


def certification_ids(catalog: Catalog | None = None) -> st.SearchStrategy[str]:
    """Ids known to the catalogue."""
    return st.sampled_from(sorted(_builtin_catalog() if catalog is None else catalog))


def _text() -> st.SearchStrategy[str]:
    return st.text(string.ascii_letters + string.digits + " -'éè", min_size=1, max_size=20).filter(
        str.strip
    )


def sites(*, in_france: bool | None = None) -> st.SearchStrategy[Site]:
    """Sites anywhere, or only in France (``True``), or only abroad (``False``)."""
    if in_france is None:
        countries = st.one_of(
            st.sampled_from(sorted(_FRANCE)), st.sampled_from(sorted(_COUNTRY_CODES))
        )
    else:
        pool = _FRANCE if in_france else _COUNTRY_CODES - _FRANCE
        countries = st.sampled_from(sorted(pool))
    return st.builds(Site, countries, st.integers(min_value=0, max_value=2_000))


def site_names() -> st.SearchStrategy[str]:
    """Names of sites as a spreadsheet's ``sites`` cell holds them (``FR:120:Nantes``)."""
    return _text().map(str.strip)


_ACCREDITATION_BODIES = ("COFRAC", "UKAS", "DAkkS", "ENAC", "BELAC")


@st.composite
def _record(draw: st.DrawFn, entry: Certification, valid_from: dt.date) -> dict[str, object]:
    """What a register records besides the dates, each one now and then unknown.

    A level the entry knows, a score, the last audit, the accreditation body.
    """
    return {
        "level": draw(st.none() | st.sampled_from(entry.levels)) if entry.levels else None,
        "score": draw(st.none() | st.integers(0, 10_000).map(lambda n: n / 100)),
        "last_audit": draw(st.none() | dates(min_value=valid_from, max_value=_LATEST)),
        "accreditation_body": draw(st.none() | st.sampled_from(_ACCREDITATION_BODIES)),
    }


@st.composite
def held_certificates(
    draw: st.DrawFn,
    catalog: Catalog | None = None,
    *,
    statuses: st.SearchStrategy[CertificateStatus] | None = None,
    records: bool = False,
) -> HeldCertificate:
    """Certificates of known ids, valid or not, with or without an end date.

    Never dated before the scheme's first year: ``callcenter-certs validate`` reports
    that as a typing mistake in the file. With ``records``, also what registers
    record: a level among the entry's ``levels``, a score, the last audit and the
    accreditation body (the sites covered depend on the vendor: see
    [`vendors`][callcenter_certs.strategies.vendors]).
    """
    catalog = _builtin_catalog() if catalog is None else catalog
    cid = draw(certification_ids(catalog))
    first = catalog[cid].first_published
    valid_from = draw(dates(min_value=min(max(_EARLIEST, dt.date(first or 1, 1, 1)), _LATEST)))
    valid_until = draw(st.none() | dates(min_value=valid_from))
    status = draw(
        statuses
        if statuses is not None
        else st.just(CertificateStatus.ACTIVE) | st.sampled_from(CertificateStatus)
    )
    return HeldCertificate(
        cid,
        valid_from,
        valid_until,
        certificate_number=draw(st.none() | _text()),
        certifying_body=draw(st.none() | _text()),
        accredited=draw(st.none() | st.booleans()),
        status=status,
        **(draw(_record(catalog[cid], valid_from)) if records else {}),  # type: ignore[arg-type]
    )


@st.composite
def counting_certificates(
    draw: st.DrawFn,
    on: dt.date,
    criteria: BuyerCriteria | None = None,
    catalog: Catalog | None = None,
) -> HeldCertificate:
    """A certificate counting on ``on``: active, in its validity, countable under ``criteria``.

    Dated within its scheme's life: not before its first year, not after the year it
    was withdrawn (an id whose life does not reach ``on`` is never drawn).
    """
    catalog = _builtin_catalog() if catalog is None else catalog
    criteria = BuyerCriteria() if criteria is None else criteria
    spans = {}
    for cid, entry in catalog.items():
        if _refusal(entry, criteria) is not None:
            continue
        earliest = on - dt.timedelta(days=365 * (entry.validity_years or 5) - 1)
        low = max(earliest, dt.date(max(entry.first_published or 1900, 1900), 1, 1))
        high = on if entry.withdrawn is None else min(on, dt.date(entry.withdrawn, 12, 31))
        if low <= high:
            spans[cid] = (low, high)
    cid = draw(st.sampled_from(sorted(spans)))
    entry = catalog[cid]
    low, high = spans[cid]
    valid_from = draw(dates(min_value=low, max_value=high))
    valid_until = draw(st.none() | dates(min_value=on, max_value=on + dt.timedelta(days=3_650)))
    certificate = HeldCertificate(cid, valid_from, valid_until)
    end = _effective_end(certificate, entry)
    if end is not None and end < on:  # the catalogue's cycle ended: give an explicit end
        certificate = HeldCertificate(cid, valid_from, on)
    return certificate


_FIGURE_NAMES = ("price", "technical", "delay", "quality_mark")


@st.composite
def figures(draw: st.DrawFn, name: str | None = None) -> Figure:
    """Valid figure definitions: every scoring, thresholds and abnormally-low ratio or not.

    Thresholds sit on the worse side (a minimum mark, a maximum price), as tenders set
    them; values drawn by [`figure_values`][callcenter_certs.strategies.figure_values] are decimals
    with few digits.
    """
    chosen = name if name is not None else draw(st.sampled_from(_FIGURE_NAMES))
    scoring = draw(st.sampled_from(Scoring))
    better = Better.HIGHER if scoring is Scoring.SCALE else draw(st.sampled_from(Better))
    out_of = draw(st.sampled_from((10, 20, 100))) if scoring is Scoring.SCALE else None
    top = out_of if out_of is not None else 1_000
    threshold = st.none() | st.integers(min_value=1, max_value=top)
    minimum = draw(threshold) if better is Better.HIGHER else None
    maximum = draw(threshold) if better is Better.LOWER else None
    ratio = draw(st.none() | st.sampled_from((0.5, 0.7, 0.8))) if better is Better.LOWER else None
    return Figure(
        chosen,
        better,
        scoring,
        out_of=out_of,
        minimum=minimum,
        maximum=maximum,
        abnormally_low=ratio,
    )


def figure_values(figure: Figure) -> st.SearchStrategy[float]:
    """Values a vendor may give for ``figure``: decimals with at most two places, in range."""
    if figure.scoring is Scoring.SCALE:
        top = int((figure.out_of or 0) * 100)
        return st.integers(min_value=0, max_value=top).map(lambda n: n / 100)
    low = 1 if figure.scoring is Scoring.PROPORTIONAL else 0
    return st.integers(min_value=low, max_value=120_000).map(lambda n: n / 100)


@st.composite
def vendors(
    draw: st.DrawFn,
    catalog: Catalog | None = None,
    *,
    name: st.SearchStrategy[str] | None = None,
    max_certificates: int = 6,
    figures: Sequence[Figure] = (),
    records: bool = False,
) -> Vendor:
    """Vendors with any mix of certificates, and sites declared or not.

    With ``figures``, a value for each of them, now and then missing (an incomplete
    offer). With ``records``, certificates as registers record them (see
    [`held_certificates`][callcenter_certs.strategies.held_certificates]), sites
    mostly named, and certificates naming some of the named sites they cover, or none.
    """
    certificates = draw(
        st.lists(held_certificates(catalog, records=records), max_size=max_certificates)
    )
    declared = draw(st.none() | st.lists(sites(), min_size=1, max_size=4))
    if records and declared is not None:
        names = draw(
            st.lists(site_names(), min_size=len(declared), max_size=len(declared), unique=True)
        )
        declared = [
            attrs.evolve(site, name=name if draw(st.integers(0, 4)) else None)
            for site, name in zip(declared, names, strict=True)
        ]
        named = sorted(site.name for site in declared if site.name is not None)
        if named:
            covered = st.none() | st.lists(st.sampled_from(named), min_size=1, unique=True)
            certificates = [attrs.evolve(c, sites=draw(covered)) for c in certificates]
    values = {}
    for figure in figures:
        if draw(st.integers(min_value=0, max_value=9)):  # 1 in 10 missing
            values[figure.name] = draw(figure_values(figure))
    return Vendor(draw(name if name is not None else _text()), certificates, declared, values)


@st.composite
def buyer_criteria(
    draw: st.DrawFn,
    catalog: Catalog | None = None,
    *,
    figures: st.SearchStrategy[Sequence[Figure]] | None = None,
    rules: bool = False,
) -> BuyerCriteria:
    """Valid criteria: known, countable ids; finite weights, not all zero when used.

    No figures unless a strategy for them is given (``figures=award_figures()``, say):
    relative figures need the other offers to score one vendor. With ``rules``, also
    the rules of the certificate record: ``minimum_levels`` for ids with levels,
    ``require_site_coverage``, and the buyer's ``equivalents`` for the required and
    preferred ids.
    """
    drawn_figures = tuple(draw(figures)) if figures is not None else ()
    catalog = _builtin_catalog() if catalog is None else catalog
    accept_ratings, accept_awards = draw(st.booleans()), draw(st.booleans())
    probe = BuyerCriteria(accept_ratings=accept_ratings, accept_awards=accept_awards)
    countable = sorted(cid for cid, e in catalog.items() if _refusal(e, probe) is None)
    needs = st.sampled_from(Need)
    weights = draw(
        st.dictionaries(
            st.sampled_from((*CRITERIA, *(f.name for f in drawn_figures))),
            st.one_of(
                st.integers(min_value=0, max_value=100),
                st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
            ),
        )
    )
    criteria = BuyerCriteria(
        required=draw(st.lists(st.sampled_from(countable), max_size=2, unique=True)),
        results_obligation=draw(needs),
        means_obligation=draw(needs),
        france_only=draw(needs),
        csr=draw(needs),
        preferred_certifications=draw(
            st.lists(st.sampled_from(countable), max_size=3, unique=True)
        ),
        weights=weights,
        accept_equivalents=draw(st.booleans()),
        accept_ratings=accept_ratings,
        accept_awards=accept_awards,
        valid_through=draw(st.none() | dates()),
        figures=drawn_figures,
    )
    if rules:
        criteria = draw(_record_rules(criteria, catalog, countable))
    preferred = [c for c in criteria.names if criteria.need(c) is Need.PREFER]
    if preferred and not any(criteria.weight(c) > 0 for c in preferred):
        # All preferred weights 0 is refused by the engine: give the first one weight.
        fixed = {**criteria.weights, preferred[0]: 1.0}
        criteria = attrs.evolve(criteria, weights=fixed)
    return criteria


@st.composite
def _record_rules(
    draw: st.DrawFn, criteria: BuyerCriteria, catalog: Catalog, countable: Sequence[str]
) -> BuyerCriteria:
    leveled = [cid for cid in countable if catalog[cid].levels]
    chosen = draw(st.lists(st.sampled_from(leveled), unique=True)) if leveled else []
    minimum_levels = {cid: draw(st.sampled_from(catalog[cid].levels)) for cid in chosen}
    listed = sorted({*criteria.required, *criteria.preferred_certifications})
    equivalents: dict[str, list[str]] = {}
    for cid in draw(st.lists(st.sampled_from(listed), unique=True)) if listed else ():
        others = [other for other in countable if other != cid]
        if not others:
            continue
        equivalents[cid] = draw(
            st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True)
        )
    return attrs.evolve(
        criteria,
        minimum_levels=minimum_levels,
        require_site_coverage=draw(st.booleans()),
        equivalents=equivalents,
    )


def award_figures() -> st.SearchStrategy[list[Figure]]:
    """Zero to three figures with distinct names."""
    return st.lists(st.sampled_from(_FIGURE_NAMES), max_size=3, unique=True).flatmap(
        lambda names: st.tuples(*(figures(n) for n in names)).map(list)
    )


@st.composite
def awards(
    draw: st.DrawFn,
    catalog: Catalog | None = None,
    *,
    max_vendors: int = 6,
    figures: st.SearchStrategy[Sequence[Figure]] | None = None,
) -> tuple[list[Vendor], BuyerCriteria, dt.date]:
    """A whole award: criteria with figures, uniquely named vendors that give them, a date.

    ``figures`` draws the grid's figures (default:
    [`award_figures`][callcenter_certs.strategies.award_figures], zero to three).
    """
    chosen = award_figures() if figures is None else figures
    criteria = draw(buyer_criteria(catalog, figures=chosen))
    names = draw(st.lists(_text(), max_size=max_vendors, unique_by=_name_key))
    offers = [draw(vendors(catalog, name=st.just(n), figures=criteria.figures)) for n in names]
    return offers, criteria, draw(dates())


def vendor_scores(catalog: Catalog | None = None) -> st.SearchStrategy[VendorScore]:
    """Scores computed by [`score_vendor`][callcenter_certs.score_vendor] on drawn inputs."""
    return st.builds(
        lambda vendor, criteria, on: score_vendor(vendor, criteria, on=on, catalog=catalog),
        vendors(catalog),
        buyer_criteria(catalog),
        dates(),
    )


def rankings(catalog: Catalog | None = None, *, max_vendors: int = 6) -> st.SearchStrategy[Ranking]:
    """Rankings of uniquely named vendors computed by `rank_vendors`.

    See [`rank_vendors`][callcenter_certs.rank_vendors].
    """
    names = st.lists(_text(), max_size=max_vendors, unique_by=_name_key)

    @st.composite
    def build(draw: st.DrawFn) -> Ranking:
        criteria = draw(buyer_criteria(catalog, figures=award_figures()))
        drawn = [
            draw(vendors(catalog, name=st.just(n), figures=criteria.figures)) for n in draw(names)
        ]
        return rank_vendors(drawn, criteria, on=draw(dates()), catalog=catalog)

    return build()


@st.composite
def certifications(draw: st.DrawFn, known_ids: tuple[str, ...] = ()) -> Certification:
    """Catalogue entries with arbitrary facts, referring only to ``known_ids``."""
    slug = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
    refs = st.sampled_from(known_ids) if known_ids else st.nothing()
    year = st.none() | st.integers(min_value=1900, max_value=2100)
    return Certification(
        id=draw(slug),
        short_name=draw(_text()),
        name=draw(_text()),
        name_fr=draw(st.none() | _text()),
        issuer=draw(_text()),
        kind=draw(st.sampled_from(Kind)),
        obligation=draw(st.none() | st.sampled_from(Obligation)),
        domains=draw(st.frozensets(st.sampled_from(Domain))),
        contact_centre_specific=draw(st.booleans()),
        france_only_staffing=draw(st.booleans()),
        staff_in_france_min_percent=draw(st.none() | st.integers(min_value=1, max_value=100)),
        applies_to=draw(st.frozensets(st.sampled_from(Party), min_size=1)),
        first_published=draw(year),
        withdrawn=draw(year),
        superseded_by=draw(st.none() | refs),
        equivalents=draw(st.frozensets(refs, max_size=2)) if known_ids else frozenset(),
        validity_years=draw(st.none() | st.integers(min_value=1, max_value=10)),
        surveillance_interval_months=draw(st.none() | st.integers(min_value=1, max_value=36)),
        status=draw(st.sampled_from(SchemeStatus)),
        principles=tuple(draw(st.lists(_text(), max_size=3))),
        notes=tuple(draw(st.lists(_text(), max_size=2))),
        sources=tuple(draw(st.lists(_text(), min_size=1, max_size=3))),
    )


# Written as people write them ----------------------------------------------------------

_SEPARATORS = ("", " ", "  ", "-", "_", ".", " - ", "/")


def _respelled(draw: st.DrawFn, text: str) -> str:
    """``text`` with its case, accents and the separators between its words changed."""
    parts: list[str] = []
    for char in text:
        if char.isalnum():
            plain = char
            if not char.isascii() and draw(st.booleans()):  # "é" without its accent
                plain = without_accents(char)
            parts.append(plain.upper() if draw(st.booleans()) else plain.lower())
        else:
            parts.append(draw(st.sampled_from(_SEPARATORS)))
    if draw(st.booleans()):  # a separator where none was
        at = draw(st.integers(min_value=0, max_value=len(parts)))
        parts.insert(at, draw(st.sampled_from(_SEPARATORS[1:])))
    return "".join(parts)


@st.composite
def certification_names(
    draw: st.DrawFn, catalog: Catalog | None = None, *, certification: str | None = None
) -> tuple[str, str]:
    """``(written, id)``: an entry's id or alias as a vendor may type it, and its id.

    Case, accents, spaces, hyphens and punctuation vary; the spreadsheet layout reads
    ``written`` as ``id`` (`Catalog.resolve`). ``certification``: that entry's only.
    """
    catalog = _builtin_catalog() if catalog is None else catalog
    if certification is None:
        entry = draw(st.sampled_from(catalog.certifications))
    else:
        entry = catalog[certification]
    written = _respelled(draw, draw(st.sampled_from((entry.id, *entry.aliases))))
    return draw(st.just(written).filter(lambda w: catalog.resolve(w) == entry.id)), entry.id


@st.composite
def country_names(
    draw: st.DrawFn, *, in_france: bool | None = None, code: str | None = None
) -> tuple[str, str]:
    """``(written, code)``: a country as a vendor may write it in a sites cell, and its code.

    Its ISO 3166-1 alpha-2 or alpha-3 code or its name in English or French (``FRA``,
    ``France``, ``Maroc``, ``La Réunion``), case and accents varying. Uses ``pycountry``.
    ``code``: that country's only.
    """
    import gettext  # noqa: PLC0415 - only when drawn

    import pycountry  # noqa: PLC0415 - idem

    pool = _FRANCE if in_france else _COUNTRY_CODES - _FRANCE if in_france is False else None
    if code is None:
        code = draw(st.sampled_from(sorted(pool or _COUNTRY_CODES)))
    country = pycountry.countries.get(alpha_2=code)
    assert country is not None  # noqa: S101 - every code of _COUNTRY_CODES is in ISO's data
    french = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True
    ).gettext
    names = [code, country.alpha_3, country.name, french(country.name)]
    name = draw(st.sampled_from(names))
    if draw(st.booleans()) and "," not in name:
        name = _respelled(draw, name)
    return draw(st.just(name).filter(lambda w: _country_code(w) == code)), code


_FRENCH_STATUS_WORDS = {
    CertificateStatus.ACTIVE: ("actif", "active"),
    CertificateStatus.INACTIVE: ("inactif", "inactive"),
    CertificateStatus.SUSPENDED: ("suspendu", "suspendue"),
    CertificateStatus.CANCELLED: ("annulé", "annulée"),
    CertificateStatus.DRAFT: ("brouillon",),
    CertificateStatus.WITHDRAWN: ("retiré", "retirée"),
    CertificateStatus.EXPIRED: ("expiré", "expirée"),
}


@st.composite
def status_words(draw: st.DrawFn) -> tuple[str, CertificateStatus]:
    """``(written, status)``: a status cell in English or French, case and accents varying."""
    status = draw(st.sampled_from(CertificateStatus))
    word = draw(st.sampled_from((status.value, *_FRENCH_STATUS_WORDS[status])))
    if draw(st.booleans()):
        word = without_accents(word)
    return (word.upper() if draw(st.booleans()) else word.capitalize()), status


_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff")


@st.composite
def name_spellings(draw: st.DrawFn, name: str) -> str:
    """Another spelling of a vendor's ``name`` with the same name key: one vendor typed twice.

    Case, accents, NFC or NFD, a zero-width character, a repeated or no-break space.
    The loaders refuse two such spellings in one file, naming both.
    """
    at = draw(st.integers(min_value=0, max_value=len(name)))
    candidates = [
        name.swapcase(),
        name.upper(),
        without_accents(name),
        unicodedata.normalize("NFD", name),
        name[:at] + draw(st.sampled_from(_INVISIBLE)) + name[at:],
        name.replace(" ", draw(st.sampled_from(("  ", "\u00a0", "\u202f"))), 1),
    ]
    different = [s for s in candidates if s != name and _name_key(s) == _name_key(name)]
    return draw(st.sampled_from(different))
