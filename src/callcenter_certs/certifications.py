"""What a certification is, as typed data: the enums and the frozen record.

The facts themselves live in ``data/certifications.toml``; this module only says
what shape they have and which values are allowed.
"""

from __future__ import annotations

import enum
import re

import attrs

from ._text import without_accents
from .errors import InputError

__all__ = [
    "FACT_FIELDS",
    "Certification",
    "Domain",
    "Kind",
    "Obligation",
    "Party",
    "SchemeStatus",
]


def __dir__() -> list[str]:
    return __all__


class Obligation(enum.Enum):
    """What the audit checks: the organisation's means, or its measured results.

    The French framing *obligation de moyens* / *obligation de résultat* is a
    convention of the French market, not a term of the standards themselves.
    A catalogue entry whose obligation is ``None`` is neither (an eligibility
    label, a CSR label) or unknown; its notes say which.
    """

    MEANS = "means"
    """Obligation de moyens: the management system and processes are audited (ISO style)."""
    RESULTS = "results"
    """Obligation de résultat: the service levels delivered are audited (NF Service style)."""


class Domain(enum.Enum):
    """An area a certification covers."""

    MANAGEMENT_POLICY = "management-policy"
    """Management policy and strategy, customer-focused leadership."""
    INTERACTION_QUALITY = "interaction-quality"
    """Quality of the operational teams' interactions with customers."""
    INFRASTRUCTURE = "infrastructure"
    """Quality of the service-delivery infrastructure (telephony, IT, premises)."""
    PROCESSES = "processes"
    """Operational processes."""
    CUSTOMER_SATISFACTION = "customer-satisfaction"
    """Measuring and monitoring customer satisfaction or experience."""
    SOCIAL_RESPONSIBILITY = "social-responsibility"
    """Corporate social responsibility (CSR, *responsabilité sociétale*)."""
    CONTINUOUS_IMPROVEMENT = "continuous-improvement"
    """A continual improvement cycle fed by measurements and feedback."""
    INTERNAL_AUDIT = "internal-audit"
    """The organisation audits its own system at planned intervals."""
    WORKING_ENVIRONMENT = "working-environment"
    """The agents' work environment."""
    HUMAN_RESOURCES = "human-resources"
    """Competence, training, engagement and working conditions of staff."""
    COMPLAINTS_HANDLING = "complaints-handling"
    """Handling of customer complaints."""
    PERFORMANCE_INDICATORS = "performance-indicators"
    """Required performance metrics (KPIs)."""
    CLIENT_RELATIONSHIP = "client-relationship"
    """The relationship between a contact centre and its client (*donneur d'ordre*)."""
    STAFF_LOCATION = "staff-location"
    """Where the staff work and under which employment law."""
    SOCIAL_DIALOGUE = "social-dialogue"
    """Dialogue with employee representatives."""
    ENVIRONMENT = "environment"
    """Environmental impact."""
    ETHICS_GOVERNANCE = "ethics-governance"
    """Business ethics, fair practices and governance."""
    RESPONSIBLE_PURCHASING = "responsible-purchasing"
    """Sustainable or responsible procurement."""
    CUSTOMER_EXPERIENCE = "customer-experience"
    """The customer's experience as a whole, across channels."""
    EMPLOYEE_EXPERIENCE = "employee-experience"
    """The employee's experience as a whole."""


class Kind(enum.Enum):
    """What sort of document or scheme an entry is."""

    INTERNATIONAL_STANDARD = "international standard"
    EUROPEAN_STANDARD = "European standard"
    FRENCH_STANDARD = "French standard"
    CERTIFICATION_SCHEME = "certification scheme"
    """A certification with its own rules, not a published standard (e.g. NF 345)."""
    LABEL = "label"
    RATING = "rating"
    """A commercial score, not a certification (e.g. an EcoVadis medal)."""
    AWARD = "award"
    """A prize won in a contest, not a certification (e.g. Élu Service Client de l'Année)."""


class Party(enum.Enum):
    """Who can hold an entry."""

    PROVIDER = "provider"
    """An organisation delivering the customer-contact service: in-house centre or outsourcer."""
    CLIENT = "client"
    """An organisation using a contact centre's services (the buyer, *donneur d'ordre*)."""


class SchemeStatus(enum.Enum):
    """Whether new certificates can be obtained."""

    CURRENT = "current"
    """In force according to the newest source."""
    WITHDRAWN = "withdrawn"
    """Withdrawn or superseded: no new certificates."""
    UNCONFIRMED = "unconfirmed"
    """Known to have run; no recent source confirms it still does."""


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SOURCE_FIELDS = re.compile(r"\[([a-z_]+(?:, *[a-z_]+)*)\]\s*$")

FACT_FIELDS: tuple[str, ...] = (
    "issuer",
    "obligation",
    "domains",
    "contact_centre_specific",
    "france_only_staffing",
    "staff_in_france_min_percent",
    "applies_to",
    "first_published",
    "withdrawn",
    "superseded_by",
    "equivalents",
    "mixed_obligation",
    "validity_years",
    "surveillance_interval_months",
    "status",
    "principles",
    "levels",
    "aliases",
)
"""The fields that state a fact and must name their source when they are set."""


def _check_id(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        msg = f"{value!r} is not a valid id (lower-case letters, digits and single hyphens)"
        raise InputError.at((attribute.name,), msg)


def _check_whole(attribute: attrs.Attribute[int | None], value: object) -> None:
    """A whole number (``True`` is not one), else an InputError naming the field."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError.at((attribute.name,), f"{value!r} is not a whole number")


def _check_year(_: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None:
        _check_whole(attribute, value)
    if value is not None and not 1900 <= value <= 2100:  # noqa: PLR2004 - plausible years
        raise InputError.at((attribute.name,), f"{value!r} is not a plausible year")


def _check_positive(_: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None:
        _check_whole(attribute, value)
    if value is not None and value <= 0:
        raise InputError.at((attribute.name,), f"{value!r} must be a positive number")


def _check_percent(_: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None:
        _check_whole(attribute, value)
    if value is not None and not 0 < value <= 100:  # noqa: PLR2004 - a percentage
        raise InputError.at((attribute.name,), f"{value!r} is not a percentage in 1..100")


def _check_levels(_: object, attribute: attrs.Attribute[tuple[str, ...]], value: object) -> None:
    if not isinstance(value, tuple):
        raise InputError.at((attribute.name,), f"{value!r} is not a list of level names")
    seen: set[str] = set()
    for index, level in enumerate(value):
        if not isinstance(level, str) or not level.strip() or level != level.strip():
            msg = f"{level!r} is not a level name (text without spaces at either end)"
            raise InputError.at((attribute.name, index), msg)
        if level.casefold() in seen:
            raise InputError.at((attribute.name, index), f"{level!r} is listed twice")
        seen.add(level.casefold())


def _alias_key(text: str) -> str:
    """What an id and the ways it is written share: ``"ISO 18295-1"`` is ``"iso182951"``.

    Case, accents, spaces, hyphens and punctuation are ignored; letters and digits
    are kept, so ``ISO 18295-1`` and ``ISO 18295-2`` stay apart.
    """
    return "".join(char for char in without_accents(text).casefold() if char.isalnum())


def _check_aliases(_: object, attribute: attrs.Attribute[tuple[str, ...]], value: object) -> None:
    if not isinstance(value, tuple):
        raise InputError.at((attribute.name,), f"{value!r} is not a list of names")
    seen: dict[str, str] = {}
    for index, alias in enumerate(value):
        if not isinstance(alias, str) or not alias.strip() or alias != alias.strip():
            msg = f"{alias!r} is not a name (text without spaces at either end)"
            raise InputError.at((attribute.name, index), msg)
        key = _alias_key(alias)
        if not key:
            msg = f"{alias!r} has no letter or digit: it would match nothing"
            raise InputError.at((attribute.name, index), msg)
        if key in seen:
            msg = f"{alias!r} is {seen[key]!r} written another way: listed twice"
            raise InputError.at((attribute.name, index), msg)
        seen[key] = alias


def _tuple_of_text(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen(kw_only=True)
class Certification:
    """One certification, label, rating or award a contact centre can hold.

    Facts that no source supports are ``None`` (unknown), never guessed; ``notes``
    records where the source article and the verified facts disagree.
    """

    id: str = attrs.field(validator=_check_id)
    """Stable slug used in files, e.g. ``"nf-345"``."""
    short_name: str
    """What buyers call it, for tables: ``"ISO 18295-1"``, ``"NF 345"``."""
    name: str
    """Official name (English where one exists)."""
    name_fr: str | None = None
    """Official French name."""
    aliases: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple_of_text, validator=_check_aliases
    )
    """The names vendors write for it, each an official name: with and without the
    edition year (``ISO 18295-1``, ``ISO 18295-1:2017``, ``NF EN ISO 18295-1``), in
    French and in English. A spreadsheet's certification cell may hold one; it is
    read as the id, ignoring case, accents, spaces, hyphens and punctuation. Python
    constructors take ids only."""
    issuer: str
    """Who publishes the standard or runs the scheme, and who certifies."""
    kind: Kind
    obligation: Obligation | None = None
    """Means or results; ``None`` when neither applies or it is unknown (see notes)."""
    mixed_obligation: bool = False
    """The scheme mixes means and results (ISO 18295-1: KPIs required, targets set with
    the client); it is scored as its ``obligation``, and tables say so."""
    domains: frozenset[Domain] = frozenset()
    contact_centre_specific: bool = False
    """Written for customer contact centres, rather than for any organisation."""
    france_only_staffing: bool = False
    """Holding it attests that all staff work in France under French employment contracts."""
    staff_in_france_min_percent: int | None = attrs.field(default=None, validator=_check_percent)
    """The least share of staff in France the scheme demands, when it sets one."""
    applies_to: frozenset[Party] = frozenset({Party.PROVIDER})
    """Who can hold it: a provider of contact-centre services, their client, or both."""
    first_published: int | None = attrs.field(default=None, validator=_check_year)
    """Year of the first edition or launch."""
    withdrawn: int | None = attrs.field(default=None, validator=_check_year)
    """Year of withdrawal, if withdrawn."""
    superseded_by: str | None = None
    """Id of the entry that replaced this one."""
    equivalents: frozenset[str] = frozenset()
    """Ids a buyer accepts in place of this one (each equivalence is sourced)."""
    validity_years: int | None = attrs.field(default=None, validator=_check_positive)
    """Certificate cycle before renewal; ``None`` when unknown."""
    surveillance_interval_months: int | None = attrs.field(default=None, validator=_check_positive)
    """Longest gap between surveillance audits inside the cycle; ``None`` when unknown."""
    status: SchemeStatus = SchemeStatus.CURRENT
    principles: tuple[str, ...] = ()
    """Principles the standard rests on (ISO 9001's seven)."""
    levels: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple_of_text, validator=_check_levels
    )
    """The levels a certificate may state, lowest first (EcoVadis: bronze, silver, gold,
    platinum); empty when the scheme has none, or none is sourced."""
    notes: tuple[str, ...] = ()
    """Caveats, and where the source article is wrong."""
    sources: tuple[str, ...]
    """References; each ends with the fields it supports in brackets, e.g. ``[first_published]``."""

    @property
    def is_certification(self) -> bool:
        """False for ratings and awards, which are not certifications."""
        return self.kind not in {Kind.RATING, Kind.AWARD}

    def level_rank(self, level: str) -> int | None:
        """The position of ``level`` in `levels`, 0 the lowest; ``None``: unknown.

        Case does not matter: ``"Gold"`` is ``"gold"``.
        """
        folded = level.casefold()
        for index, known in enumerate(self.levels):
            if known.casefold() == folded:
                return index
        return None

    def level_problem(self, level: str) -> str | None:
        """Why ``level`` is not a level of this entry, naming the known ones; ``None``: known."""
        if self.level_rank(level) is not None:
            return None
        if not self.levels:
            return f"{level!r} is not a level of {self.id}, which has no levels in the catalogue"
        known = ", ".join(map(repr, self.levels))
        return f"{level!r} is not a level of {self.id}; its levels, lowest first: {known}"

    def sources_for(self, field: str) -> tuple[str, ...]:
        """The sources that support ``field`` (a name from `FACT_FIELDS`)."""
        found = []
        for source in self.sources:
            match = _SOURCE_FIELDS.search(source)
            if match and field in {f.strip() for f in match.group(1).split(",")}:
                found.append(source)
        return tuple(found)
