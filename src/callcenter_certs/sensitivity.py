"""How stable is the winner: weight ranges, tipping weights, leave-one-out, rank acceptability.

With eligibility fixed (it never depends on the weights), a vendor's total is a
linear-fractional function of any one weight ``w``::

    total(w) = 100 * (S + w * x) / (W + w)

where ``x`` is the vendor's value on that criterion and ``S``, ``W`` the other weighted
terms and weights. All vendors share the denominator, so comparing two vendors is
comparing two straight lines in ``w``: [`sensitivity`][callcenter_certs.sensitivity.sensitivity]
finds the exact points where
they cross, with the plan's exact values (fractions), not by sampling.
[`acceptability`][callcenter_certs.acceptability] samples whole weight vectors instead (SMAA-2).

The ranking rounds totals to `TOTAL_DECIMALS` decimals
before comparing them; the bounds here are the exact crossing points. Within a
billionth of a point of a bound, the ranking may already (or still) show a tie.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from fractions import Fraction
from itertools import repeat
from operator import add, mul
from types import MappingProxyType
from typing import Any

import attrs

from . import _validators
from ._text import describe
from .catalogue import Catalog
from .criteria import BuyerCriteria
from .errors import InputError, _expect_instance
from .ranking import Ranking
from .rules import _exact
from .scoring import ScoringPlan, _Offers, _points
from .vendors import Vendor

__all__ = [
    "Acceptability",
    "CertificateDependence",
    "Sensitivity",
    "Tipping",
    "WeightRange",
    "acceptability",
    "sensitivity",
]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen
class WeightRange:
    """How far one weight can move, every other weight unchanged, and keep the winners.

    Any weight strictly between ``low`` and ``high`` keeps exactly the same set of
    winners. A finite bound other than 0 is a tie point: there another vendor joins
    the winners (beyond it, the winners differ). ``low`` is 0 when nothing changes down
    to 0; ``high`` is ``None`` when nothing changes however high the weight goes. When
    winners are tied and this criterion separates them, ``low == high == weight``: any
    change breaks the tie.
    """

    criterion: str
    weight: float
    """The weight as written in the criteria."""
    low: float
    high: float | None


@attrs.frozen
class Tipping:
    """The one weight that, moved the least, makes a vendor first or co-first.

    ``criterion`` is the weighted criterion whose weight moves the least relative to
    its current value (a criterion at 0 counts as an infinite move, then by the move
    itself; ties by breakdown order); ``weight`` is the weight that makes the vendor
    first or co-first, every other weight unchanged. Both ``None`` when no single
    weight can.
    """

    vendor: str
    criterion: str | None
    weight: float | None


@attrs.frozen
class CertificateDependence:
    """A counting certificate of a winner whose rejection alone changes the winners."""

    vendor: str
    certification: str
    certificate_number: str | None
    winners: tuple[str, ...]
    """The winners with that certificate rejected (eligibility and relative figures
    recomputed)."""


def _read_only(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


def _read_only_table(value: Mapping[str, Mapping[str, float]]) -> Mapping[str, Any]:
    return MappingProxyType({key: MappingProxyType(dict(row)) for key, row in value.items()})


@attrs.frozen(kw_only=True)
class Sensitivity:
    """How stable the winners of a ranking are to its weights and to its certificates.

    A ranking with no eligible vendor, or with no weighted criterion, gives its winners
    (none, or every eligible vendor) and nothing else.
    """

    winners: tuple[str, ...]
    """The names of the vendors ranked 1, as the ranking lists them."""
    weights: tuple[WeightRange, ...] = ()
    """One per weighted criterion, in breakdown order."""
    tipping: tuple[Tipping, ...] = ()
    """One per eligible vendor that is not a winner, in ranking order."""
    without_criterion: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=dict, converter=_read_only, hash=False
    )
    """Per weighted criterion, the winners with its weight set to 0 (its knock-outs,
    such as a minimum mark, stay). When every other weight is 0 too, every eligible
    vendor scores 100 and wins."""
    without_certificate: tuple[CertificateDependence, ...] = ()
    """Each counting certificate of a winner whose rejection alone changes the winners."""

    __getstate__ = _validators.read_only_getstate
    __setstate__ = _validators.read_only_setstate


@attrs.frozen(kw_only=True)
class Acceptability:
    """SMAA-2 rank acceptability: how often each vendor takes each rank over random weights.

    Weight vectors are drawn uniformly on the simplex of the weighted criteria (every
    weighting, each criterion from 0 to all of it). Ties count for each tied vendor at
    the shared rank (1, 2, 2, 4 as in the ranking): a vendor's shares sum to 1, and a
    rank's shares over the vendors sum to 1 when no draw has a tie, and may exceed it
    otherwise.
    """

    samples: int
    seed: int
    shares: Mapping[str, tuple[float, ...]] = attrs.field(converter=_read_only, hash=False)
    """Per eligible vendor (in ranking order), its share of draws at rank 1, 2, ..."""
    central_weights: Mapping[str, Mapping[str, float]] = attrs.field(
        converter=_read_only_table, hash=False
    )
    """Per vendor that wins in some draw, the mean weight vector (summing to 1) of the
    draws where it wins."""

    def __getstate__(self) -> dict[str, Any]:
        return {
            "samples": self.samples,
            "seed": self.seed,
            "shares": dict(self.shares),
            "central_weights": {k: dict(v) for k, v in self.central_weights.items()},
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name in ("samples", "seed"):
            object.__setattr__(self, name, state[name])
        object.__setattr__(self, "shares", _read_only(state["shares"]))
        object.__setattr__(self, "central_weights", _read_only_table(state["central_weights"]))


# -- the exact grid -------------------------------------------------------------------


@attrs.frozen
class _Grid:
    """A ranking's eligible offers as exact values on its weighted criteria."""

    plan: ScoringPlan
    vendors: tuple[Vendor, ...]
    """Every vendor of the ranking, in ranking order."""
    names: tuple[str, ...]
    """The weighted criteria, in breakdown order."""
    weights: tuple[Fraction, ...]
    """Their weights as written, exactly."""
    eligible: tuple[str, ...]
    """The eligible vendors' names, in ranking order."""
    values: tuple[tuple[Fraction, ...], ...]
    """Per eligible vendor, its value in [0, 1] on each weighted criterion."""


def _carried(ranking: Ranking) -> tuple[BuyerCriteria, Catalog]:
    """The criteria and catalogue a ranking carries; an InputError for one read back."""
    criteria, catalog = ranking.criteria, ranking.catalog
    if criteria is None or catalog is None:
        msg = (
            "this ranking does not carry its criteria and catalogue (a ranking read back "
            "from a decision record does not): rank the vendors again with rank_vendors, "
            "e.g. rank_vendors(record.vendors, record.criteria, on=record.on)"
        )
        raise InputError(msg)
    return criteria, catalog


def _grid(ranking: Ranking) -> _Grid:
    criteria, catalog = _carried(ranking)
    plan = ScoringPlan(criteria, on=ranking.on, catalog=catalog)
    vendors = tuple(entry.vendor for entry in ranking)
    references = _Offers.measure(plan, vendors).references
    rows = [row for row in plan.rows if row.weight is not None]
    values = []
    for entry in ranking.eligible:
        bits = plan.bits(entry.vendor) or 0
        measures = (row.definition.measure(bits, entry.vendor, references) for row in rows)
        values.append(tuple(Fraction(top, bottom) for top, bottom, _ in measures))
    return _Grid(
        plan=plan,
        vendors=vendors,
        names=tuple(row.definition.name for row in rows),
        weights=tuple(_exact(criteria.weight(row.definition.name)) for row in rows),
        eligible=tuple(entry.vendor.name for entry in ranking.eligible),
        values=tuple(values),
    )


def _name_order(names: Sequence[str]) -> tuple[str, ...]:
    """Names as a ranking lists equal totals: by name ignoring case, then by name."""
    return tuple(sorted(names, key=lambda name: (name.casefold(), name)))


def _top(names: Sequence[str], sums: Sequence[Fraction], weight_sum: Fraction) -> tuple[str, ...]:
    """The names with the highest total, totals rounded as the ranking rounds them."""
    if not names:
        return ()
    if not weight_sum:  # nothing weighted: every eligible vendor scores 100
        return _name_order(names)
    totals = [_points(*(s / weight_sum).as_integer_ratio()) for s in sums]
    best = max(totals)
    return _name_order([n for n, t in zip(names, totals, strict=True) if t == best])


_Split = tuple[list[Fraction], list[Fraction], Fraction]


def _splits(grid: _Grid) -> list[_Split]:
    """Per weighted criterion ``k``: ``S`` and ``x`` per eligible vendor, and ``W``.

    ``S`` is the vendor's weighted sum without ``k``, ``x`` its value on ``k``, ``W`` the
    sum of the other weights: its total is ``100 * (S + w * x) / (W + w)``.
    """
    weights = grid.weights
    sums = [sum(map(mul, weights, values), Fraction(0)) for values in grid.values]
    weight_sum = sum(weights, Fraction(0))
    splits = []
    for k, weight in enumerate(weights):
        own = [values[k] for values in grid.values]
        rest = [total - weight * x for total, x in zip(sums, own, strict=True)]
        splits.append((rest, own, weight_sum - weight))
    return splits


def _contenders(split: _Split) -> list[int]:
    """The vendors no other beats or equals on both ``S`` and ``x`` (duplicates kept once).

    Whoever is at least each of them at a weight ``w >= 0`` is at least everyone there.
    """
    rest, own, _ = split
    order = sorted(range(len(rest)), key=lambda i: (rest[i], own[i]), reverse=True)
    kept: list[int] = []
    for i in order:
        if not kept or own[i] > own[kept[-1]]:
            kept.append(i)
    return kept


def _ahead(
    split: _Split, leader: int, rivals: Sequence[int]
) -> tuple[Fraction, Fraction | None] | None:
    """The weights ``w >= 0`` at which ``leader``'s total is at least each rival's.

    ``(low, high)``, ``high`` ``None`` for no upper bound; ``None`` for no such weight.
    Each comparison is a straight line in ``w`` (the totals share their denominator).
    """
    rest, own, _ = split
    low, high = Fraction(0), None
    for i in rivals:
        lead, slope = rest[leader] - rest[i], own[leader] - own[i]
        if not slope:
            if lead < 0:
                return None
            continue
        crossing = -lead / slope  # where the two lines meet
        if slope > 0:  # the rival gains as the weight falls
            low = max(low, crossing)
        elif high is None or crossing < high:
            high = crossing
    if high is not None and high < low:
        return None
    return low, high


def _weight_range(
    grid: _Grid, k: int, split: _Split, winners: frozenset[str]
) -> tuple[Fraction, Fraction | None]:
    """The exact ``(low, high)`` of weight ``k`` that keeps ``winners``."""
    current = grid.weights[k]
    rest, own, _ = split
    tops = [i for i, name in enumerate(grid.eligible) if name in winners]
    first = tops[0]
    at = rest[first] + current * own[first]
    if any(rest[i] + current * own[i] != at or own[i] != own[first] for i in tops):
        # Tied only within the rounding of totals, or tied winners this criterion
        # separates: any change of this weight breaks the tie.
        return current, current
    rivals = [i for i, name in enumerate(grid.eligible) if name not in winners]
    interval = _ahead(split, first, rivals)
    if interval is None:  # cannot happen: the winner leads at the current weight
        return current, current
    return interval


def _tipping(
    grid: _Grid, splits: Sequence[_Split], contenders: Sequence[Sequence[int]], v: int
) -> tuple[str | None, Fraction | None]:
    """The criterion and weight that make eligible vendor ``v`` first, moving the least."""
    best: tuple[tuple[bool, Fraction, int], str, Fraction] | None = None
    for k, name in enumerate(grid.names):
        if not splits[k][2]:  # alone, this weight scales every total alike
            continue
        interval = _ahead(splits[k], v, contenders[k])
        if interval is None:
            continue
        low, high = interval
        current = grid.weights[k]
        target = low if current < low else high if high is not None and current > high else current
        move = abs(target - current)
        key = (not current, move / current if current else move, k)
        if best is None or key < best[0]:
            best = (key, name, target)
    if best is None:
        return None, None
    return best[1], best[2]


def _dependences(grid: _Grid, winners: tuple[str, ...]) -> list[CertificateDependence]:
    plan, vendors = grid.plan, grid.vendors
    found = []
    for index, vendor in enumerate(vendors):
        if vendor.name not in winners:
            continue
        certificates = vendor.certificates
        for at, certificate in enumerate(certificates):
            alone = attrs.evolve(vendor, certificates=(certificate,))
            if not plan.bits(alone):  # it does not count, or gives nothing
                continue
            without = attrs.evolve(vendor, certificates=certificates[:at] + certificates[at + 1 :])
            offers = _Offers.measure(plan, (*vendors[:index], without, *vendors[index + 1 :]))
            names = [v.name for v, ok in zip(offers.vendors, offers.eligible, strict=True) if ok]
            sums = [
                Fraction(n, d)
                for (n, d), ok in zip(offers.sums, offers.eligible, strict=True)
                if ok
            ]
            after = _top(names, sums, Fraction(plan.weight_sum))
            if after != winners:
                found.append(
                    CertificateDependence(
                        vendor=vendor.name,
                        certification=certificate.certification,
                        certificate_number=certificate.certificate_number,
                        winners=after,
                    )
                )
    return found


def sensitivity(ranking: Ranking) -> Sensitivity:
    """How stable the ranking's winners are: weight ranges, tipping weights, leave-one-out.

    Everything is recomputed from the ranking's own vendors, criteria, date and
    catalogue, exactly (fractions), and reported as floats.

    Raises:
        InputError: the ranking does not carry its criteria and catalogue (a ranking read
            back from a decision record): rank the vendors again first.

    Examples:
        >>> from datetime import date
        >>> from callcenter_certs import BuyerCriteria, Figure, Vendor, rank_vendors
        >>> criteria = BuyerCriteria(
        ...     figures=[Figure("technical", out_of=20), Figure("delay", out_of=10)],
        ...     weights={"technical": 3, "delay": 1},
        ... )
        >>> offers = [Vendor("A", figures={"technical": 16, "delay": 4}),
        ...           Vendor("B", figures={"technical": 12, "delay": 8})]
        >>> result = sensitivity(rank_vendors(offers, criteria, on=date(2026, 1, 1)))
        >>> result.winners, result.weights[0]
        (('A',), WeightRange(criterion='technical', weight=3.0, low=2.0, high=None))
        >>> result.tipping
        (Tipping(vendor='B', criterion='technical', weight=2.0),)
    """
    _expect_instance(ranking, Ranking, "ranking")
    grid = _grid(ranking)
    winners = tuple(entry.vendor.name for entry in ranking if entry.rank == 1)
    if not grid.eligible or not grid.names:
        return Sensitivity(winners=winners, without_certificate=tuple(_dependences(grid, winners)))
    chosen = frozenset(winners)
    ranges = []
    without: dict[str, tuple[str, ...]] = {}
    splits = _splits(grid)
    for k, name in enumerate(grid.names):
        low, high = _weight_range(grid, k, splits[k], chosen)
        ranges.append(
            WeightRange(
                criterion=name,
                weight=float(grid.weights[k]),
                low=float(low),
                high=None if high is None else float(high),
            )
        )
        rest, _, others = splits[k]
        without[name] = _top(grid.eligible, rest, others)
    tipping = []
    contenders = [_contenders(split) for split in splits]
    for v, name in enumerate(grid.eligible):
        if name in chosen:
            continue
        criterion, weight = _tipping(grid, splits, contenders, v)
        tipping.append(
            Tipping(
                vendor=name, criterion=criterion, weight=None if weight is None else float(weight)
            )
        )
    return Sensitivity(
        winners=winners,
        weights=tuple(ranges),
        tipping=tuple(tipping),
        without_criterion=without,
        without_certificate=tuple(_dependences(grid, winners)),
    )


def _check_whole(value: object, name: str, minimum: int | None) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or (minimum is not None and value < minimum)
    ):
        at_least = "" if minimum is None else f" >= {minimum}"
        raise InputError.at((name,), f"{describe(value)} is not a whole number{at_least}")


def _simplex(rng: random.Random, size: int) -> list[float]:
    """A weight vector uniform on the simplex: sorted uniforms, consecutive differences.

    Only ``random()``, sorting and subtraction: the same floats on every platform.
    """
    cuts = sorted([rng.random() for _ in range(size - 1)])
    weights = []
    previous = 0.0
    for cut in cuts:
        weights.append(cut - previous)
        previous = cut
    weights.append(1.0 - previous)
    return weights


def acceptability(ranking: Ranking, *, samples: int = 10_000, seed: int = 0) -> Acceptability:
    """SMAA-2 rank acceptability of the eligible vendors over random weightings.

    Draws ``samples`` weight vectors uniformly on the simplex of the weighted criteria
    with ``random.Random(seed)``, ranks the eligible vendors under each (knock-outs and
    values as in the ranking; relative figures against the same eligible offers), and
    counts ranks, ties counting for each tied vendor at the shared rank. The same
    ranking and seed give the same result on every platform. Cost: ``samples`` times
    (vendors times criteria, plus sorting the vendors).

    Raises:
        InputError: ``samples`` not a whole number >= 1, ``seed`` not a whole number,
            or a ranking without its criteria and catalogue.
    """
    _expect_instance(ranking, Ranking, "ranking")
    _check_whole(samples, "samples", 1)
    _check_whole(seed, "seed", None)
    grid = _grid(ranking)
    eligible, names = grid.eligible, grid.names
    count = len(eligible)
    if not count:
        return Acceptability(samples=samples, seed=seed, shares={}, central_weights={})
    if not names:  # every eligible vendor scores 100: all first
        first = (1.0,) + (0.0,) * (count - 1)
        return Acceptability(
            samples=samples,
            seed=seed,
            shares=dict.fromkeys(eligible, first),
            central_weights={name: {} for name in eligible},
        )
    columns = [[float(values[k]) for values in grid.values] for k in range(len(names))]
    counts = [[0] * count for _ in range(count)]
    wins = [0] * count
    central = [[0.0] * len(names) for _ in range(count)]
    rng = random.Random(seed)  # noqa: S311 - reproducible draws, not secrets
    size = len(names)
    for _ in range(samples):
        weights = _simplex(rng, size)
        scores = list(map(mul, columns[0], repeat(weights[0])))
        for weight, column in zip(weights[1:], columns[1:], strict=True):
            scores = list(map(add, scores, map(mul, column, repeat(weight))))
        order = sorted(range(count), key=scores.__getitem__, reverse=True)
        rank, previous = 0, None
        for position, i in enumerate(order):
            score = scores[i]
            if score != previous:
                rank, previous = position, score
            counts[i][rank] += 1
            if not rank:
                wins[i] += 1
                central[i] = list(map(add, central[i], weights))
    return Acceptability(
        samples=samples,
        seed=seed,
        shares={
            name: tuple(c / samples for c in row)
            for name, row in zip(eligible, counts, strict=True)
        },
        central_weights={
            name: dict(zip(names, (s / won for s in sums), strict=True))
            for name, won, sums in zip(eligible, wins, central, strict=True)
            if won
        },
    )
