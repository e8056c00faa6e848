"""Rank vendors: eligible ones by total, ties shared, the knocked-out ones kept last."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import Any, Protocol, overload

import attrs

from ._i18n import check_lang
from ._validators import NOT_WRITTEN
from .catalogue import Catalog
from .criteria import BuyerCriteria, Need
from .findings import Finding
from .scoring import ScoringPlan, VendorScore, _Offers
from .vendors import Vendor

__all__ = ["RankedVendor", "Ranking", "rank_vendors"]


def __dir__() -> list[str]:
    return __all__


class _Scorer(Protocol):
    def score(self, vendor: Vendor) -> VendorScore: ...


@attrs.frozen(kw_only=True, eq=False, repr=False)
class RankedVendor:
    """A vendor's place in a ranking.

    ``rank``, ``vendor`` and ``total`` are set when the ranking is made; the
    [`score`][callcenter_certs.RankedVendor.score] (its breakdown, knock-outs and warnings in
    words) is computed when
    first read and then kept: ranking a million vendors builds no explanation that nobody reads.
    Built with ``score=`` it holds that score. Equality, hashing, ``repr``, pickling
    and the converter read the score, so a ranked vendor behaves as if it had been set
    at once.
    """

    rank: int | None
    """1 for the best; equal totals share a rank (1, 2, 2, 4); ``None`` when knocked out."""
    vendor: Vendor
    _source: VendorScore | _Scorer = attrs.field(alias="score")
    _total: float | None = attrs.field(default=None, alias="total")

    @property
    def total(self) -> float:
        """The score's total, known from the ranking without computing the explanation."""
        return self.score.total if self._total is None else self._total

    @cached_property
    def score(self) -> VendorScore:
        """The vendor's whole score, computed on first read."""
        source = self._source
        if isinstance(source, VendorScore):
            return source
        return source.score(self.vendor)

    def _key(self) -> tuple[int | None, Vendor, VendorScore]:
        return (self.rank, self.vendor, self.score)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"RankedVendor(rank={self.rank!r}, vendor={self.vendor!r}, score={self.score!r})"

    def __getstate__(self) -> dict[str, object]:
        # Pickled and copied with its score computed: the pending source holds the plan.
        return {"rank": self.rank, "vendor": self.vendor, "_source": self.score, "_total": None}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)


@attrs.frozen(kw_only=True)
class Ranking(Sequence[RankedVendor]):
    """Every vendor that went in, once: eligible ones by rank, then the knocked-out ones."""

    entries: tuple[RankedVendor, ...]
    on: dt.date
    """The date the certificates were checked on."""
    warnings: tuple[Finding, ...] = ()
    """Warnings about the criteria themselves (withdrawn ids, buyer-chosen rules)."""
    criteria: BuyerCriteria | None = attrs.field(
        default=None, eq=False, repr=False, metadata={NOT_WRITTEN: True}
    )
    """The criteria it was ranked against, kept to rank again (``None`` when read back
    from a decision record, which holds them apart: ``DecisionRecord.criteria``).
    Not part of equality, and never written."""
    catalog: Catalog | None = attrs.field(
        default=None, eq=False, repr=False, metadata={NOT_WRITTEN: True}
    )
    """The catalogue it was ranked with, kept to rank again (``None`` when read back
    from a decision record, which names it by version and digest). Not part of
    equality, and never written."""

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

    @cached_property
    def weights(self) -> Mapping[str, float]:
        """The weighted criteria and their weights as written, in breakdown order."""
        weights: dict[str, float] = {}
        for entry in self.entries[:1]:
            for row in entry.score.breakdown:
                if row.need is Need.PREFER:
                    weights[row.criterion] = row.weight
        if not self.entries and self.criteria is not None:  # no offer: the criteria say
            plan = ScoringPlan(self.criteria, on=self.on, catalog=self.catalog)
            for active in plan.rows:
                if active.need is Need.PREFER and active.weight is not None:
                    name = active.definition.name
                    weights[name] = self.criteria.weight(name)
        return MappingProxyType(weights)

    @cached_property
    def nominal_weights(self) -> Mapping[str, float]:
        """Each weighted criterion's weight as a share of the weights' sum, times 100."""
        weights = self.weights
        total = math.fsum(weights.values())
        if not total:
            return MappingProxyType({})
        return MappingProxyType({k: 100 * w / total for k, w in weights.items()})

    @cached_property
    def effective_weights(self) -> Mapping[str, float]:
        """The weight each criterion really had in separating the eligible offers.

        For each weighted criterion, the spread of its points among the eligible
        vendors (highest minus lowest), as a share of the sum of the spreads, times
        100; an empty mapping when no criterion separates them (fewer than two
        eligible vendors, or all equal). A nominal 40/60 grid often acts as 46/54.
        """
        low: dict[str, Fraction] = {}
        high: dict[str, Fraction] = {}
        for entry in self.eligible:
            for row in entry.score.breakdown:
                if row.need is not Need.PREFER:
                    continue
                points = Fraction(row.contribution)
                name = row.criterion
                low[name] = min(low.get(name, points), points)
                high[name] = max(high.get(name, points), points)
        spreads = {name: high[name] - low[name] for name in low}
        total = sum(spreads.values(), Fraction(0))
        if not total:
            return MappingProxyType({})
        return MappingProxyType({name: float(100 * s / total) for name, s in spreads.items()})

    def explain(self, *, lang: str = "en") -> str:
        """Why each vendor is where it is.

        ``lang``: ``"en"`` (the default) or ``"fr"``, in which every sentence is French,
        numbers have a decimal comma, dates read ``30/06/2026`` and certifications go by
        their French names.
        """
        from .explain import _render_ranking  # noqa: PLC0415 - explain formats this class

        return _render_ranking(self, lang=check_lang(lang))

    def to_rows(self) -> list[dict[str, object]]:
        """One flat row per vendor, in rank order: for a DataFrame, a spreadsheet, a script.

        The keys, in order: ``rank`` (``int``, ``None`` when knocked out), ``vendor``,
        ``total`` (``float``), ``eligible`` (``bool``), one ``points:NAME`` (``float``)
        per weighted criterion in breakdown order, ``knockouts`` (the knock-outs in
        words, joined by ``"; "``, ``""`` when eligible) and ``warnings`` (how many the
        vendor has, ``int``). Values are plain Python values.

        Added in 26.1.
        """
        from ._rows import ranking_rows  # noqa: PLC0415 - built when asked

        return ranking_rows(self)

    def breakdown_rows(self) -> list[dict[str, object]]:
        """One flat row per vendor and criterion, the vendors in rank order.

        The keys, in order: ``rank``, ``vendor``, ``criterion``, ``need``
        (``"require"`` or ``"prefer"``), ``met`` (``bool``), ``value`` (0 to 1),
        ``weight``, ``points`` (what it adds to the total), ``figure`` (the vendor's
        value of a figure criterion, else ``None``), ``certificates`` (the ids that
        earned it, joined by ``", "``) and ``detail``.

        Added in 26.1.
        """
        from ._rows import breakdown_rows  # noqa: PLC0415 - built when asked

        return breakdown_rows(self)

    def to_pandas(self, *, breakdown: bool = False) -> Any:
        """`to_rows` (or `breakdown_rows`) as a pandas DataFrame, its columns typed.

        ``rank`` is pandas' nullable ``Int64`` (``<NA>`` when knocked out).

        Raises:
            ModuleNotFoundError: pandas is not installed; the message gives the pip
                command (``pip install 'callcenter-certs[pandas]'``).

        Added in 26.1.
        """
        from ._rows import frame  # noqa: PLC0415 - pandas is imported when asked

        return frame(self, "pandas", breakdown=breakdown)

    def to_polars(self, *, breakdown: bool = False) -> Any:
        """`to_rows` (or `breakdown_rows`) as a polars DataFrame, its columns typed.

        Raises:
            ModuleNotFoundError: polars is not installed; the message gives the pip
                command (``pip install 'callcenter-certs[polars]'``).

        Added in 26.1.
        """
        from ._rows import frame  # noqa: PLC0415 - polars is imported when asked

        return frame(self, "polars", breakdown=breakdown)

    def _repr_html_(self) -> str:
        """The ranking as an HTML table, for Jupyter (every text escaped)."""
        from ._rows import ranking_html  # noqa: PLC0415 - for notebooks only

        return ranking_html(self)


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
    goes in comes out exactly once. Figures scored relative to the other offers
    compare with the eligible ones (with none eligible, with all).

    Raises:
        InputError: duplicate vendor names, unknown certification ids (every one of
            them, with their paths ``vendors[i].certificates[j].certification``), a
            figure value no scoring can take, or criteria that no vendor could meet.
    """
    plan = ScoringPlan(criteria, on=on, catalog=catalog)
    offers = _Offers.measure(plan, vendors)
    total = plan.total
    # Sort keys hold only a float, strings and an int: the garbage collector stops
    # tracking such tuples, so a million of them cost it nothing.
    eligible: list[tuple[float, str, str, int]] = []
    knocked_out: list[tuple[float, str, str, int]] = []
    for at, (vendor, ok, (numerator, denominator)) in enumerate(
        zip(offers.vendors, offers.eligible, offers.sums, strict=True)
    ):
        name = vendor.name
        (eligible if ok else knocked_out).append(
            (-total(numerator, denominator), name.casefold(), name, at)
        )
    eligible.sort()
    knocked_out.sort()
    kept = offers.vendors
    entries: list[RankedVendor] = []
    rank = 0
    previous: float | None = None
    for position, (negated, _, _, at) in enumerate(eligible, start=1):
        if negated != previous:
            rank, previous = position, negated
        entries.append(RankedVendor(rank=rank, vendor=kept[at], score=offers, total=-negated))
    entries.extend(
        RankedVendor(rank=None, vendor=kept[at], score=offers, total=-negated)
        for negated, _, _, at in knocked_out
    )
    return Ranking(
        entries=tuple(entries),
        on=plan.on,
        warnings=plan.warnings,
        criteria=criteria,
        catalog=plan.catalog,
    )
