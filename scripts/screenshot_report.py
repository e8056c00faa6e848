# ruff: noqa: INP001 - a script, not a package
"""Regenerate docs/images/report.png: the demo award's report, as Chromium shows it.

Run from the repository's root, with the ``test`` extra installed (matplotlib, Jinja2,
Playwright) and Debian's Chromium (``apt-get install chromium``)::

    .venv/bin/python scripts/screenshot_report.py [--lang fr] [--out FILE] [--full]

No browser is downloaded: Playwright drives ``/usr/bin/chromium``.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

from callcenter_certs.cli import _DEMO_DATE, _demo_file, run

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    """Write the demo award's report, open it in headless Chromium, save a screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "fr"), default="en")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "report.png")
    parser.add_argument("--full", action="store_true", help="the whole page, not its top")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - the test extra

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = Path(folder) / "award.html"
        argv = ["report", str(_demo_file("vendors.json")), "--criteria"]
        argv += [str(_demo_file("criteria.toml")), "--on", _DEMO_DATE.isoformat()]
        argv += ["--lang", args.lang, "--title", _title(args.lang), "-o", str(page_file)]
        errors = io.StringIO()
        if run(argv, stdout=io.StringIO(), stderr=errors):
            sys.exit(errors.getvalue())
        context = playwright.chromium.launch_persistent_context(
            str(Path(folder) / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1000, "height": 1500},
        )
        page = context.new_page()
        page.goto(page_file.as_uri(), wait_until="load")
        page.screenshot(path=str(args.out), full_page=args.full)
        context.close()
    sys.stdout.write(f"wrote {args.out}\n")


def _title(lang: str) -> str:
    if lang == "fr":
        return "Externalisation du service client — marché 2027-2030 (démo)"
    return "Customer service outsourcing — contract 2027-2030 (demo)"


if __name__ == "__main__":
    main()
