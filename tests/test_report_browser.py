"""The demo award's report in a real browser: headless Chromium, driven by Playwright.

It loads with no failed request, no request outside the file and no console error;
every chart has a size; the screenshot is not blank; printed, no chart is taller than
a page. Skipped only on a machine without Chromium when ``CI`` is unset; in CI a
missing browser fails.
"""

import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from callcenter_certs.cli import run

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
A4_PRINTABLE_PX = (297 - 14 - 16) / 25.4 * 96
"""The height of an A4 page inside the report's print margins, in CSS pixels."""


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _unavailable(reason: str) -> None:
    """Fail in CI (the browser must be there), skip on a developer's machine without it."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI installs it (.ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        _unavailable("Chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional here
    except ImportError:
        _unavailable("Playwright is not installed")
    profile = tmp_path_factory.mktemp("chromium-profile")  # a new, empty user data dir
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1100, "height": 1400},
        )
        yield context
        context.close()


def _demo_report(tmp_path: Path, lang: str) -> Path:
    from callcenter_certs.cli import _demo_file  # noqa: PLC0415

    target = tmp_path / f"award-{lang}.html"
    argv = [
        "report",
        str(_demo_file("vendors.json")),
        "--criteria",
        str(_demo_file("criteria.toml")),
    ]
    argv += ["--on", "2026-11-27", "--lang", lang, "--samples", "2000", "-o", str(target)]
    assert run(argv, stdout=io.StringIO(), stderr=io.StringIO()) == 0
    return target


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_demo_report_in_chromium(browser_context: Any, tmp_path: Path, lang: str) -> None:
    from PIL import Image  # noqa: PLC0415 - matplotlib's dependency, in the test extra

    target = _demo_report(tmp_path, lang)
    page = browser_context.new_page()
    requests: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(target.as_uri(), wait_until="load")
    assert response is not None
    assert response.ok
    assert failed == []
    assert errors == []
    assert all(url.startswith(("file:", "data:")) for url in requests), requests

    charts = page.locator("figure.chart img")
    assert charts.count() == 4
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.evaluate(
            "img => img.complete && img.naturalWidth > 0 && img.naturalHeight > 0"
        )
        box = chart.bounding_box()
        assert box is not None
        assert box["width"] > 100
        assert box["height"] > 100

    shot = tmp_path / f"report-{lang}.png"
    page.screenshot(path=str(shot), full_page=True)
    image = Image.open(shot).convert("L")
    histogram = image.histogram()
    dark = sum(histogram[:200]) / (image.width * image.height)
    assert image.height > 3000
    assert dark > 0.02  # text and charts, not a blank page

    page.emulate_media(media="print")
    heights = page.locator("figure.chart").evaluate_all(
        "figures => figures.map(f => f.getBoundingClientRect().height)"
    )
    assert heights
    assert max(heights) < A4_PRINTABLE_PX  # each chart fits a page, and does not break
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 4
    page.close()
