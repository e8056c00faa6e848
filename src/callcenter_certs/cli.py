"""The ``callcenter-certs`` command: data on stdout, messages on stderr.

Exit codes: 0 success; 1 when ``validate`` or ``replay`` finds a difference;
2 for a usage or input error, printed as one line on stderr without a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from . import __version__
from .catalogue import CATALOG
from .errors import InputError
from .tables import FORMATS, distinctions_table

__all__ = ["main", "run"]


def __dir__() -> list[str]:
    return __all__


OK, DIFFERENCE, USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


class _UsageError(Exception):
    """A bad command line; argparse would otherwise exit by itself."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


def _catalog(args: argparse.Namespace, out: TextIO, _: TextIO) -> int:
    out.write(distinctions_table().render(args.format) + "\n")
    return OK


def _compare(args: argparse.Namespace, out: TextIO, _: TextIO) -> int:
    out.write(distinctions_table(CATALOG, args.ids).render(args.format) + "\n")
    return OK


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="callcenter-certs",
        description="Rank call-centre vendors on their quality certifications, and say why.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    catalog = commands.add_parser("catalog", help="the distinctions table of every certification")
    catalog.add_argument("--format", choices=FORMATS, default="table")
    catalog.set_defaults(handler=_catalog)

    compare = commands.add_parser("compare", help="the distinctions table of a few certifications")
    compare.add_argument("ids", nargs="+", metavar="ID", help="certification ids, e.g. nf-345")
    compare.add_argument("--format", choices=FORMATS, default="table")
    compare.set_defaults(handler=_compare)
    return parser


def run(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line in-process and return its exit code."""
    out = sys.stdout if stdout is None else stdout
    err = sys.stderr if stderr is None else stderr
    try:
        args = _parser().parse_args(argv)
        handler: Command = args.handler
        return handler(args, out, err)
    except _UsageError as error:
        err.write(f"{error}\n")
        return USAGE
    except InputError as error:
        err.write(f"error: {error.first_line}\n")
        return USAGE


def main() -> None:
    """Entry point of the ``callcenter-certs`` script."""
    sys.exit(run())
