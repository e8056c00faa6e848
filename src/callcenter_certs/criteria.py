"""What the buyer asks for: required certifications, four axes, the tender's figures, weights.

The award grid is one table of weighted criteria: the built-in certification
criteria ([`CRITERIA`][callcenter_certs.CRITERIA]) and the figures the tender scores (price, the
committee's
marks), each a [`Figure`][callcenter_certs.Figure]. ``weights`` is keyed by their names.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import sys
from collections.abc import Collection, Iterable, Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

import attrs

from . import _validators
from ._text import describe, without_accents
from ._validators import KEYED_BY, NOT_WRITTEN, OMIT_EMPTY, RENAMED
from .errors import InputError, Problem

__all__ = ["CRITERIA", "Better", "BuyerCriteria", "Figure", "Need", "Scoring"]


def __dir__() -> list[str]:
    return __all__


class Need(enum.Enum):
    """How much a criterion matters to the buyer."""

    IGNORE = "ignore"
    """No effect on the score."""
    PREFER = "prefer"
    """A weighted term of the total, with a value in [0, 1]."""
    REQUIRE = "require"
    """Not met: the vendor is knocked out (it stays in the ranking, with the reason)."""


_NEED_WORDS: dict[str, Need] = {
    "ignorer": Need.IGNORE,
    "préférer": Need.PREFER,
    "exiger": Need.REQUIRE,
}
"""The French word of each need, as a criteria file may hold it (``csr = "exiger"``)."""


def _plain(word: str) -> str:
    """``word`` without case or accents: ``"Préférer"`` is ``"preferer"``."""
    return without_accents(word.strip()).casefold()


_NEED_KEYS = {_plain(word): need for word, need in _NEED_WORDS.items()}


def _french_need(value: object) -> Need | None:
    """The need a French word names, ignoring case and accents (``"Préférer"``, ``"preferer"``)."""
    return _NEED_KEYS.get(_plain(value)) if isinstance(value, str) else None


_CRITERION = {"criterion": True}
"""Field metadata of a built-in weighted criterion: its name goes in
[`CRITERIA`][callcenter_certs.CRITERIA]."""

_FIGURE_NAME = re.compile(r"[a-z][a-z0-9_]*")
"""The form of a figure's name (use with ``fullmatch``): ``price``, ``technical_memo``."""


class Better(enum.Enum):
    """Which way a figure is better."""

    HIGHER = "higher"
    """A mark, a score: the higher the better."""
    LOWER = "lower"
    """A price, a delay: the lower the better."""


class Scoring(enum.Enum):
    """How a figure's value becomes a share of its points, in [0, 1]."""

    SCALE = "scale"
    """``value / out_of``: a mark out of a fixed scale (only with
    [`Better.HIGHER`][callcenter_certs.Better.HIGHER])."""
    PROPORTIONAL = "proportional"
    """LOWER: ``best / value`` (the usual "lowest price / price"); HIGHER: ``value / best``.
    Values must be > 0."""
    LINEAR = "linear"
    """``(value - worst) / (best - worst)``; every value equal: 1."""


_LARGEST = int(sys.float_info.max)


def _number(value: object) -> float | None:
    """``value`` as a finite float, or ``None`` when it is not a real number (bool refused).

    An int, a float, a `Fraction` or a `Decimal`: real numbers as Python writes them.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction | Decimal):
        return None
    if isinstance(value, int) and abs(value) > _LARGEST:  # float() would overflow
        return None
    number = float(value) + 0.0  # + 0.0 turns -0.0 into 0.0
    return number if math.isfinite(number) else None


def _figure_name(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _FIGURE_NAME.fullmatch(value):
        msg = f"{describe(value)} is not a figure name (a lowercase letter, then a-z, 0-9 or _)"
        raise InputError.at((attribute.name,), msg)
    if value in CRITERIA or value in _TOPICS:
        msg = f"{value!r} is the name of a built-in criterion; give the figure another name"
        raise InputError.at((attribute.name,), msg)


def _optional_number(value: object) -> object:
    if value is None:
        return None
    converted = _number(value)
    return value if converted is None else converted


def _check_number(_: object, attribute: attrs.Attribute[float | None], value: object) -> None:
    if value is not None and not (isinstance(value, float) and math.isfinite(value)):
        msg = f"{describe(value)} is not a finite number"
        raise InputError.at((attribute.name,), msg)


@attrs.frozen
class Figure:
    """A figure the tender scores: the offer's price, the committee's mark, a delay...

    Always a weighted criterion of the award grid (its weight in
    ``BuyerCriteria.weights``, 1 when not given). A vendor without the figure is
    knocked out (an incomplete offer is irregular), and so is a value below
    ``minimum`` or above ``maximum`` (an announced minimum mark is lawful:
    CJEU C-546/16 *Montte*).

    Relative scorings (PROPORTIONAL, LINEAR) compare an offer with the *eligible*
    offers (no knock-out of any kind); the best eligible offer gets the full points.
    """

    name: str = attrs.field(validator=_figure_name)
    """The key in ``Vendor.figures`` and in ``weights``: ``price``, ``technical``."""
    better: Better = attrs.field(default=Better.HIGHER, validator=_validators.enum_member(Better))
    scoring: Scoring = attrs.field(
        default=Scoring.SCALE, validator=_validators.enum_member(Scoring)
    )
    out_of: float | None = attrs.field(
        default=None, converter=_optional_number, validator=_check_number
    )
    """The top of the scale (SCALE only, and required there): a mark out of 20."""
    minimum: float | None = attrs.field(
        default=None, converter=_optional_number, validator=_check_number
    )
    """A value below it is knocked out (an announced minimum mark)."""
    maximum: float | None = attrs.field(
        default=None, converter=_optional_number, validator=_check_number
    )
    """A value above it is knocked out (a budget ceiling)."""
    abnormally_low: float | None = attrs.field(
        default=None, converter=_optional_number, validator=_check_number
    )
    """LOWER only, a ratio in (0, 1): an eligible value below it times the mean of the
    other eligible offers gets a warning to ask for a justification (Code de la
    commande publique L2152-5, R2152-3); never a knock-out."""

    def __attrs_post_init__(self) -> None:
        if self.scoring is Scoring.SCALE:
            if self.better is not Better.HIGHER:
                msg = (
                    "scoring 'scale' is for figures where higher is better; "
                    "use 'proportional' or 'linear'"
                )
                raise InputError.at(("scoring",), msg)
            if self.out_of is None:
                raise InputError.at(
                    ("out_of",), "scoring 'scale' needs out_of (the top of the scale)"
                )
            if self.out_of <= 0:
                raise InputError.at(("out_of",), f"{describe(self.out_of)} is not a number > 0")
        elif self.out_of is not None:
            msg = f"out_of applies only to scoring 'scale', not {self.scoring.value!r}"
            raise InputError.at(("out_of",), msg)
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            msg = f"minimum {self.minimum:g} is above maximum {self.maximum:g}"
            raise InputError.at(("minimum",), msg)
        if self.abnormally_low is not None:
            if self.better is not Better.LOWER:
                msg = "abnormally_low applies only to figures where lower is better (a price)"
                raise InputError.at(("abnormally_low",), msg)
            if not 0 < self.abnormally_low < 1:
                msg = f"{describe(self.abnormally_low)} is not a ratio strictly between 0 and 1"
                raise InputError.at(("abnormally_low",), msg)

    @property
    def relative(self) -> bool:
        """Whether a value's points depend on the other offers (PROPORTIONAL, LINEAR)."""
        return self.scoring is not Scoring.SCALE


def _figures(value: Collection[Figure]) -> tuple[Figure, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InputError.at(("figures",), f"{describe(value)} is not a list of Figure")
    figures = tuple(value)
    problems = []
    seen: set[str] = set()
    for index, figure in enumerate(figures):
        if not isinstance(figure, Figure):
            problems.append(Problem(("figures", index), f"{describe(figure)} is not a Figure"))
        elif figure.name in seen:
            problems.append(
                Problem(("figures", index, "name"), f"two figures are named {figure.name!r}")
            )
        else:
            seen.add(figure.name)
    if problems:
        raise InputError(problems)
    if isinstance(value, AbstractSet):  # no order of its own: by name
        return tuple(sorted(figures, key=lambda f: f.name))
    return figures


def _ids(value: Iterable[str], name: str) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InputError.at((name,), f"{describe(value)} is not a list of certification ids")
    ids = tuple(value)
    if isinstance(value, AbstractSet) and all(isinstance(item, str) for item in ids):
        # A set has no order of its own, and its iteration order changes from run to run
        # with string hashing: sorted, equal sets give equal criteria and explanations.
        return tuple(sorted(ids))
    return ids


def _required(value: Iterable[str]) -> tuple[str, ...]:
    return _ids(value, "required")


def _preferred(value: Iterable[str]) -> tuple[str, ...]:
    return _ids(value, "preferred_certifications")


def _check_ids(
    _: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    problems = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        if not isinstance(item, str):
            problems.append(
                Problem((attribute.name, index), f"{describe(item)} is not a certification id")
            )
        elif item in seen:
            problems.append(Problem((attribute.name, index), f"{item!r} is listed twice"))
        else:
            seen.add(item)
    if problems:
        raise InputError(problems)


def _weights(value: Mapping[str, float]) -> Mapping[str, float]:
    """The weights as given, sorted by name; checked with the figures in ``__attrs_post_init__``."""
    if not isinstance(value, Mapping):
        raise InputError.at(("weights",), f"{describe(value)} is not a table of criterion: weight")
    return MappingProxyType(dict(sorted(value.items(), key=lambda item: str(item[0]))))


def _weight_problems(weights: Mapping[str, object], known: tuple[str, ...]) -> Iterable[Problem]:
    for key, weight in weights.items():
        if not isinstance(key, str):
            yield Problem(("weights", describe(key)), f"{describe(key)} is not a name")
            continue
        if key not in known:
            allowed = ", ".join(map(repr, known))
            yield Problem(("weights", key), f"unknown criterion {key!r}; allowed: {allowed}")
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            yield Problem(("weights", key), f"{describe(weight)} is not a number")
        elif isinstance(weight, int) and weight > _LARGEST:  # float() would overflow
            yield Problem(("weights", key), f"{describe(weight)} is too large")
        elif not (math.isfinite(weight) and weight >= 0):
            yield Problem(("weights", key), f"{describe(weight)} is not a finite number >= 0")


def _minimum_levels(value: Mapping[str, str]) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        msg = f"{describe(value)} is not a table of certification id: level"
        raise InputError.at(("minimum_levels",), msg)
    problems = []
    items: Iterable[tuple[object, object]] = value.items()  # from Python: keys of any type
    for key, level in items:
        if not isinstance(key, str):
            msg = f"{describe(key)} is not a certification id"
            problems.append(Problem(("minimum_levels", describe(key)), msg))
        elif not isinstance(level, str) or not level.strip():
            msg = f"{describe(level)} is not a level name"
            problems.append(Problem(("minimum_levels", key), msg))
    if problems:
        raise InputError(problems)
    return MappingProxyType(dict(sorted(value.items())))


def _equivalents(value: Mapping[str, Collection[str]]) -> Mapping[str, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        msg = f"{describe(value)} is not a table of certification id: list of ids"
        raise InputError.at(("equivalents",), msg)
    problems: list[Problem] = []
    equivalents: dict[str, tuple[str, ...]] = {}
    items: Iterable[tuple[object, object]] = value.items()  # from Python: keys of any type
    for key, ids in items:
        if not isinstance(key, str):
            msg = f"{describe(key)} is not a certification id"
            problems.append(Problem(("equivalents", describe(key)), msg))
            continue
        try:
            listed = _ids(ids, "equivalents")  # type: ignore[arg-type]  # checked below
            _check_ids(None, attrs.fields(BuyerCriteria).required, listed)
        except InputError as error:
            problems.extend(
                Problem(("equivalents", key, *p.path[1:]), p.message) for p in error.problems
            )
            continue
        if key in listed:
            msg = f"{key!r} is listed as its own equivalent"
            problems.append(Problem(("equivalents", key), msg))
        equivalents[key] = listed
    if problems:
        raise InputError(problems)
    return MappingProxyType(dict(sorted(equivalents.items())))


_RENAMED_SWITCH = (
    "accept_ratings_and_awards was replaced by two switches: accept_ratings (ratings such "
    "as an EcoVadis medal) and accept_awards (contest prizes such as Élu Service Client "
    "de l'Année); set each one you want"
)


@attrs.frozen
class BuyerCriteria:
    """A buyer's criteria, validated at construction.

    The arguments of the specification may be given by position, in its order
    (``required``, the four axes, ``weights``, ``accept_equivalents``,
    ``valid_through``); the extras only by name.

    Weights are keyed by criterion name: the built-in ones (see
    [`CRITERIA`][callcenter_certs.CRITERIA])
    and the figures' names; a missing weight is 1. Certification ids are checked
    against the catalogue when scoring, since the catalogue is chosen then.
    """

    required: tuple[str, ...] = attrs.field(default=(), converter=_required, validator=_check_ids)
    """Certification ids every vendor must hold, counting on the scoring date."""
    results_obligation: Need = attrs.field(
        default=Need.IGNORE, validator=_validators.enum_member(Need), metadata=_CRITERION
    )
    """A counting certificate with an obligation of results (NF Service style)."""
    means_obligation: Need = attrs.field(
        default=Need.IGNORE, validator=_validators.enum_member(Need), metadata=_CRITERION
    )
    """A counting certificate with an obligation of means (ISO style)."""
    france_only: Need = attrs.field(
        default=Need.IGNORE, validator=_validators.enum_member(Need), metadata=_CRITERION
    )
    """All agents in France: from the declared sites, else from a France-only label."""
    csr: Need = attrs.field(
        default=Need.IGNORE, validator=_validators.enum_member(Need), metadata=_CRITERION
    )
    """A counting certificate covering social responsibility."""
    weights: Mapping[str, float] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=_weights, hash=False
    )
    accept_equivalents: bool = attrs.field(default=True, validator=_validators.boolean)
    """Accept the ids the catalogue declares equivalent (Directive 2014/24/EU art. 42-44, 62)."""
    valid_through: dt.date | None = attrs.field(
        default=None, validator=_validators.optional(_validators.date)
    )
    """Contract end: warn about counting certificates that lapse before it."""
    preferred_certifications: tuple[str, ...] = attrs.field(
        default=(), converter=_preferred, validator=_check_ids, kw_only=True, metadata=_CRITERION
    )
    """Ids the buyer prefers; the criterion's value is the share of them held."""
    accept_ratings: bool = attrs.field(default=False, validator=_validators.boolean, kw_only=True)
    """Count ratings (an EcoVadis medal) as evidence; by default only certifications
    and labels count."""
    accept_awards: bool = attrs.field(default=False, validator=_validators.boolean, kw_only=True)
    """Count awards won in contests (Élu Service Client de l'Année) as evidence: apart
    from ratings, so that accepting an EcoVadis medal never accepts a contest prize."""
    accept_ratings_and_awards: None = attrs.field(
        default=None,
        kw_only=True,
        repr=False,
        eq=False,
        hash=False,
        validator=_validators.renamed(_RENAMED_SWITCH),
        metadata={NOT_WRITTEN: True, RENAMED: _RENAMED_SWITCH},
    )
    """Replaced by `accept_ratings` and `accept_awards`; any value but
    ``None`` is an [`InputError`][callcenter_certs.InputError] that names them."""
    figures: tuple[Figure, ...] = attrs.field(
        default=(),
        converter=_figures,
        kw_only=True,
        metadata={KEYED_BY: "name", OMIT_EMPTY: True},
    )
    """The tender's figures (price, marks): weighted criteria like the others."""
    minimum_levels: Mapping[str, str] = attrs.field(
        factory=lambda: MappingProxyType({}),
        converter=_minimum_levels,
        kw_only=True,
        hash=False,
        metadata={OMIT_EMPTY: True},
    )
    """The least level a certificate of an id must state to count, by id:
    ``{"ecovadis": "silver"}``; one below it, or stating none, does not count. Checked
    against the catalogue entry's ``levels`` when scoring."""
    require_site_coverage: bool = attrs.field(
        default=False, validator=_validators.boolean, kw_only=True, metadata={OMIT_EMPTY: True}
    )
    """A certificate that names the sites it covers counts only if it covers every site
    the vendor declares; one that names none counts, with a warning. When false,
    uncovered declared sites give a warning."""
    equivalents: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=lambda: MappingProxyType({}),
        converter=_equivalents,
        kw_only=True,
        hash=False,
        metadata={OMIT_EMPTY: True},
    )
    """Ids the buyer accepts in place of a required or preferred id in this tender, on
    top of the catalogue's: ``{"engage-rse": ["b-corp"]}``. They apply even when
    ``accept_equivalents`` is false (which concerns the catalogue's)."""

    __getstate__ = _validators.read_only_getstate
    __setstate__ = _validators.read_only_setstate

    def __attrs_post_init__(self) -> None:
        problems = list(_weight_problems(self.weights, self.names))
        if problems:
            raise InputError(problems)
        # + 0.0 turns -0.0, which passes ">= 0", into 0.0.
        weights = {key: float(weight) + 0.0 for key, weight in self.weights.items()}
        object.__setattr__(self, "weights", MappingProxyType(weights))

    @property
    def names(self) -> tuple[str, ...]:
        """Every criterion that can be weighted, in breakdown order: built-in, then figures."""
        return (*CRITERIA, *(f.name for f in self.figures))

    def need(self, criterion: str) -> Need:
        """The need for a weighted criterion.

        ``preferred_certifications`` is PREFER when set; a figure is always PREFER.
        """
        if criterion not in CRITERIA:
            if any(f.name == criterion for f in self.figures):
                return Need.PREFER
            raise InputError.at(("criterion",), f"unknown criterion {criterion!r}")
        if criterion == "preferred_certifications":
            return Need.PREFER if self.preferred_certifications else Need.IGNORE
        need: Need = getattr(self, criterion)
        return need

    def weight(self, criterion: str) -> float:
        """The weight of ``criterion`` (1 when not given)."""
        return self.weights.get(criterion, 1.0)


CRITERIA: tuple[str, ...] = tuple(
    field.name for field in attrs.fields(BuyerCriteria) if field.metadata.get("criterion")
)
"""The built-in weighted criteria, in the order the breakdown lists them: the fields of
[`BuyerCriteria`][callcenter_certs.BuyerCriteria] marked as criteria. With the figures' names, the
keys of ``weights``."""

_TOPICS = frozenset({"required", "certificates", "valid_through", "figures"})
"""Other topics of findings, which a figure's name cannot take either."""
