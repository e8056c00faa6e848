"""The ``callcenter-certs`` command: data on stdout, messages on stderr.

Exit codes: 0 success; 1 when ``validate`` finds a problem or ``replay`` a difference;
2 for a usage or input error, printed as one line on stderr without a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

import attrs

from ._i18n import (
    LANGUAGES,
    N_,
    certification_name,
    format_date,
    format_number,
    ntr,
    semicolon,
    tr,
)
from ._text import describe, name_key, parse_date
from .catalogue import Catalog, _builtin_catalog
from .criteria import BuyerCriteria, Need
from .errors import InputError, Problem, _one_line
from .explain import _format_share, _format_total, _format_weight, _render_score
from .files import _DEFAULT_LIMITS, Limits, _recording_reads, _write_atomically
from .formats import _suffixes
from .loaders import load_catalog, load_criteria, load_vendors
from .ranking import Ranking, rank_vendors
from .scoring import VendorScore
from .tables import _DIALECTS, _FORMATS, Table, distinctions_table
from .vendors import Vendor

if TYPE_CHECKING:
    from .sensitivity import Acceptability, Sensitivity

__all__ = ["main", "run"]


def __dir__() -> list[str]:
    return __all__


OK, DIFFERENCE, USAGE = 0, 1, 2
_NAMES_SHOWN = 10
_REPORT_EXTRA = "pip install 'callcenter-certs[report]'"
_DEMO_DATE = dt.date(2026, 11, 27)
"""The demo's reference date, so that its output does not age."""

_Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked (it is slow to read)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help")))

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from ._version import __version__  # noqa: PLC0415 - importlib.metadata is slow

        sys.stdout.write(f"{parser.prog} {__version__}\n")
        parser.exit()


class _UsageError(Exception):
    """A bad command line; argparse would otherwise exit by itself."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


def _date(text: str) -> dt.date:
    """A date as the files take it: ``YYYY-MM-DD`` or ``DD/MM/YYYY`` (``30/06/2026``)."""
    day = parse_date(text.strip())
    if day is None:
        msg = f"{describe(text)} is not a date (expected YYYY-MM-DD or DD/MM/YYYY)"
        raise argparse.ArgumentTypeError(msg)
    return day


_LIMIT_NAMES = tuple(field.name for field in attrs.fields(Limits))


def _limit(text: str) -> tuple[str, int]:
    """``NAME=N`` of ``--limit``: a field of `Limits` and a whole number."""
    name, equals, value = text.partition("=")
    name = name.strip()
    if not equals or name not in _LIMIT_NAMES:
        msg = f"{text!r} is not NAME=N with NAME one of {', '.join(_LIMIT_NAMES)}"
        raise argparse.ArgumentTypeError(msg)
    try:
        number = int(value.strip())
    except ValueError:
        number = -1
    if number < 0:
        msg = f"{name}: {value!r} is not a whole number >= 0"
        raise argparse.ArgumentTypeError(msg)
    return name, number


def _limits_of(args: argparse.Namespace) -> Limits:
    overrides: list[tuple[str, int]] = getattr(args, "limit", None) or []
    return attrs.evolve(_DEFAULT_LIMITS, **dict(overrides))


def _shown(path: object) -> str:
    """A file name for a message: on one line, printable whatever bytes it holds."""
    return _one_line(str(path))


def _catalog_of(args: argparse.Namespace) -> Catalog:
    path: Path | None = getattr(args, "catalog", None)
    if path is None:
        return _builtin_catalog()
    return load_catalog(path, extends=_builtin_catalog(), limits=_limits_of(args))


def _lang(args: argparse.Namespace) -> str:
    """The language of the output: ``--lang``, English by default."""
    return str(getattr(args, "lang", None) or "en")


def _criteria_of(args: argparse.Namespace, err: TextIO) -> BuyerCriteria:
    if args.criteria is None:
        note = tr(_lang(args))(
            "note: no --criteria given: nothing is preferred, every eligible vendor scores 100"
        )
        err.write(note + "\n")
        return BuyerCriteria()
    return load_criteria(args.criteria, limits=_limits_of(args))


# Rendering ----------------------------------------------------------------------------


def _reasons(score: VendorScore, lang: str = "en", catalog: Catalog | None = None) -> str:
    if score.knockouts:
        clauses = (finding.text(lang, catalog=catalog) for finding in score.knockouts)
        return semicolon(lang).join(clauses)
    _ = tr(lang)
    parts = []
    for row in score.breakdown:
        if row.criterion == "required" or row.value > 0:  # points may round to 0.00
            label = row.criterion if row.criterion != "required" else _("required met")
            names = ", ".join(certification_name(cid, lang, catalog) for cid in row.certificates)
            by = f" ({names})" if row.certificates else ""
            share = f" {_percent(row.value, '.0%', lang)}" if 0 < row.value < 1 else ""
            parts.append(f"{label}{share}{by}")
    if score.warnings:
        count = len(score.warnings)
        parts.append(ntr(lang)("{n} warning", "{n} warnings", count).format(n=count))
    return semicolon(lang).join(parts) or "—"


def _percent(share: float, spec: str, lang: str) -> str:
    """A share of 1 as a percentage: ``46.2%``; French ``46,2 %``."""
    text = format(share, spec)
    return format_number(text, lang).replace("%", "\u00a0%") if lang == "fr" else text


_RANKING_COLUMNS = (N_("rank"), N_("vendor"), N_("total"), N_("eligible"), N_("main reasons"))


def _ranking_table(ranking: Ranking, lang: str = "en", *, decimal: str = ".") -> Table:
    """The ranking as a table: rank, vendor, total, eligibility and main reasons."""
    _ = tr(lang)
    catalog = ranking.catalog
    rows = tuple(
        (
            str(entry.rank) if entry.rank is not None else "—",
            entry.vendor.name,
            _format_total(entry.score.total, lang).replace(".", decimal),
            _("yes") if entry.score.eligible else _("no"),
            _reasons(entry.score, lang, catalog),
        )
        for entry in ranking
    )
    return Table(tuple(map(_, _RANKING_COLUMNS)), rows)


_WEIGHTS_COLUMNS = (N_("criterion"), N_("weight"), N_("nominal"), N_("effective"))


def _weights_table(ranking: Ranking, lang: str = "en") -> Table:
    """The grid's weights: as written, as a share of the total, and effective.

    The effective weight is the spread of a criterion's points among the eligible
    vendors as a share of all spreads (``—`` when no criterion separates them).
    """
    effective = ranking.effective_weights
    rows = tuple(
        (
            name,
            _format_weight(ranking.weights[name], lang),
            _format_share(share, lang),
            _format_share(effective[name], lang) if effective else "—",
        )
        for name, share in ranking.nominal_weights.items()
    )
    return Table(tuple(map(tr(lang), _WEIGHTS_COLUMNS)), rows)


def _write_ranking(
    ranking: Ranking,
    fmt: str,
    out: TextIO,
    err: TextIO,
    *,
    dialect: str = "excel",
    lang: str = "en",
) -> None:
    if fmt == "json":
        from ._converter import CONVERTER  # noqa: PLC0415 - cattrs: only for JSON

        out.write(json.dumps(CONVERTER.unstructure(ranking), ensure_ascii=False, indent=2) + "\n")
    elif dialect == "excel-fr":  # French Excel's CSV: a decimal comma, every line ended
        _write_csv_fr(_ranking_table(ranking, lang, decimal=",").to_csv(dialect=dialect), out)
    else:
        out.write(_ranking_table(ranking, lang).render(fmt) + "\n")
    weights = _weights_table(ranking, lang)
    if not weights.rows:
        return
    if fmt in {"table", "markdown"}:  # for a reader: the weights under the ranking
        out.write("\n" + weights.render(fmt) + "\n")
    else:  # csv and json stay one document; the weights go to the notes
        _ = tr(lang)
        shown = semicolon(lang).join(
            _("{criterion} {weight} ({nominal}, effective {effective})").format(
                criterion=name, weight=weight, nominal=nominal, effective=effective
            )
            for name, weight, nominal, effective in weights.rows
        )
        err.write(_("weights: {weights}").format(weights=shown) + "\n")


def _write_csv_fr(text: str, out: TextIO) -> None:
    """An ``excel-fr`` CSV text, byte-order mark first: in UTF-8 whatever the output's encoding."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # a StringIO: the caller encodes
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


_SUFFIX_FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".md": "markdown"}
"""What ``rank -o FILE`` writes without ``--format``, by FILE's suffix (else a table)."""


def _rank_format(args: argparse.Namespace) -> str:
    """``--format``; when not given, the one ``-o``'s suffix names, else ``table``.

    A text format written under a workbook's name is refused: Excel would not open it.
    """
    output: Path | None = args.output
    suffix = output.suffix.lower() if output is not None else ""
    if args.format is None:
        return _SUFFIX_FORMATS.get(suffix, "table")
    if args.format != "xlsx" and suffix == ".xlsx":
        msg = (
            f"--format {args.format} writes text, not a workbook, and {_shown(output)} is "
            "named as one: give --format xlsx, or a file name for text"
        )
        raise InputError(msg)
    return str(args.format)


def _check_dialect(args: argparse.Namespace) -> str:
    """``--dialect``, refused with a format other than csv."""
    dialect: str = getattr(args, "dialect", "excel")
    if dialect != "excel" and args.format != "csv":
        msg = f"--dialect {dialect} is for --format csv, not --format {args.format}"
        raise InputError(msg)
    return dialect


def _output_bytes(ranking: Ranking, args: argparse.Namespace, err: TextIO, dialect: str) -> bytes:
    """The bytes ``--output`` receives: a workbook, or the text format in UTF-8."""
    if args.format == "xlsx":
        from .formats.xlsx import write_ranking  # noqa: PLC0415 - openpyxl, when asked

        return write_ranking(ranking, lang=_lang(args))
    text = io.StringIO()
    _write_ranking(ranking, args.format, text, err, dialect=dialect, lang=_lang(args))
    return text.getvalue().encode("utf-8")


def _write_criteria_warnings(ranking: Ranking, err: TextIO, lang: str = "en") -> None:
    template = tr(lang)("warning: {warning}")
    err.writelines(
        template.format(warning=warning.text(lang, catalog=ranking.catalog)) + "\n"
        for warning in ranking.warnings
    )


def _bound(value: float | None, lang: str = "en") -> str:
    if value is None:
        return tr(lang)("no limit")
    return "0" if not value else format_number(f"{value:.2f}", lang)


def _sensitivity_tables(
    result: Sensitivity, ranking: Ranking, lang: str = "en"
) -> list[tuple[str, Table]]:
    """The sensitivity of a ranking's winners as titled tables (none when nothing to show)."""
    _ = tr(lang)
    totals = {entry.vendor.name: entry.score.total for entry in ranking}
    tables = []
    rows: tuple[tuple[str, ...], ...]
    if result.weights:
        rows = tuple(
            (
                w.criterion,
                _format_weight(w.weight, lang),
                _bound(w.low, lang),
                _bound(w.high, lang),
            )
            for w in result.weights
        )
        tables.append(
            (
                _(
                    "Each weight alone, the others unchanged: strictly between low and high "
                    "the winners stay the same"
                ),
                Table((_("criterion"), _("weight"), _("low"), _("high")), rows),
            )
        )
    if result.tipping:
        rows = tuple(
            (
                t.vendor,
                _format_total(totals[t.vendor], lang),
                t.criterion or "—",
                "—" if t.weight is None else _bound(t.weight, lang),
            )
            for t in result.tipping
        )
        tables.append(
            (
                _(
                    "The one weight that, moved the least, makes each other eligible vendor "
                    "first or co-first"
                ),
                Table((_("vendor"), _("total"), _("criterion"), _("weight")), rows),
            )
        )
    if result.without_criterion:
        rows = tuple(
            (name, ", ".join(winners) or "—") for name, winners in result.without_criterion.items()
        )
        tables.append(
            (
                _("The winners without a criterion (its weight 0)"),
                Table((_("without"), _("winners")), rows),
            )
        )
    if result.winners:
        rows = tuple(
            (
                d.vendor,
                _certificate_name(d.certification, d.certificate_number, lang, ranking.catalog),
                ", ".join(d.winners) or "—",
            )
            for d in result.without_certificate
        ) or (("—", _("no single certificate changes the winners"), "—"),)
        tables.append(
            (
                _("The winners if one certificate of a winner were rejected"),
                Table((_("vendor"), _("certificate"), _("winners without it")), rows),
            )
        )
    return tables


def _certificate_name(cid: str, number: str | None, lang: str, catalog: Catalog | None) -> str:
    """A certificate in a cell: its certification, and its number when it has one."""
    name = certification_name(cid, lang, catalog)
    if not number:
        return name
    return tr(lang)("{certification} no. {number}").format(certification=name, number=number)


_RANKS_SHOWN = 5


def _acceptability_tables(result: Acceptability, lang: str = "en") -> list[tuple[str, Table]]:
    """Rank acceptability and central weights as titled tables."""
    if not result.shares:
        return []
    _ = tr(lang)
    ranks = len(next(iter(result.shares.values())))
    shown = min(ranks, _RANKS_SHOWN)
    columns = tuple(_("rank {rank}").format(rank=r) for r in range(1, shown + 1))
    columns += (_("later"),) if ranks > shown else ()
    rows = []
    for name, shares in result.shares.items():
        cells = [_percent(share, ".1%", lang) for share in shares[:shown]]
        if ranks > shown:
            cells.append(_percent(sum(shares[shown:]), ".1%", lang))
        rows.append((name, *cells))
    title = _(
        "Rank acceptability over {samples} weightings drawn uniformly (seed {seed}); ties "
        "count at the shared rank"
    ).format(samples=format_number(f"{result.samples:,}", lang), seed=result.seed)
    tables = [(title, Table((_("vendor"), *columns), tuple(rows)))]
    if result.central_weights:
        names = tuple(next(iter(result.central_weights.values())))
        central = tuple(
            (vendor, *(_percent(weights[n], ".1%", lang) for n in names))
            for vendor, weights in result.central_weights.items()
        )
        if names:
            tables.append(
                (
                    _("The mean weights of the draws each vendor wins"),
                    Table((_("wins"), *names), central),
                )
            )
    return tables


# Commands -----------------------------------------------------------------------------


def _ranked(
    args: argparse.Namespace, vendors: list[Vendor], criteria: BuyerCriteria, catalog: Catalog
) -> Ranking:
    """`rank_vendors`, its problems with the criteria (unknown ids) in the criteria file."""
    try:
        return rank_vendors(vendors, criteria, on=args.on, catalog=catalog)
    except InputError as error:
        raise _in_criteria_file(error, args.criteria) from error


def _in_criteria_file(error: InputError, path: Path | None) -> InputError:
    """``error``, from checking criteria read from ``path``, as a problem of that file.

    Its paths start at the file's top (``required[0]``, not ``criteria.required[0]``),
    as the problems found while loading it do.
    """
    if path is None or error.source is not None:
        return error
    problems = [
        Problem(problem.path[1:], problem.message) if problem.path[:1] == ("criteria",) else problem
        for problem in error.problems
    ]
    return InputError(problems, source=str(path))


def _refuse_onto_input(
    args: argparse.Namespace,
    target: Path | None,
    option: str,
    what: str,
    also: tuple[tuple[str, Path | None], ...] = (),
) -> None:
    """A path to write (``option``) that is one of the files read would overwrite it: refused."""
    if target is None or str(target) == "-":
        return
    for name, path in (
        ("the vendor file", args.vendors),
        ("--criteria", args.criteria),
        ("--catalog", args.catalog),
        *also,
    ):
        if path is not None and _same_file(target, path):
            msg = f"{option} {_shown(target)} is {name}; write {what} to another file"
            raise InputError(msg)


def _refuse_record_onto_input(args: argparse.Namespace) -> None:
    """A ``--record`` path that is an input file (or the output) would overwrite it: refused.

    ``-`` too: standard output is the ranking's or the report's, and a record is a file.
    """
    if str(args.record) == "-":
        msg = "--record writes a file, not to standard output: name it, e.g. --record decision.json"
        raise InputError(msg)
    also = (("--output", getattr(args, "output", None)),)
    _refuse_onto_input(args, args.record, "--record", "the record", also)


def _refuse_output_onto_input(args: argparse.Namespace) -> None:
    """An ``--output`` path that is one of the input files would overwrite it: refused."""
    _refuse_onto_input(args, args.output, "--output", "the ranking")


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file: the same file once both exist, else the same path."""
    try:
        return one.samefile(other)
    except (OSError, ValueError):  # one does not exist yet, or cannot (a NUL)
        with contextlib.suppress(OSError, ValueError):
            return one.resolve() == other.resolve()
        return False


def _rank(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.output is not None and str(args.output) == "-":  # standard output, as for report
        args.output = None
    args.format = _rank_format(args)
    dialect = _check_dialect(args)
    if args.format == "xlsx" and args.output is None:
        msg = (
            "--format xlsx writes a workbook, not text: give its file with -o, e.g. -o ranking.xlsx"
        )
        raise InputError(msg)
    if args.output is not None:
        _refuse_output_onto_input(args)
    if args.record is not None:
        _refuse_record_onto_input(args)
    catalog = _catalog_of(args)
    with _recording_reads() as reads:  # the digests of the bytes loaded, for the record
        vendors = load_vendors(
            args.vendors, catalog=catalog, limits=_limits_of(args), sheet=args.sheet
        )
        criteria = _criteria_of(args, err)
    ranking = _ranked(args, vendors, criteria, catalog)
    _write_criteria_warnings(ranking, err, _lang(args))
    # Rendered first (a workbook needs openpyxl), then the record, then the output: a
    # record that cannot be written stops with no ranking.
    document = None if args.output is None else _output_bytes(ranking, args, err, dialect)
    if args.record is not None:
        from .decisions import dump_record, make_record  # noqa: PLC0415 - when asked

        inputs = {"vendors": _shown(args.vendors), "vendors_sha256": reads.sha256(args.vendors)}
        inputs["vendors_sheet"] = args.sheet  # the workbook's sheet, for replay to read
        if args.criteria is not None:
            inputs |= {
                "criteria": _shown(args.criteria),
                "criteria_sha256": reads.sha256(args.criteria),
            }
        recorded = {key: value for key, value in inputs.items() if value is not None}
        record = make_record(vendors, criteria, ranking, catalog=catalog, inputs=recorded)
        dump_record(record, args.record)
    if document is not None:
        _write_atomically(args.output, document)
        written = tr(_lang(args))("ranking written to {path}")
        err.write(written.format(path=_shown(args.output)) + "\n")
    else:
        _write_ranking(ranking, args.format, out, err, dialect=dialect, lang=_lang(args))
    if args.record is not None:
        written = tr(_lang(args))("decision record written to {path}")
        err.write(written.format(path=_shown(args.record)) + "\n")
    return OK


def _vendor_named(name: str, vendors: Sequence[Vendor], source: object) -> str:
    """The name, as the file writes it, of the vendor ``name`` designates.

    ``name`` itself, or the file's one name with the same name key (case, accents,
    spaces: ``rivage services`` is ``Rivage Services``; a file holds no two such names).
    """
    if any(vendor.name == name for vendor in vendors):
        return name
    key = name_key(name)
    for vendor in vendors:
        if name_key(vendor.name) == key:
            return vendor.name
    names = ", ".join(describe(vendor.name) for vendor in vendors[:_NAMES_SHOWN]) or "none"
    if len(vendors) > _NAMES_SHOWN:
        names += f" and {len(vendors) - _NAMES_SHOWN:,} more"
    raise InputError(f"no vendor named {name!r} in {_shown(source)}; vendors: {names}")


def _explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    catalog = _catalog_of(args)
    vendors = load_vendors(args.vendors, catalog=catalog, limits=_limits_of(args), sheet=args.sheet)
    wanted = _vendor_named(args.name, vendors, args.vendors)
    ranking = _ranked(args, vendors, _criteria_of(args, err), catalog)
    entry = next(entry for entry in ranking if entry.vendor.name == wanted)
    lang = _lang(args)
    _ = tr(lang)
    place = (
        _("rank {rank} of {count}").format(rank=entry.rank, count=len(ranking))
        if entry.rank
        else _("not ranked")
    )
    out.write(f"{_render_score(entry.score, lang, ranking.catalog)}\n({place})\n")
    return OK


def _sensitivity(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.samples < 0:
        raise InputError(f"--samples: {args.samples} is not a whole number >= 0")
    catalog = _catalog_of(args)
    vendors = load_vendors(args.vendors, catalog=catalog, limits=_limits_of(args), sheet=args.sheet)
    criteria = load_criteria(args.criteria, limits=_limits_of(args))
    ranking = _ranked(args, vendors, criteria, catalog)
    from .sensitivity import acceptability, sensitivity  # noqa: PLC0415 - only here

    result = sensitivity(ranking)
    sampled = acceptability(ranking, samples=args.samples, seed=args.seed) if args.samples else None
    lang = _lang(args)
    _write_criteria_warnings(ranking, err, lang)
    if args.format == "json":
        from ._converter import CONVERTER  # noqa: PLC0415 - cattrs: only for JSON

        document = {"sensitivity": CONVERTER.unstructure(result)}
        if sampled is not None:
            document["acceptability"] = CONVERTER.unstructure(sampled)
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return OK
    _ = tr(lang)
    totals = {entry.vendor.name: entry.score.total for entry in ranking}
    winners = ", ".join(f"{name} ({_format_total(totals[name], lang)})" for name in result.winners)
    parts = [_("winners: {winners}").format(winners=winners or _("none (no eligible vendor)"))]
    tables = _sensitivity_tables(result, ranking, lang)
    tables += _acceptability_tables(sampled, lang) if sampled is not None else []
    titled = _("{title}:")
    parts += [f"{titled.format(title=title)}\n{table.to_text()}" for title, table in tables]
    out.write("\n\n".join(parts) + "\n")
    return OK


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .report import _require_extra, render_report  # noqa: PLC0415 - matplotlib: only here

    try:
        _require_extra()
    except ImportError as error:
        raise InputError(str(error)) from None
    if args.samples < 1:
        raise InputError(f"--samples: {args.samples} is not a whole number >= 1")
    if args.record is not None:
        _refuse_record_onto_input(args)
    _refuse_onto_input(args, args.output, "-o", "the report", (("--record", args.record),))
    catalog = _catalog_of(args)
    with _recording_reads() as reads:  # the digests of the bytes loaded, for the record
        vendors = load_vendors(
            args.vendors, catalog=catalog, limits=_limits_of(args), sheet=args.sheet
        )
        criteria = load_criteria(args.criteria, limits=_limits_of(args))
    ranking = _ranked(args, vendors, criteria, catalog)
    from .decisions import dump_record, make_record  # noqa: PLC0415

    inputs = {
        "vendors": _shown(args.vendors),
        "vendors_sha256": reads.sha256(args.vendors),
        "vendors_sheet": args.sheet,  # the workbook's sheet, for replay to read
        "criteria": _shown(args.criteria),
        "criteria_sha256": reads.sha256(args.criteria),
    }
    record = make_record(
        vendors,
        criteria,
        ranking,
        catalog=catalog,
        inputs={key: value for key, value in inputs.items() if value is not None},
    )
    page = render_report(
        ranking,
        lang=args.lang,
        title=args.title,
        record=record,
        samples=args.samples,
        seed=args.seed,
    )
    if args.record is not None:
        dump_record(record, args.record)
    if str(args.output) == "-":
        out.write(page)
    else:
        _write_atomically(args.output, page.encode("utf-8"))
        written = tr(args.lang)("report written to {path}")
        err.write(written.format(path=_shown(args.output)) + "\n")
    if args.record is not None:
        written = tr(args.lang)("decision record written to {path}")
        err.write(written.format(path=_shown(args.record)) + "\n")
    return OK


def _demo_file(name: str) -> Path:
    return Path(__file__).parent / "data" / "demo" / name


def _demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    vendors = load_vendors(_demo_file("vendors.json"))
    criteria = load_criteria(_demo_file("criteria.toml"))
    on = args.on or _DEMO_DATE
    lang = _lang(args)
    _ = tr(lang)
    required = ", ".join(certification_name(cid, lang) for cid in criteria.required)
    asked = [_("requires {ids}").format(ids=required)] if criteria.required else []
    asked += [
        _("weighs {criterion} {weight}").format(
            criterion=name, weight=_format_weight(criteria.weight(name), lang)
        )
        for name in criteria.names
        if criteria.need(name) is Need.PREFER
    ]
    note = _(
        "demo: {count} fictional vendors ranked on {on} against the bundled criteria ({asked})"
    ).format(count=len(vendors), on=format_date(on, lang), asked=semicolon(lang).join(asked))
    err.write(note + "\n")
    ranking = rank_vendors(vendors, criteria, on=on)
    _write_criteria_warnings(ranking, err, lang)
    _write_ranking(ranking, args.format, out, err, dialect=_check_dialect(args), lang=lang)
    return OK


def _before_their_scheme(vendors: list[Vendor], catalog: Catalog, *, json: bool) -> Iterator[str]:
    """Certificates dated before their scheme's first year: typing mistakes in the file.

    Placed as the file shows them: a JSON path, or the vendor and its certificate in a
    spreadsheet (whose rows the records do not keep).
    """
    for index, vendor in enumerate(vendors):
        for number, certificate in enumerate(vendor.certificates):
            first = catalog[certificate.certification].first_published
            if first is not None and certificate.valid_from.year < first:
                where = (
                    f"vendors[{index}].certificates[{number}].valid_from"
                    if json
                    else f"vendor {vendor.name!r}, column valid_from"
                )
                yield (
                    f"{where}: {certificate.valid_from.isoformat()!r} is before "
                    f"{certificate.certification} existed (first published in {first}) "
                    f"for {vendor.name!r}: a typing mistake?"
                )


def _validate(args: argparse.Namespace, out: TextIO, _: TextIO) -> int:
    limits = _limits_of(args)
    problems: list[str] = []
    count_found = 0  # past a thousand, a file's problems are counted, not listed
    catalog: Catalog | None = None
    try:
        catalog = _catalog_of(args)
    except InputError as error:  # a problem like the others; the files need it to be checked
        problems.extend(str(error).splitlines())
        count_found += error.count
    for path, loader in ((args.vendors, "vendors"), (args.criteria, "criteria")):
        if path is None or catalog is None:  # each file is checked, given a catalogue
            continue
        try:
            if loader == "vendors":
                from ._sheet import noting  # noqa: PLC0415 - only here

                with noting() as notes:
                    vendors = load_vendors(path, catalog=catalog, limits=limits, sheet=args.sheet)
                json_file = Path(path).suffix.lower() == ".json"
                if early := list(_before_their_scheme(vendors, catalog, json=json_file)):
                    problems.extend(f"{_shown(path)}: {line}" for line in early)
                    count_found += len(early)
                    continue
                out.writelines(f"{_shown(path)}: note: {note}\n" for note in notes)
                count = len(vendors)
                found = f"{count} vendor{'s' * (count != 1)}, no problem found"
                out.write(f"{_shown(path)}: {found}\n")
            else:
                criteria = load_criteria(path, limits=limits)
                try:
                    ranking = rank_vendors([], criteria, on=_DEMO_DATE, catalog=catalog)
                except InputError as error:
                    raise _in_criteria_file(error, path) from error
                warnings = ranking.warnings
                out.writelines(f"{_shown(path)}: warning: {warning}\n" for warning in warnings)
                count = len(warnings)
                found = f", {count} warning{'s' * (count != 1)}" if count else ""
                out.write(f"{_shown(path)}: criteria valid{found}\n")
        except InputError as error:
            problems.extend(str(error).splitlines())
            count_found += error.count
    out.writelines(f"{line}\n" for line in problems)
    if problems:
        out.write(f"{count_found:,} problem{'s' * (count_found > 1)} found\n")
    return DIFFERENCE if problems else OK


def _schema(args: argparse.Namespace, out: TextIO, _: TextIO) -> int:
    from .schema import criteria_schema, vendors_schema  # noqa: PLC0415 - only here

    schema = vendors_schema() if args.kind == "vendors" else criteria_schema()
    out.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
    return OK


def _replay(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .decisions import load_record, replay  # noqa: PLC0415 - only here

    if len(args.inputs) > len(("vendors", "criteria")):
        msg = (
            f"--inputs: {len(args.inputs)} files given; give the vendor file, then the "
            "criteria file if the ranking had one"
        )
        raise InputError(msg)
    limits = _limits_of(args)
    record = load_record(args.record, limits=limits)
    try:
        outcome = replay(record, catalog=_catalog_of(args), inputs=args.inputs, limits=limits)
    except InputError as error:
        raise (error if error.source else error.in_file(str(args.record))) from error
    err.writelines(f"note: {note}\n" for note in outcome.notes)
    if outcome.matches:
        count = len(record.vendors)
        out.write(f"{_shown(args.record)}: the ranking of {count} vendors still matches\n")
        return OK
    out.write(f"{_shown(args.record)}: the recomputed ranking differs:\n")
    out.writelines(f"  {line}\n" for line in outcome.differences)
    return DIFFERENCE


def _write_table(table: Table, args: argparse.Namespace, out: TextIO) -> None:
    dialect = _check_dialect(args)
    if dialect == "excel-fr":
        _write_csv_fr(table.to_csv(dialect=dialect), out)
    else:
        out.write(table.render(args.format) + "\n")


def _catalog_table(args: argparse.Namespace, out: TextIO, _: TextIO) -> int:
    _write_table(distinctions_table(_catalog_of(args)), args, out)
    return OK


def _compare(args: argparse.Namespace, out: TextIO, _: TextIO) -> int:
    catalog = _catalog_of(args)
    _write_table(distinctions_table(catalog, args.ids), args, out)
    return OK


def _format_arguments(sub: argparse.ArgumentParser, *, workbook: bool = False) -> None:
    """``--format`` (``xlsx`` too with ``workbook``) and ``--dialect``."""
    sub.add_argument(
        "--format",
        choices=(*_FORMATS, "xlsx") if workbook else _FORMATS,
        default=None if workbook else "table",
        help="output format"
        + (
            " (xlsx: an Excel workbook, the excel extra, written with -o; default: table, "
            "or the format -o's suffix names: .xlsx, .csv, .json, .md)"
            if workbook
            else ""
        ),
    )
    sub.add_argument(
        "--dialect",
        choices=_DIALECTS,
        default="excel",
        help="with --format csv: excel (the default: ',', a decimal point) or excel-fr "
        "(French Excel: ';', a decimal comma, UTF-8 with a byte-order mark, CRLF)",
    )


def _output_arguments(rank: argparse.ArgumentParser) -> None:
    """Where ``rank`` writes: ``--output`` and ``--record``."""
    rank.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the ranking to FILE instead of standard output (required by --format "
        "xlsx; - is standard output)",
    )
    rank.add_argument("--record", type=Path, help="also write a decision record (JSON) to replay")


def _replay_arguments(sub: argparse.ArgumentParser) -> None:
    """The record and the input files of ``replay``."""
    sub.add_argument("record", type=Path, help="a record written by rank --record")
    sub.add_argument(
        "--inputs",
        type=Path,
        nargs="+",
        default=(),
        metavar="FILE",
        help="the vendor file, then the criteria file, the record was made from: checks "
        "their SHA-256 and that they give the recorded vendors and criteria",
    )


def _vendor_file(sub: argparse.ArgumentParser) -> None:
    """The vendor file argument, and ``--sheet`` for a workbook."""
    sub.add_argument("vendors", type=Path, help=f"vendor file: {_suffixes('vendors')}")
    sub.add_argument(
        "--sheet",
        metavar="NAME",
        help="the workbook's sheet to read (default: the sheet named vendors or "
        "fournisseurs, else the first that starts with a header row)",
    )


def _command_options(
    sub: argparse.ArgumentParser, handler: _Command, *, lang: bool
) -> argparse.ArgumentParser:
    """A command's handler, and ``--lang`` for those whose output a buyer reads."""
    sub.set_defaults(handler=handler)
    if lang:
        sub.add_argument(
            "--lang",
            choices=LANGUAGES,
            default="en",
            help="language of the output: en (default) or fr",
        )
    return sub


def _report_arguments(
    report: argparse.ArgumentParser, catalogue_option: Callable[[argparse.ArgumentParser], None]
) -> None:
    """The files, options and output of ``report``."""
    _award_arguments(report, none="")
    report.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="the HTML file (- for stdout)",
    )
    report.add_argument("--title", help="the tender's title, at the top of the report")
    report.add_argument(
        "--record", type=Path, help="also write the decision record the report embeds (JSON)"
    )
    catalogue_option(report)


def _on_argument(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--on",
        type=_date,
        metavar="DATE",
        help="date the certificates must be valid on, YYYY-MM-DD or DD/MM/YYYY (default: today)",
    )


def _award_arguments(sub: argparse.ArgumentParser, *, none: str) -> None:
    """The files, date and random weightings of ``report`` and ``sensitivity``.

    ``none``: what ``--samples 0`` does, for the help (``""``: refused).
    """
    _vendor_file(sub)
    sub.add_argument(
        "--criteria", type=Path, required=True, help=f"criteria file: {_suffixes('criteria')}"
    )
    _on_argument(sub)
    sub.add_argument(
        "--samples",
        type=int,
        default=10_000,
        metavar="N",
        help=f"random weightings for the rank acceptability (default 10000{none})",
    )
    sub.add_argument(
        "--seed", type=int, default=0, metavar="S", help="seed of the random weightings (default 0)"
    )


class _Unbuilt:
    """A command's parser that is not built: every call on it does nothing.

    Building every command's arguments takes about 2 ms more than building one
    (argparse looks up a translation of its words for each), 2 to 3 % of a ranking's
    start-up (about 90 ms), so `_parser` builds only the command that runs.
    """

    def __getattr__(self, name: str) -> Callable[..., _Unbuilt]:
        return self._nothing

    def _nothing(self, *_: object, **__: object) -> _Unbuilt:
        return self


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only``, that command's arguments alone.

    ``only`` that is not a command gives the whole parser, which says so.
    """
    parser = _Parser(
        prog="callcenter-certs",
        description="Rank call-centre vendors on their quality certifications, and say why.",
        epilog="Exit codes: 0 ok; 1 validate found a problem, or replay a difference; "
        "2 usage or input error.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(
        name: str, handler: _Command, help_text: str, *, lang: bool = False
    ) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return cast("argparse.ArgumentParser", _Unbuilt())
        sub = commands.add_parser(name, help=help_text, description=help_text)
        return _command_options(sub, handler, lang=lang)

    def inputs(sub: argparse.ArgumentParser, *, criteria: bool = True) -> None:
        _vendor_file(sub)
        if criteria:
            sub.add_argument(
                "--criteria",
                type=Path,
                help=f"criteria file: {_suffixes('criteria')} (without it nothing is "
                "preferred and every eligible vendor scores 100)",
            )
            _on_argument(sub)
        catalogue_option(sub)

    def catalogue_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--catalog",
            type=Path,
            help="a catalogue file adding certifications to the built-in one",
        )
        sub.add_argument(
            "--limit",
            type=_limit,
            action="append",
            metavar="NAME=N",
            help=f"raise or lower a limit on the files read, e.g. max_vendors=5000000 "
            f"(repeatable; NAME: {', '.join(_LIMIT_NAMES)})",
        )

    rank = command("rank", _rank, "rank the vendors of a file against criteria", lang=True)
    inputs(rank)
    _format_arguments(rank, workbook=True)
    _output_arguments(rank)

    sens = command(
        "sensitivity",
        _sensitivity,
        "how stable the winners are: weight ranges, tipping weights, contested "
        "certificates, rank acceptability",
        lang=True,
    )
    _award_arguments(sens, none="; 0: none")
    sens.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    catalogue_option(sens)

    explain = command("explain", _explain, "one vendor's full breakdown", lang=True)
    inputs(explain)
    explain.add_argument("name", help="the vendor's name, as in the file")

    demo = command(
        "demo",
        _demo,
        "rank bundled example vendors (fictional) against bundled criteria",
        lang=True,
    )
    demo.add_argument(
        "--on", type=_date, metavar="DATE", help=f"date to check on (default {_DEMO_DATE})"
    )
    _format_arguments(demo)

    validate = command(
        "validate", _validate, "report every problem in a vendor (and criteria) file"
    )
    inputs(validate, criteria=False)
    validate.add_argument("--criteria", type=Path, help="also check a criteria file")

    catalog = command("catalog", _catalog_table, "the distinctions table of every certification")
    _format_arguments(catalog)
    catalogue_option(catalog)

    compare = command("compare", _compare, "the distinctions table of a few certifications")
    compare.add_argument("ids", nargs="+", metavar="ID", help="certification ids, e.g. nf-345")
    _format_arguments(compare)
    catalogue_option(compare)

    schema = command("schema", _schema, "print the JSON Schema of a vendor or criteria file")
    schema.add_argument(
        "kind", choices=("vendors", "criteria"), help="which file's schema to print"
    )

    _report_arguments(
        command(
            "report",
            _report,
            "write the award committee's report: one self-contained HTML page "
            f"(needs the report extra: {_REPORT_EXTRA})",
            lang=True,
        ),
        catalogue_option,
    )

    replay_cmd = command(
        "replay", _replay, "recompute a decision record and say whether it still matches"
    )
    _replay_arguments(replay_cmd)
    catalogue_option(replay_cmd)
    if only is not None and only not in commands.choices:
        return _parser()
    return parser


def run(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line in-process and return its exit code."""
    out = sys.stdout if stdout is None else stdout
    err = sys.stderr if stderr is None else stderr
    # Notes and warnings wait until the command succeeds: on an error, stderr holds the
    # error alone, on one line.
    notes = io.StringIO()
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        args = _parser(words[0] if words else None).parse_args(words)
        handler: _Command = args.handler
        code = handler(args, out, notes)
    except _UsageError as error:
        err.write(f"{_one_line(str(error))}\n")
        return USAGE
    except BrokenPipeError:  # the reader went away: the caller decides (main: exit 141)
        raise
    except SystemExit as exit_:  # --help and --version
        return exit_.code if isinstance(exit_.code, int) else USAGE
    except InputError as error:
        err.write(f"error: {error.first_line}\n")
        return USAGE
    except OSError as error:  # an output file that cannot be written
        where = _shown(error.filename) if error.filename not in {None, ""} else ""
        what = error.strerror or str(error) or type(error).__name__
        err.write(f"error: {where or 'cannot write'}: {_one_line(what)}\n")
        return USAGE
    err.write(notes.getvalue())
    return code


INTERRUPTED = 130
"""Exit code after Ctrl-C: 128 + SIGINT, as shells report it."""
_BROKEN_PIPE = 141
"""Exit code when the reader of the output went away (``| head``): 128 + SIGPIPE."""


def _streams() -> tuple[TextIO | None, TextIO]:
    """Standard output and error, made safe to write to.

    A character the output's encoding cannot hold (``PYTHONIOENCODING=cp1252`` and a
    Polish name) is replaced rather than raising; a closed standard error (``2>&-``)
    becomes a sink; a closed standard output stays ``None``: there is nowhere to put
    the data.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")
    if sys.stderr is not None:
        return sys.stdout, sys.stderr
    return sys.stdout, Path(os.devnull).open("w", encoding="utf-8")


def _say(err: TextIO, line: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        err.write(line + "\n")
        err.flush()


def main() -> None:
    """Entry point of the ``callcenter-certs`` script.

    Never a traceback: a closed or failing output, a character the terminal cannot
    show, or Ctrl-C each end with at most one line on standard error (exit 2, 2 and
    130; a reader that went away, as ``| head`` does, exits 141 quietly).
    """
    out, err = _streams()
    if out is None:
        _say(err, "error: standard output is closed; redirect it to a file or to /dev/null")
        sys.exit(USAGE)
    try:
        code = run(stdout=out, stderr=err)
        out.flush()
    except KeyboardInterrupt:
        _say(err, "interrupted")
        code = INTERRUPTED
    except BrokenPipeError:
        code = _BROKEN_PIPE
    except OSError as error:  # the output cannot be written: a full disk, a closed pipe
        _say(err, f"error: cannot write the output: {error.strerror or error}")
        code = USAGE
    if code == _BROKEN_PIPE:
        # Python flushes standard output again on exit: point it at nothing first.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)
