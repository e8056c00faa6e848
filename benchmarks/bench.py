"""Benchmark ``rank_vendors`` and ``load_vendors`` against plain-Python baselines (issue 5).

Generates N seeded synthetic vendors and, in one run, times:

- ``rank``: :func:`callcenter_certs.rank_vendors` with criteria that use every rule;
- ``baseline rank``: the same rules applied by hand to plain dicts and tuples (the loop an
  analyst would write); the script checks that both give the same ranking;
- ``rank figures`` / ``baseline figures``: the same, with an award grid
  (``FIGURES_CRITERIA``: a price scored lowest / price against the eligible offers and
  a mark out of 20 with a minimum), on the same vendors with a price and a mark;
- ``load json`` / ``json.load``: :func:`callcenter_certs.loaders.load_vendors` on a JSON
  file, against :func:`json.load` of the same file;
- ``load csv`` / ``csv.reader``: ``load_vendors`` on a CSV file, against ``csv.reader``
  over the same file building plain tuples.

Times are the best of 5 runs up to 10k vendors, of 3 at 100k, one run at 1M, with the
garbage collector on as usual. Peak memory is the ``tracemalloc`` peak of one extra,
untimed call: what the call allocates on top of its inputs (Python allocations, not
RSS); above 100k vendors only ``rank`` gets one, to keep the run under 10 minutes.

Usage::

    .venv/bin/python benchmarks/bench.py            # N = 1k, 10k, 100k, 1M
    .venv/bin/python benchmarks/bench.py --quick    # N = 1k, 10k
    .venv/bin/python benchmarks/bench.py --sizes 1000 100000
    .venv/bin/python benchmarks/bench.py --profile 100000  # where rank_vendors spends
    .venv/bin/python benchmarks/bench.py --profile 100000 --figures  # with the figures
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import csv
import datetime as dt
import gc
import importlib
import itertools
import json
import operator
import os
import platform
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, NamedTuple

from callcenter_certs import (
    CATALOG,
    Better,
    BuyerCriteria,
    CertificateStatus,
    Figure,
    HeldCertificate,
    Need,
    Ranking,
    Scoring,
    Site,
    Vendor,
    converter,
    rank_vendors,
)
from callcenter_certs._sheet import COLUMNS
from callcenter_certs.files import _DEFAULT_LIMITS, Limits

SEED = 20261127
ON = dt.date(2026, 11, 27)
ALL_SIZES = (1_000, 10_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 10_000)
MAX_N_FULL_MEMORY = 100_000
"""Above this, only ``rank`` gets a tracemalloc run: the others would take minutes."""
CSV_COLUMNS = COLUMNS

# ---------------------------------------------------------------------------------------
# Synthetic data: plain tuples first, Vendor objects built from them

PlainCertificate = tuple[str, dt.date, dt.date | None, str, str | None, str | None, bool | None]
"""(certification, valid_from, valid_until, status, certificate_number, certifying_body,
accredited)"""
PlainSite = tuple[str, int]
"""(country, agents); the property test adds the site's name, ``(country, agents, name)``,
and each certificate ``{"level": ..., "sites": ...}`` after its seven fields."""
PlainVendor = tuple[
    str, tuple[PlainCertificate, ...], tuple[PlainSite, ...] | None, dict[str, float]
]
"""(name, certificates, sites or None, figures by name)"""

# Every catalogue id, the common ones more often; iso-18295-2 (buyer side), ecovadis
# (a rating) and escda (an award) never count under the criteria below.
ID_WEIGHTS = {
    "iso-9001": 45,
    "iso-18295-1": 14,
    "nf-en-15838": 4,
    "nf-345": 12,
    "relation-client-france": 8,
    "excellence-de-service": 4,
    "lrs": 10,
    "service-france-garanti": 4,
    "engage-rse": 6,
    "iso-18295-2": 2,
    "ecovadis": 4,
    "escda": 2,
}
COUNTRIES = ("FR", "FR", "FR", "FR", "RE", "GP", "MA", "TN", "SN", "PT", "MU")
NAMES = ("Armor", "bocage", "Cotentin", "delta", "Étoile", "fjord", "Gascogne", "hexa")
STATUSES = tuple(s.value for s in CertificateStatus if s is not CertificateStatus.ACTIVE)
SITE_COUNTS = (1, 1, 2, 3)


def generate(n: int, seed: int = SEED) -> list[PlainVendor]:
    """``n`` vendors with 0-5 certificates (dates around ``ON``) and sites or none."""
    rnd = random.Random(seed)
    uniform = rnd.random
    first = dt.date(2021, 1, 1)
    days = [first + dt.timedelta(days=i) for i in range(365 * 11)]
    # Weighted draws by bisecting cumulative weights: rnd.choices per draw is slower.
    ids, id_cumulative = list(ID_WEIGHTS), list(itertools.accumulate(ID_WEIGHTS.values()))
    id_total = id_cumulative[-1]
    count_cumulative = list(itertools.accumulate((3, 20, 30, 25, 14, 8)))
    out: list[PlainVendor] = []
    for index in range(n):
        certificates: list[PlainCertificate] = []
        for _ in range(bisect.bisect(count_cumulative, uniform() * count_cumulative[-1])):
            cid = ids[bisect.bisect(id_cumulative, uniform() * id_total)]
            start = int(uniform() * (6 * 365 + 60))
            until = None if uniform() < 0.5 else days[start + 730 + int(uniform() * 730)]
            status = "active" if uniform() < 0.92 else STATUSES[int(uniform() * len(STATUSES))]
            number = f"C-{int(uniform() * 10**6):06d}" if uniform() < 0.3 else None
            body = "AFNOR Certification" if uniform() < 0.3 else None
            accredited = None if body is None else uniform() < 0.9
            certificates.append((cid, days[start], until, status, number, body, accredited))
        sites: tuple[PlainSite, ...] | None = None
        if uniform() < 0.7:
            sites = tuple(
                (
                    COUNTRIES[int(uniform() * len(COUNTRIES))],
                    0 if uniform() < 0.5 else 1 + int(uniform() * 399),
                )
                for _ in range(SITE_COUNTS[int(uniform() * len(SITE_COUNTS))])
            )
        name = f"{NAMES[int(uniform() * len(NAMES))]} {index:07d}"
        out.append((name, tuple(certificates), sites, {}))
    return out


def to_vendors(plain: Iterable[PlainVendor]) -> list[Vendor]:
    """The same vendors as library records."""
    status = {s.value: s for s in CertificateStatus}
    return [
        Vendor(
            name,
            [
                HeldCertificate(
                    cid,
                    start,
                    until,
                    certificate_number=number,
                    certifying_body=body,
                    accredited=accredited,
                    status=status[st],
                )
                for cid, start, until, st, number, body, accredited in certificates
            ],
            None if sites is None else [Site(country, agents) for country, agents in sites],
            figures,
        )
        for name, certificates, sites, figures in plain
    ]


CRITERIA = BuyerCriteria(
    required=["iso-9001"],
    results_obligation=Need.PREFER,
    means_obligation=Need.REQUIRE,
    france_only=Need.PREFER,
    csr=Need.PREFER,
    preferred_certifications=["nf-en-15838", "nf-345", "relation-client-france"],
    weights={"results_obligation": 3, "france_only": 2.5, "preferred_certifications": 1.5},
    valid_through=dt.date(2029, 12, 31),
)
"""Every rule: a required id, REQUIRE and PREFER axes, preferred ids with an equivalent
(iso-18295-1 for nf-en-15838), non-default weights and a contract end."""

FIGURES_CRITERIA = BuyerCriteria(
    required=CRITERIA.required,
    results_obligation=CRITERIA.results_obligation,
    means_obligation=CRITERIA.means_obligation,
    france_only=CRITERIA.france_only,
    csr=CRITERIA.csr,
    preferred_certifications=CRITERIA.preferred_certifications,
    weights={**CRITERIA.weights, "price": 6, "technical": 4},
    valid_through=CRITERIA.valid_through,
    figures=[
        Figure("price", Better.LOWER, Scoring.PROPORTIONAL),
        Figure("technical", Better.HIGHER, Scoring.SCALE, out_of=20, minimum=8),
    ],
)
"""The same criteria with an award grid: the price, scored lowest / price against the
eligible offers, and a technical mark out of 20 with a minimum of 8."""


def with_figures(plain: Sequence[PlainVendor], seed: int = SEED + 1) -> list[PlainVendor]:
    """The same vendors with a price (800,000.00 to 1,500,000.00) and a mark (0 to 20,
    step 0.5); 2 % give no price and 2 % no mark (incomplete offers)."""
    rnd = random.Random(seed)
    uniform = rnd.random
    out: list[PlainVendor] = []
    for name, certificates, sites, _ in plain:
        figures: dict[str, float] = {}
        if uniform() >= 0.02:
            figures["price"] = (80_000_000 + int(uniform() * 70_000_001)) / 100
        if uniform() >= 0.02:
            figures["technical"] = int(uniform() * 41) / 2
        out.append((name, certificates, sites, figures))
    return out


# ---------------------------------------------------------------------------------------
# The plain-Python baseline: the same rules, by hand, on dicts and tuples

FRANCE = {"FR", "GP", "MQ", "GF", "RE", "YT"}


def plain_catalogue() -> dict[str, dict[str, Any]]:
    """The catalogue as an analyst reads it: the JSON data, one dict per id."""
    data = converter.unstructure(CATALOG)
    return {entry["id"]: entry for entry in data["certifications"]}


def plain_criteria(criteria: BuyerCriteria = CRITERIA) -> dict[str, Any]:
    """The criteria as a plain dict."""
    data: dict[str, Any] = converter.unstructure(criteria)
    return data


def baseline_rank(  # noqa: C901, PLR0912, PLR0915 - one loop, as an analyst writes it
    vendors: Sequence[PlainVendor],
    criteria: Mapping[str, Any],
    catalogue: Mapping[str, Any],
    *,
    on: dt.date = ON,
    exact: bool = False,
    abnormally_low: list[tuple[str, str]] | None = None,
) -> list[tuple[int | None, str, float]]:
    """Rank plain vendors by hand: (rank, name, total), eligible first.

    ``criteria`` is ``converter.unstructure`` of any :class:`BuyerCriteria` (its
    ``valid_through`` only adds warnings, so it is read nowhere here); ``catalogue`` is
    :func:`plain_catalogue`. The figures follow the award-grid rules of issue 10, and
    the certificate record's rules (minimum levels, required site coverage, the
    buyer's equivalents) those of issue 12, written again from the issues, not from
    the engine.

    With ``exact=False`` (the benchmark) totals are floats, as in an analyst's loop; with
    ``exact=True`` (the property test) weights and figure values are the decimals
    written, ``Fraction(repr(x))``, and each total is rounded once, half to even, to 9
    decimals. ``abnormally_low``, when given, receives ``(vendor, figure)`` for each
    abnormally-low warning.
    """
    number: Callable[[float], Any] = (lambda x: Fraction(repr(x))) if exact else float
    share: Callable[[int, int], Any] = Fraction if exact else operator.truediv
    refused_kinds = {
        kind for kind in ("rating", "award") if not criteria[f"accept_{kind}s"]
    }  # a rating counts with accept_ratings, an award with accept_awards
    countable = {
        cid
        for cid, e in catalogue.items()
        if "provider" in e["applies_to"] and e["kind"] not in refused_kinds
    }
    years = {cid: e["validity_years"] for cid, e in catalogue.items()}
    # A certificate dated before its scheme's first year, or after the year it was
    # withdrawn, never counts.
    first_year = {cid: e["first_published"] or dt.MINYEAR for cid, e in catalogue.items()}
    last_year = {cid: e["withdrawn"] or dt.MAXYEAR for cid, e in catalogue.items()}
    obligation = {cid: e["obligation"] for cid, e in catalogue.items()}
    csr_ids = {cid for cid, e in catalogue.items() if "social-responsibility" in e["domains"]}
    labels = {cid for cid, e in catalogue.items() if e["france_only_staffing"]}

    # Issue 12: "a certificate below its minimum level does not count"; with
    # require_site_coverage, one naming its sites counts only if it names every
    # declared site; the buyer's equivalents are accepted on top of the catalogue's.
    minimum_levels = criteria.get("minimum_levels", {})
    coverage = criteria.get("require_site_coverage", False)
    buyer_equivalents = criteria.get("equivalents", {})

    def accepted(cid: str) -> set[str]:
        own = {cid, *buyer_equivalents.get(cid, ())}
        if criteria["accept_equivalents"]:
            return own | set(catalogue[cid]["equivalents"])
        return own

    def below_minimum(cid: str, level: str | None) -> bool:
        if cid not in minimum_levels:
            return False
        if level is None:
            return True
        order = [known.casefold() for known in catalogue[cid]["levels"]]
        return order.index(level.casefold()) < order.index(minimum_levels[cid].casefold())

    def uncovered(covered: Sequence[str] | None, sites: Sequence[Any] | None) -> bool:
        if not coverage or covered is None or sites is None:
            return False
        return any(len(site) < 3 or site[2] not in covered for site in sites)

    required = [accepted(cid) for cid in criteria["required"]]
    preferred = [accepted(cid) for cid in criteria["preferred_certifications"]]
    needs = {
        c: criteria[c] for c in ("results_obligation", "means_obligation", "france_only", "csr")
    }
    if preferred:
        needs["preferred_certifications"] = "prefer"
    given_weights = criteria["weights"]
    weights = {c: number(given_weights.get(c, 1.0)) for c, n in needs.items() if n == "prefer"}
    # Files and the converter write figures as a table keyed by name, each without
    # its name and its None fields, and leave the table out when there is none.
    figures = [
        {
            "name": name,
            "better": "higher",
            "scoring": "scale",
            **dict.fromkeys(("out_of", "minimum", "maximum", "abnormally_low")),
            **fields,
        }
        for name, fields in criteria.get("figures", {}).items()
    ]
    for figure in figures:  # a figure is always a weighted criterion
        weights[figure["name"]] = number(given_weights.get(figure["name"], 1.0))
    weight_sum = sum(weights.values())
    if weights and not weight_sum:
        raise ValueError("every weighted criterion has weight 0")
    certification_weights = [(c, w) for c, w in weights.items() if c in needs]
    limits = [(f["name"], f["scoring"], f["out_of"], f["minimum"], f["maximum"]) for f in figures]
    scales = [
        (f["name"], weights[f["name"]], number(f["out_of"]))
        for f in figures
        if f["scoring"] == "scale"
    ]
    relative = [f for f in figures if f["scoring"] != "scale"]

    # First pass: eligibility and the points that depend on the vendor alone.
    rows: list[tuple[bool, Any, str, Mapping[str, float]]] = []
    for name, certificates, sites, given in vendors:
        held: set[str] = set()
        for cid, start, until, status, *rest in certificates:
            if cid not in countable or status != "active" or on < start:
                continue
            record = rest[3] if len(rest) > 3 else {}
            if below_minimum(cid, record.get("level")):
                continue
            if uncovered(record.get("sites"), sites):
                continue
            if not first_year[cid] <= start.year <= last_year[cid]:
                continue
            end = until
            if end is None and years[cid] is not None:
                try:
                    end = start.replace(year=start.year + years[cid])
                except ValueError:  # 29 February
                    end = start.replace(year=start.year + years[cid], day=28)
            if end is not None and on > end:
                continue
            held.add(cid)
        values = {
            "results_obligation": int(any(obligation[c] == "results" for c in held)),
            "means_obligation": int(any(obligation[c] == "means" for c in held)),
            "csr": int(bool(held & csr_ids)),
        }
        if sites is None:
            france_met = bool(held & labels)
            values["france_only"] = int(france_met)
        else:
            everyone = sum(agents for _, agents, *_ in sites)
            if everyone:
                in_france = sum(agents for country, agents, *_ in sites if country in FRANCE)
                values["france_only"] = share(in_france, everyone)
            else:
                values["france_only"] = share(sum(c in FRANCE for c, *_ in sites), len(sites))
            france_met = all(country in FRANCE for country, *_ in sites)
        if preferred:
            values["preferred_certifications"] = share(
                sum(bool(ids & held) for ids in preferred), len(preferred)
            )
        met = {c: v == 1 for c, v in values.items()}
        met["france_only"] = france_met
        eligible = all(ids & held for ids in required) and all(
            met[c] for c, n in needs.items() if n == "require"
        )
        points = sum(w * values[c] for c, w in certification_weights)
        for figure_name, scoring, out_of, minimum, maximum in limits:
            value = given.get(figure_name)
            if value is None:  # an incomplete offer
                eligible = False
            elif scoring == "scale" and not 0 <= value <= out_of:
                raise ValueError(f"{name}: {figure_name} {value} is outside 0..{out_of}")
            elif scoring == "proportional" and value <= 0:
                raise ValueError(f"{name}: {figure_name} {value} is not > 0")
            elif (minimum is not None and value < minimum) or (
                maximum is not None and value > maximum
            ):
                eligible = False
        for figure_name, weight, out_of in scales:
            if figure_name in given:
                points += weight * number(given[figure_name]) / out_of
        rows.append((eligible, points, name, given))

    # Relative figures compare with the eligible offers; with none, with every offer.
    pool = [row for row in rows if row[0]] or rows
    references: dict[str, tuple[Any, Any]] = {}
    for figure in relative:
        offered = [number(row[3][figure["name"]]) for row in pool if figure["name"] in row[3]]
        if offered:
            low, high = min(offered), max(offered)
            references[figure["name"]] = (low, high) if figure["better"] == "lower" else (high, low)
    scored = [
        (f["name"], f["scoring"], f["better"] == "lower", weights[f["name"]], references[f["name"]])
        for f in relative
        if f["name"] in references
    ]

    # Second pass: the relative points, the total.
    keyed: list[tuple[bool, float, str, str, float]] = []
    for eligible, own, name, given in rows:
        points = own
        for figure_name, scoring, lower, weight, (best, worst) in scored:
            if figure_name not in given:
                continue
            value = number(given[figure_name])
            if scoring == "proportional":
                part = best / value if lower else value / best
            elif best == worst:  # every value equal: 1, unless worse than that value
                part = 0 if (value > best if lower else value < best) else 1
            else:
                part = (value - worst) / (best - worst)
            points += weight * min(max(part, 0), 1)
        total = 100 * points / weight_sum if weights else 100
        if exact:
            total = float(round(total, 9))  # Fraction rounds half to even
            key = total
        else:
            total = float(total)
            key = round(total, 9)  # so that float noise does not split a tie
        keyed.append((not eligible, -key, name.casefold(), name, total))

    if abnormally_low is not None:
        for figure in figures:
            if figure["abnormally_low"] is None:
                continue
            ratio = number(figure["abnormally_low"])
            offers = [(row[2], number(row[3][figure["name"]])) for row in rows if row[0]]
            offered_sum = sum(value for _, value in offers)
            for name, value in offers:
                others = len(offers) - 1
                if others and value < ratio * (offered_sum - value) / others:
                    abnormally_low.append((name, figure["name"]))

    # Equal totals share a rank; the knocked-out vendors come last, without one.
    keyed.sort()
    ranked: list[tuple[int | None, str, float]] = []
    rank, previous = 0, None
    for position, (knocked_out, key, _, name, total) in enumerate(keyed, start=1):
        if knocked_out:
            ranked.append((None, name, total))
            continue
        if key != previous:
            rank, previous = position, key
        ranked.append((rank, name, total))
    return ranked


def check_agreement(ranking: Ranking, baseline: list[tuple[int | None, str, float]]) -> None:
    """Same names in the same order, same ranks, totals within 1e-9: else exit."""
    mine = [(e.rank, e.vendor.name, e.score.total) for e in ranking]
    if [m[:2] for m in mine] != [b[:2] for b in baseline]:
        sys.exit("the library and the baseline disagree on the ranking")
    worst = max((abs(m[2] - b[2]) for m, b in zip(mine, baseline, strict=True)), default=0.0)
    if worst > 1e-9:
        sys.exit(f"the library and the baseline disagree on a total by {worst}")


# ---------------------------------------------------------------------------------------
# Files for the loaders


def unstructured(vendor: PlainVendor) -> dict[str, Any]:
    """A plain vendor as ``converter.unstructure`` writes the same Vendor."""
    name, certificates, sites, figures = vendor
    return {
        "name": name,
        "certificates": [
            {
                "certification": cid,
                "valid_from": start.isoformat(),
                "valid_until": None if until is None else until.isoformat(),
                "certificate_number": number,
                "certifying_body": body,
                "accredited": accredited,
                "status": status,
            }
            for cid, start, until, status, number, body, accredited in certificates
        ],
        "sites": None if sites is None else [{"country": c, "agents": a} for c, a in sites],
        **({"figures": dict(sorted(figures.items()))} if figures else {}),
    }


def write_json(path: Path, plain: Sequence[PlainVendor]) -> None:
    """``{"vendors": [converter.unstructure(v), ...]}``, compact.

    Built from the plain tuples (converting a million Vendors takes a while); the first
    hundred are checked against the converter.
    """
    sample = plain[:100]
    if [unstructured(v) for v in sample] != [converter.unstructure(v) for v in to_vendors(sample)]:
        sys.exit("write_json does not write what the converter writes")
    data = {"vendors": [unstructured(v) for v in plain]}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


def write_csv(path: Path, plain: Sequence[PlainVendor]) -> None:
    """One row per certificate (one empty row for a vendor without), sites on each row."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for name, certificates, sites, _ in plain:
            where = "" if sites is None else ";".join(f"{c}:{a}" for c, a in sites)
            if not certificates:
                writer.writerow((name, "", "", "", "", "", "", "", where))
            for cid, start, until, status, number, body, accredited in certificates:
                writer.writerow(
                    (
                        name,
                        cid,
                        start.isoformat(),
                        "" if until is None else until.isoformat(),
                        number or "",
                        body or "",
                        "" if accredited is None else str(accredited).lower(),
                        status,
                        where,
                    )
                )


def json_reference(path: Path) -> Any:
    """``json.load`` of the file, nothing else."""
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def csv_reference(path: Path) -> list[PlainVendor]:
    """``csv.reader`` over the file, building plain tuples: one per certificate and vendor."""
    certificates: dict[str, list[PlainCertificate]] = {}
    sites: dict[str, tuple[PlainSite, ...] | None] = {}
    date = dt.date.fromisoformat
    flags = {"true": True, "false": False}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        for name, cid, start, until, number, body, accredited, status, where in rows:
            held = certificates.get(name)
            if held is None:
                held = certificates[name] = []
                sites[name] = (
                    tuple(
                        (country, int(agents))
                        for country, agents in (s.split(":") for s in where.split(";") if s)
                    )
                    or None
                )
            if cid:
                held.append(
                    (
                        cid,
                        date(start),
                        date(until) if until else None,
                        status or "active",
                        number or None,
                        body or None,
                        flags.get(accredited),
                    )
                )
    return [(name, tuple(held), sites[name], {}) for name, held in certificates.items()]


# ---------------------------------------------------------------------------------------
# Timing


def repetitions(n: int) -> int:
    """Best of 5 up to 10k vendors, of 3 at 100k, one run above."""
    if n <= 10_000:
        return 5
    if n <= 100_000:
        return 3
    return 1


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while test data is built (not timed; it is acyclic)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def timed(call: Callable[[], Any], reps: int, check: Callable[[Any], None]) -> float:
    """The fastest of ``reps`` calls, in seconds; ``check`` sees the first call's result.

    The garbage collector runs as usual inside each call (it is part of the cost) and
    is emptied before each one; no result outlives its call, so that none of them
    burdens the collector in the next.
    """
    best = float("inf")
    for rep in range(reps):
        gc.collect()
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
        if rep == 0:
            check(result)
        del result
    return best


def peak_mib(call: Callable[[], object]) -> float:
    """tracemalloc peak of one call, in MiB: what it allocates on top of its inputs."""
    gc.collect()
    tracemalloc.start()
    try:
        result = call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak / 2**20


class Row(NamedTuple):
    """One line of the table."""

    n: int
    case: str
    seconds: float
    ratio: float | None
    mib: float | None


class Case(NamedTuple):
    """Something to time, and what to check on its result."""

    name: str
    call: Callable[[], Any]
    check: Callable[[Any], None]


def run_pair(n: int, case: Case, reference: Case, *, memory: tuple[bool, bool]) -> list[Row]:
    """Time the reference then the library case; their rows, the library's first.

    ``memory`` says which of the case and the reference get a tracemalloc run.
    """
    reps = repetitions(n)
    seconds: dict[str, float] = {}
    peaks: dict[str, float | None] = {}
    for timing, traced in ((reference, memory[1]), (case, memory[0])):
        seconds[timing.name] = timed(timing.call, reps, timing.check)
        peaks[timing.name] = peak_mib(timing.call) if traced else None
        shown = "" if peaks[timing.name] is None else f", peak {peaks[timing.name]:,.1f} MiB"
        print(f"  {timing.name:<14} {seconds[timing.name]:9.4f} s{shown}", flush=True)
    ratio = seconds[case.name] / seconds[reference.name]
    return [
        Row(n, case.name, seconds[case.name], ratio, peaks[case.name]),
        Row(n, reference.name, seconds[reference.name], None, peaks[reference.name]),
    ]


def load_vendors_function() -> Callable[..., list[Vendor]] | None:
    """``callcenter_certs.loaders.load_vendors`` if it exists yet, else None."""
    try:
        module = importlib.import_module("callcenter_certs.loaders")
    except ImportError:
        return None
    function = getattr(module, "load_vendors", None)
    return function if callable(function) else None


def run_rank(
    n: int,
    plain: list[PlainVendor],
    *,
    memory: tuple[bool, bool],
    criteria: BuyerCriteria = CRITERIA,
    names: tuple[str, str] = ("rank", "baseline rank"),
) -> list[Row]:
    """``rank_vendors`` and the baseline on ``n`` vendors; exits if they disagree."""
    with collector_paused():
        vendors = to_vendors(plain)
    catalogue, plain_data = plain_catalogue(), plain_criteria(criteria)
    # The baseline's result holds only strings and numbers: the collector ignores it.
    kept: list[list[tuple[int | None, str, float]]] = []
    return run_pair(
        n,
        Case(
            names[0],
            lambda: rank_vendors(vendors, criteria, on=ON),
            lambda ranking: check_agreement(ranking, kept.pop()),
        ),
        Case(names[1], lambda: baseline_rank(plain, plain_data, catalogue), kept.append),
        memory=memory,
    )


def run_loads(
    n: int,
    load: Callable[..., list[Vendor]],
    *,
    memory: tuple[bool, bool],
    paths: tuple[Path, Path],
) -> list[Row]:
    """``load_vendors`` on the JSON and CSV files, against json.load and csv.reader."""
    json_path, csv_path = paths
    # Limits that accept the files whatever N (the defaults stop at 16 MiB, 100,000 vendors
    # and 1,000,000 cells).
    biggest = max(path.stat().st_size for path in paths)
    limits = Limits(
        max_file_bytes=biggest,
        max_vendors=max(n, _DEFAULT_LIMITS.max_vendors),
        max_cells=2**31,
    )

    def count(what: str, expected: int) -> Callable[[Any], None]:
        def check(result: Any) -> None:
            found = len(result["vendors"] if isinstance(result, dict) else result)
            if found != expected:
                sys.exit(f"{what}: read {found} vendors, expected {expected}")

        return check

    return [
        *run_pair(
            n,
            Case("load json", lambda: load(json_path, limits=limits), count("load json", n)),
            Case("json.load", lambda: json_reference(json_path), count("json.load", n)),
            memory=memory,
        ),
        *run_pair(
            n,
            Case("load csv", lambda: load(csv_path, limits=limits), count("load csv", n)),
            Case("csv.reader", lambda: csv_reference(csv_path), count("csv.reader", n)),
            memory=memory,
        ),
    ]


def run_size(n: int, *, memory: str, loaders: bool, figures: bool) -> list[Row]:
    """Every case on ``n`` vendors."""
    print(f"N = {n:,}", flush=True)
    load = load_vendors_function() if loaders else None
    if loaders and load is None:
        print("  load_vendors: skipped (callcenter_certs.loaders.load_vendors does not exist yet)")
    every = memory == "all" and n <= MAX_N_FULL_MEMORY
    with tempfile.TemporaryDirectory(prefix="callcenter-certs-bench-") as directory:
        start = time.perf_counter()
        paths = (Path(directory) / f"vendors-{n}.json", Path(directory) / f"vendors-{n}.csv")
        with collector_paused():
            plain = generate(n)
            if load is not None:
                write_json(paths[0], plain)
                write_csv(paths[1], plain)
        print(f"  data generated in {time.perf_counter() - start:.1f} s", flush=True)
        rows = run_rank(n, plain, memory=(memory != "none", every))
        if figures:
            with collector_paused():
                priced = with_figures(plain)
            rows += run_rank(
                n,
                priced,
                memory=(memory != "none", every),
                criteria=FIGURES_CRITERIA,
                names=("rank figures", "baseline figures"),
            )
            del priced
        del plain  # the loads run without the ranking's inputs alive
        if load is not None:
            rows.extend(run_loads(n, load, memory=(every, every), paths=paths))
    return rows


class CollectorLog:
    """Collections the cyclic garbage collector runs, and their time, per generation."""

    def __init__(self) -> None:
        self.runs: dict[int, list[float]] = {}
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.runs.setdefault(info["generation"], []).append(time.perf_counter() - self._started)

    def __str__(self) -> str:
        return ", ".join(
            f"generation {g}: {len(t)} collections, {sum(t):.3f} s"
            for g, t in sorted(self.runs.items())
        )


def profile(n: int, *, figures: bool = False) -> None:
    """Profile one ``rank_vendors`` call on ``n`` vendors; log the collector's work."""
    plain = generate(n)
    criteria = CRITERIA
    if figures:
        plain, criteria = with_figures(plain), FIGURES_CRITERIA
    vendors = to_vendors(plain)
    gc.collect()
    log = CollectorLog()
    gc.callbacks.append(log)
    try:
        profiler: Any = importlib.import_module("pyinstrument").Profiler(interval=0.001)
    except ImportError:
        profiler = None
    start = time.perf_counter()
    if profiler is None:
        print("(pyinstrument is not installed: pip install -e '.[bench]'; timing only)")
        rank_vendors(vendors, criteria, on=ON)
    else:
        with profiler:
            rank_vendors(vendors, criteria, on=ON)
    took = time.perf_counter() - start
    gc.callbacks.remove(log)
    if profiler is not None:
        print(profiler.output_text(unicode=False, color=False))
    print(f"rank_vendors on {n:,} vendors: {took:.3f} s; collector inside the call: {log}")


def machine() -> str:
    """One line about this machine."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return (
        f"{os.cpu_count()} CPUs ({model}), {ram / 2**30:.1f} GiB RAM, "
        f"Python {platform.python_version()} ({platform.python_implementation()})"
    )


def table(rows: Iterable[Row]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| N | case | seconds | µs per vendor | ratio library/reference | peak MiB (tracemalloc) |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}"
        mib = "" if row.mib is None else f"{row.mib:,.1f}"
        per = row.seconds / row.n * 1e6
        lines.append(
            f"| {row.n:,} | {row.case} | {row.seconds:.4f} | {per:.2f} | {ratio} | {mib} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the options, run every size, print the table."""
    parser = argparse.ArgumentParser(description="Benchmark rank_vendors and load_vendors.")
    parser.add_argument(
        "--sizes", type=int, nargs="+", metavar="N", help="numbers of vendors (default: all)"
    )
    parser.add_argument("--quick", action="store_true", help="only 1,000 and 10,000 vendors")
    parser.add_argument(
        "--memory",
        choices=("all", "rank", "none"),
        default="all",
        help="which cases get a tracemalloc run (above 100k vendors, only rank; default: all)",
    )
    parser.add_argument("--no-load", action="store_true", help="skip the load_vendors cases")
    parser.add_argument(
        "--no-figures", action="store_true", help="skip the cases with the award grid's figures"
    )
    parser.add_argument(
        "--figures",
        action="store_true",
        help="with --profile: rank with the figures (FIGURES_CRITERIA)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        help="instead: profile rank_vendors on N vendors (pyinstrument, from the bench extra)",
    )
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.profile, figures=args.figures)
        return
    sizes = args.sizes or (QUICK_SIZES if args.quick else ALL_SIZES)
    print(machine())
    started = time.perf_counter()
    rows: list[Row] = []
    for n in sizes:
        rows.extend(
            run_size(n, memory=args.memory, loaders=not args.no_load, figures=not args.no_figures)
        )
    print()
    print(table(rows))
    print()
    print("ratio: this row's time over the next row's (the plain-Python reference)")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10
    print(f"process peak RSS (resource.getrusage): {maxrss:,.0f} MiB")
    print(f"total wall time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
