"""The garbage collector is process-wide: a load leaves it alone (issue 16)."""

import gc
import threading
from pathlib import Path

from callcenter_certs import load_vendors


def test_a_load_never_switches_the_collector_off(tmp_path: Path) -> None:
    """The collector is process-wide: a load in one thread must not stop it for the others."""
    path = tmp_path / "v.csv"
    path.write_text("vendor\n" + "".join(f"V{i}\n" for i in range(20_000)), encoding="utf-8")
    seen: list[bool] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            seen.append(gc.isenabled())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(3):
            load_vendors(path)
    finally:
        stop.set()
        watcher.join()
    assert seen
    assert all(seen)
