"""Progress of long work: what the core reports, and what a person (terminal) or a CI log
(plain lines) sees of it."""

from __future__ import annotations

import io

import argos_kit
import pytest
from support import update, write

from l10n.proposals import memory, models
from l10n.reports.progress import Meter
from l10n.workspace import Workspace


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_log_gets_a_plain_line_every_ten_seconds_with_counts_and_time_left():
    clock, out = Clock(), io.StringIO()
    meter = Meter("update", stream=out, terminal=False, clock=clock)
    meter("documents", 5, 300)  # within the first second: nothing, quick work stays quiet
    for second in range(1, 31):
        clock.now = 100.0 + second
        meter("documents", 10 * second, 300)
    assert out.getvalue().splitlines() == [
        "update: 10/300 documents, about 29 s left",
        "update: 110/300 documents, about 19 s left",
        "update: 210/300 documents, about 9 s left",
    ]


def test_bytes_are_shown_in_megabytes_and_an_unknown_total_is_not_invented():
    clock, out = Clock(), io.StringIO()
    meter = Meter("models install", stream=out, terminal=False, clock=clock)
    clock.now += 2
    meter("download", 12_500_000, 0)  # the server did not say how much
    clock.now += 20
    meter("unpack", 0, 100_000_000)  # a new step: its own rate, from now
    clock.now += 10
    meter("unpack", 25_000_000, 100_000_000)
    assert out.getvalue().splitlines() == [
        "models install: 12.5 MB downloaded",
        "models install: 0.0/100.0 MB unpacked",
        "models install: 25.0/100.0 MB unpacked, about 30 s left",
    ]


def test_a_terminal_gets_a_bar_with_counts_that_goes_away():
    clock, out = Clock(), io.StringIO()
    with Meter("build", stream=out, terminal=True, clock=clock) as meter:
        clock.now += 1.5
        meter.add("units", 3, 10)
        meter.add("units", 4, 10)
        meter._bar.refresh()
    drawn = out.getvalue()
    assert "build" in drawn and "7/10 units" in drawn and "━" in drawn
    shown_again = drawn.rindex("\x1b[?25h")  # the cursor comes back, then the bar's line
    assert drawn[shown_again:].endswith("\x1b[2K")  # is erased: the summary prints there


def test_update_and_build_report_each_document(workspace):
    for n in range(5):
        write(workspace / f"sources/fr/d{n}.txt", f"Phrase numéro {n}.\n")
    calls = []
    update(workspace, progress=lambda *call: calls.append(call))
    assert calls == [(step, n, 5) for step in ("documents read", "documents written")
                     for n in range(1, 6)]
    from l10n.commands.build import build
    calls.clear()
    build(Workspace.open(workspace), partial=True, progress=lambda *call: calls.append(call))
    assert calls == [("documents", n, 5) for n in range(1, 6)]


def test_tm_import_reports_the_units_of_a_big_file(workspace, tmp_path):
    units = "".join(f'<tu><tuv xml:lang="fr"><seg>Phrase {n}.</seg></tuv>'
                    f'<tuv xml:lang="en"><seg>Sentence {n}.</seg></tuv></tu>' for n in range(2500))
    big = write(tmp_path / "big.tmx", '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
                f'<header srclang="fr"/><body>{units}</body></tmx>')
    calls = []
    memory.import_tmx(Workspace.open(workspace), [big], progress=lambda *c: calls.append(c))
    assert calls == [("units", 1000, 2500), ("units", 2000, 2500)]


def test_models_install_reports_the_bytes_it_unpacks(tmp_path):
    archive = argos_kit.build_package("fr", "en", tmp_path / "translate-fr_en.argosmodel")
    calls = []
    models.install(tmp_path / "models", archive, progress=lambda *c: calls.append(c))
    assert calls and {step for step, _, _ in calls} == {"unpack"}
    done = [d for _, d, _ in calls]
    assert done == sorted(done) and done[-1] == calls[-1][2] > archive.stat().st_size


@pytest.mark.parametrize("command", [["update"], ["build", "--allow-partial"]])
def test_quick_commands_draw_nothing(command, workspace, run):
    write(workspace / "sources/fr/a.txt", "Une phrase.\n")
    run("update", cwd=workspace)
    assert run(*command, cwd=workspace).err == ""
