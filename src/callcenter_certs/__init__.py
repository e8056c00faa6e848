"""Choose a call-centre vendor on its quality certifications, and say why.

The catalogue says what each certification means; the scoring engine ranks
vendors against a buyer's criteria and explains every point and knock-out.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from .catalogue import Catalog, _builtin_catalog, _provide_builtin

if TYPE_CHECKING:  # for type checkers and the API pages; at run time, __getattr__
    from ._converter import converter, make_converter
    from ._version import __version__
    from .certifications import Certification, Domain, Kind, Obligation, Party, SchemeStatus
    from .criteria import CRITERIA, Better, BuyerCriteria, Figure, Need, Scoring
    from .decisions import (
        RECORD_FORMAT,
        DecisionRecord,
        Replay,
        dump_record,
        load_record,
        make_record,
        replay,
    )
    from .errors import CallcenterCertsError, InputError, Problem, UnknownCertificationError
    from .files import Limits
    from .findings import Finding
    from .loaders import (
        dump_criteria,
        dump_vendors,
        load_catalog,
        load_criteria,
        load_vendors,
    )
    from .ranking import RankedVendor, Ranking, rank_vendors
    from .report import render_report
    from .schema import criteria_schema, vendors_schema
    from .scoring import CriterionScore, ScoringPlan, VendorScore, check_criteria, score_vendor
    from .sensitivity import (
        Acceptability,
        CertificateDependence,
        Sensitivity,
        Tipping,
        WeightRange,
        acceptability,
        sensitivity,
    )
    from .tables import Table, distinctions_table
    from .vendors import CertificateStatus, HeldCertificate, Site, Vendor

_EXPORTS: dict[str, str] = {
    "sensitivity": "sensitivity",
    "acceptability": "sensitivity",
    "WeightRange": "sensitivity",
    "Tipping": "sensitivity",
    "Sensitivity": "sensitivity",
    "CertificateDependence": "sensitivity",
    "Acceptability": "sensitivity",
    "Better": "criteria",
    "BuyerCriteria": "criteria",
    "CRITERIA": "criteria",
    "CallcenterCertsError": "errors",
    "Catalog": "catalogue",
    "CertificateStatus": "vendors",
    "Certification": "certifications",
    "CriterionScore": "scoring",
    "DecisionRecord": "decisions",
    "Domain": "certifications",
    "Figure": "criteria",
    "Finding": "findings",
    "HeldCertificate": "vendors",
    "InputError": "errors",
    "Kind": "certifications",
    "Limits": "files",
    "Need": "criteria",
    "Obligation": "certifications",
    "Party": "certifications",
    "Problem": "errors",
    "RECORD_FORMAT": "decisions",
    "RankedVendor": "ranking",
    "Ranking": "ranking",
    "Replay": "decisions",
    "SchemeStatus": "certifications",
    "Scoring": "criteria",
    "ScoringPlan": "scoring",
    "Site": "vendors",
    "Table": "tables",
    "UnknownCertificationError": "errors",
    "Vendor": "vendors",
    "VendorScore": "scoring",
    "__version__": "_version",
    "check_criteria": "scoring",
    "converter": "_converter",
    "criteria_schema": "schema",
    "distinctions_table": "tables",
    "dump_criteria": "loaders",
    "dump_record": "decisions",
    "dump_vendors": "loaders",
    "load_catalog": "loaders",
    "load_criteria": "loaders",
    "load_record": "decisions",
    "load_vendors": "loaders",
    "make_converter": "_converter",
    "make_record": "decisions",
    "rank_vendors": "ranking",
    "render_report": "report",
    "replay": "decisions",
    "score_vendor": "scoring",
    "vendors_schema": "schema",
}
"""Where each public name lives; imported when first used: ``import callcenter_certs``
imports no file format, no catalogue data and no command line."""

__all__ = [
    "CATALOG",
    "CRITERIA",
    "RECORD_FORMAT",
    "Acceptability",
    "Better",
    "BuyerCriteria",
    "CallcenterCertsError",
    "Catalog",
    "CertificateDependence",
    "CertificateStatus",
    "Certification",
    "CriterionScore",
    "DecisionRecord",
    "Domain",
    "Figure",
    "Finding",
    "HeldCertificate",
    "InputError",
    "Kind",
    "Limits",
    "Need",
    "Obligation",
    "Party",
    "Problem",
    "RankedVendor",
    "Ranking",
    "Replay",
    "SchemeStatus",
    "Scoring",
    "ScoringPlan",
    "Sensitivity",
    "Site",
    "Table",
    "Tipping",
    "UnknownCertificationError",
    "Vendor",
    "VendorScore",
    "WeightRange",
    "__version__",
    "acceptability",
    "check_criteria",
    "converter",
    "criteria_schema",
    "distinctions_table",
    "dump_criteria",
    "dump_record",
    "dump_vendors",
    "load_catalog",
    "load_criteria",
    "load_record",
    "load_vendors",
    "make_converter",
    "make_record",
    "rank_vendors",
    "render_report",
    "replay",
    "score_vendor",
    "sensitivity",
    "vendors_schema",
]


def _read_builtin_catalog() -> Catalog:
    from ._builtin import read_builtin_catalog as read  # noqa: PLC0415 - when needed

    return read()


_provide_builtin(_read_builtin_catalog)

CATALOG: Catalog
"""The built-in catalogue, shipped as ``data/certifications.toml`` in the package.

Read from its data file the first time it is used (by this name, or by a function
called without ``catalog=``): ``import callcenter_certs`` stays quick."""


class _Package(types.ModuleType):
    """The package, whose function ``sensitivity`` shares its name with a module.

    Importing the module ``callcenter_certs.sensitivity`` would otherwise set the
    package's attribute to the module; the function stays, as ``from
    callcenter_certs import sensitivity`` promises (the module is in ``sys.modules``).
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name == "sensitivity" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


_SUBMODULES = frozenset({"cli", "decisions", "formats", "rules", "sensitivity", "strategies"})
"""The public submodules, imported when first used (``strategies`` needs the ``test`` extra).

``callcenter_certs.sensitivity`` stays the function: the module is
``import callcenter_certs.sensitivity`` or ``sys.modules``."""


def __dir__() -> list[str]:
    return sorted({*__all__, *_SUBMODULES})


def __getattr__(name: str) -> object:
    if name == "CATALOG":  # read when first used
        return _builtin_catalog()
    module = _EXPORTS.get(name)
    if module is None and name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # once imported, a plain attribute
    return value
