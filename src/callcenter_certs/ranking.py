"""Rank vendors: eligible ones by total, ties shared, the knocked-out ones kept last."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

import attrs

from .catalogue import Catalog
from .criteria import BuyerCriteria
from .errors import InputError, Problem
from .findings import Finding
from .scoring import ScoringPlan, VendorScore
from .vendors import Vendor, vendor_list

__all__ = ["RankedVendor", "Ranking", "rank_vendors"]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(kw_only=True)
class RankedVendor:
    """A vendor's place in a ranking."""

    rank: int | None
    """1 for the best; equal totals share a rank (1, 2, 2, 4); ``None`` when knocked out."""
    vendor: Vendor
    score: VendorScore


@attrs.frozen(kw_only=True)
class Ranking(Sequence[RankedVendor]):
    """Every vendor that went in, once: eligible ones by rank, then the knocked-out ones."""

    entries: tuple[RankedVendor, ...]
    on: dt.date
    """The date the certificates were checked on."""
    warnings: tuple[Finding, ...] = ()
    """Warnings about the criteria themselves (withdrawn ids, buyer-chosen rules)."""

    @overload
    def __getitem__(self, index: int) -> RankedVendor: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[RankedVendor]: ...
    def __getitem__(self, index: int | slice) -> RankedVendor | Sequence[RankedVendor]:
        return self.entries[index]

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[RankedVendor]:
        return iter(self.entries)

    @property
    def eligible(self) -> tuple[RankedVendor, ...]:
        """The ranked vendors (rank not ``None``)."""
        return tuple(e for e in self.entries if e.rank is not None)

    @property
    def knocked_out(self) -> tuple[RankedVendor, ...]:
        """The vendors that failed a required criterion, with their reasons."""
        return tuple(e for e in self.entries if e.rank is None)

    def explain(self) -> str:
        """Why each vendor is where it is."""
        from .explain import render_ranking  # noqa: PLC0415 - explain formats this class

        return render_ranking(self)


_new_object = object.__new__
_set_rank, _set_vendor, _set_score = (
    vars(RankedVendor)[name].__set__ for name in ("rank", "vendor", "score")
)


def _ranked(rank: int | None, vendor: Vendor, score: VendorScore) -> RankedVendor:
    """``RankedVendor(rank=rank, vendor=vendor, score=score)``, built field by field.

    attrs' generic ``__init__`` costs twice as much, and there is nothing to validate.
    """
    entry: RankedVendor = _new_object(RankedVendor)
    _set_rank(entry, rank)
    _set_vendor(entry, vendor)
    _set_score(entry, score)
    return entry


def rank_vendors(
    vendors: Iterable[Vendor],
    criteria: BuyerCriteria,
    *,
    on: dt.date | None = None,
    catalog: Catalog | None = None,
) -> Ranking:
    """Rank vendors against the buyer's criteria.

    Eligible vendors come first, by total, descending; equal totals share a rank
    and are listed by name. Knocked-out vendors follow with rank ``None``, by total
    then name. The order does not depend on the input order, and every vendor that
    goes in comes out exactly once.

    Raises:
        InputError: duplicate vendor names, unknown certification ids (every one of
            them, with their paths ``vendors[i].certificates[j].certification``) or
            criteria that no vendor could meet.
    """
    vendors = vendor_list(vendors)
    plan = ScoringPlan(criteria, on=on, catalog=catalog)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    kept: list[Vendor] = []
    scores: list[VendorScore] = []
    # Sort keys hold only a float, strings and an int: the garbage collector stops
    # tracking such tuples, so a million of them cost it nothing.
    eligible: list[tuple[float, str, str, int]] = []
    knocked_out: list[tuple[float, str, str, int]] = []
    score_one = plan.score
    for index, vendor in enumerate(vendors):
        if not isinstance(vendor, Vendor):
            problems.append(Problem(("vendors", index), f"{type(vendor).__name__} is not a Vendor"))
            continue
        name = vendor.name
        if name in seen:
            problems.append(
                Problem(
                    ("vendors", index, "name"),
                    f"{name!r} is also the name of vendors[{seen[name]}]; "
                    "vendor names must be unique",
                )
            )
            continue
        seen[name] = index
        try:
            score = score_one(vendor, path=("vendors", index))
        except InputError as error:
            problems.extend(error.problems)
            continue
        (eligible if score.eligible else knocked_out).append(
            (-score.total, name.casefold(), name, len(kept))
        )
        kept.append(vendor)
        scores.append(score)
    if problems:
        raise InputError(problems)
    eligible.sort()
    knocked_out.sort()
    entries: list[RankedVendor] = []
    rank = 0
    previous: float | None = None
    for position, (negated, _, _, at) in enumerate(eligible, start=1):
        if negated != previous:
            rank, previous = position, negated
        entries.append(_ranked(rank, kept[at], scores[at]))
    entries.extend(_ranked(None, kept[at], scores[at]) for *_, at in knocked_out)
    return Ranking(entries=tuple(entries), on=plan.on, warnings=plan.warnings)
