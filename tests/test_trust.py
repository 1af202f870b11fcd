"""Trust: nothing is lost under crashes, interruptions, concurrent runs, hostile paths,
odd sizes and injected I/O errors."""

from __future__ import annotations

import errno
import os
import random
import signal
import string
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import l10n, require_corpora, temporaries, translations, update, write

from l10n.catalog import pofile
from l10n.checkpoints import POINTS
from l10n.errors import L10nError
from l10n.proposals import tmx
from l10n.workspace.lock import WorkspaceLock

pytestmark = pytest.mark.slow  # kills, races, fuzzing and soaks: the full suite only

PARAGRAPHS = ["Le ministre a reçu la délégation au siège de la coalition.",
              "La réunion a porté sur la coopération régionale et la formation.",
              "Les deux parties ont salué les efforts communs contre le terrorisme."]


@pytest.fixture
def translated(workspace):
    """Three documents, every unit translated and reviewed in en and ar."""
    for n in range(3):
        write(workspace / f"sources/fr/doc{n}.txt", "\n\n".join(PARAGRAPHS) + f"\n\nDocument {n}.\n")
    update(workspace)
    for po in (workspace / "translations").rglob("*.po"):
        catalog = pofile.read(po)
        for entry in catalog.entries:
            entry.msgstr = f"[{po.parent.name}] {entry.msgid}"
        po.write_bytes(pofile.serialize(catalog))
    return workspace


def change_sources(root: Path) -> None:
    for n in range(3):
        path = root / f"sources/fr/doc{n}.txt"
        path.write_text(path.read_text().replace("la délégation", "une délégation"))


@pytest.mark.parametrize("command", [["update"], ["build", "--allow-partial"]])
@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("nth", [1, 3])
def test_a_kill_at_any_point_loses_nothing_and_a_rerun_finishes(translated, command, point, nth):
    change_sources(translated)
    before = translations(translated)
    killed = l10n(translated, *command, crash=f"{point}:{nth}")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert before <= translations(translated)
    rerun = l10n(translated, *command)
    assert rerun.returncode == 0, rerun.stderr
    assert before <= translations(translated)
    assert temporaries(translated) == []
    clean = l10n(translated, *command)
    assert "0 PO file(s) written" in clean.stdout or "0 document(s) written" in clean.stdout


def test_ctrl_c_stops_cleanly_with_exit_130(translated):
    change_sources(translated)
    before = translations(translated)
    result = l10n(translated, "update", crash="after-temp:2:INT")
    assert result.returncode == 130
    assert "interrupted" in result.stderr and "Traceback" not in result.stderr
    assert temporaries(translated) == []
    assert before <= translations(translated)


def test_a_second_command_waits_for_the_lock_then_gives_up_clearly(translated):
    (translated / "l10n.toml").write_text("[workspace]\nlock_timeout = 0.3\n")
    with WorkspaceLock(translated / ".l10n", timeout=1, clean=[]):
        result = l10n(translated, "update")
    assert result.returncode == 2
    assert "another l10n command (pid" in result.stderr
    assert l10n(translated, "update").returncode == 0


def test_a_lock_left_by_a_killed_run_is_taken_over(translated):
    change_sources(translated)
    assert l10n(translated, "update", crash="between-documents:2").returncode == -9
    (translated / "l10n.toml").write_text("[workspace]\nlock_timeout = 1\n")
    assert l10n(translated, "update").returncode == 0


ROUNDS = 50


def test_concurrent_commands_lose_nothing(translated):
    """A translator's pretranslate and approve race CI's update and build for 50 rounds while
    the sources change; each round adds a sentence the translation memory knows."""
    rng = random.Random(8)  # sentences too unlike each other for update's suggestions
    known = {" ".join("".join(rng.choices(string.ascii_lowercase, k=6)) for _ in range(5))
             .capitalize() + ".": f"Known sentence {n}." for n in range(ROUNDS)}
    write(translated / "tm/known.tmx", tmx.serialize(list(known.items()), source_lang="fr",
                                                    target_lang="en", tool_version="test"))
    sources = sorted((translated / "sources/fr").glob("*.txt"))
    before = translations(translated)
    for round_, sentence in enumerate(known):
        path = sources[round_ % len(sources)]
        path.write_text(path.read_text().replace("coopération", f"coopération {round_}")
                        + f"\n{sentence}\n")
        procs = [subprocess.Popen([sys.executable, "-m", "l10n", *args], cwd=translated,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for args in (["update"], ["pretranslate", "--tm-only"],
                              ["approve", "--all", "--by", "test"], ["build", "--allow-partial"])]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode in (0, 1), err
    assert before <= translations(translated)
    assert temporaries(translated) == []
    for args in (["update"], ["pretranslate", "--tm-only"]):  # what a race left undone
        assert l10n(translated, *args).returncode == 0
    assert set(known.values()) <= translations(translated)


def test_the_lock_removes_only_the_leftovers_of_dead_processes(translated):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    try:
        live = write(translated / f".l10n/.memory.json.{sleeper.pid}.abc123.tmp", "{}")
        left = write(translated / f"translations/en/.doc0.po.{dead}.xyz789.tmp", "partial")
        old = write(translated / "tm/.x.tmx.q1w2e3.tmp", "from an older version")
        with WorkspaceLock(translated / ".l10n", timeout=1,
                           clean=[translated / "translations", translated / "tm",
                                  translated / ".l10n"]):
            pass
        assert live.exists() and not left.exists() and not old.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_names_with_spaces_and_non_latin_letters(workspace, run):
    write(workspace / "sources/fr/communiqué du 11 octobre/بيان صحفي.txt", "Bonjour. Au revoir.\n")
    assert run("update", cwd=workspace).code == 0
    po = workspace / "translations/en/communiqué du 11 octobre/بيان صحفي.po"
    assert po.exists()
    assert run("build", "--allow-partial", cwd=workspace).code == 0
    assert (workspace / "build/en/communiqué du 11 octobre/بيان صحفي.txt").read_text() == \
        "Bonjour. Au revoir.\n"


def test_symlinks_never_lead_writes_out_of_the_workspace(workspace, run, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    write(workspace / "sources/fr/a.txt", "Bonjour.\n")
    run("update", cwd=workspace)
    (workspace / "build").symlink_to(outside, target_is_directory=True)
    result = run("build", "--allow-partial", cwd=workspace)
    assert result.code == 2 and "outside the workspace" in result.err
    assert list(outside.iterdir()) == []
    (workspace / "l10n.toml").write_text('[paths]\nbuild = "../elsewhere"\n')
    result = run("build", "--allow-partial", cwd=workspace)
    assert result.code == 2 and "[paths] build must be a folder inside the workspace" in result.err


def test_a_source_above_the_size_limit_is_refused_by_name(workspace, run):
    big = workspace / "sources/fr/big.txt"
    big.parent.mkdir(parents=True, exist_ok=True)
    with big.open("wb") as handle:
        handle.truncate(100_000_000)  # 100 MB, sparse
    result = run("update", cwd=workspace)
    assert result.code == 2
    assert "above the limit of 20,000,000" in result.err and "max_source_bytes" in result.err


def test_a_disk_error_leaves_the_old_file_and_no_temporary(translated, run, monkeypatch):
    change_sources(translated)
    po = translated / "translations/en/doc0.po"
    old = po.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = run("update", cwd=translated)
    assert result.code == 2
    # the first file written: a changed unit's suggestion goes to its proposals file first
    assert "cannot write: No space left on device" in result.err
    assert "proposals/en/doc0.jsonl" in result.err
    assert po.read_bytes() == old and not (translated / "proposals/en/doc0.jsonl").exists()
    assert temporaries(translated) == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_are_a_catalog_or_a_clear_error(data):
    try:
        pofile.parse(data, Path("fuzz.po"))
    except L10nError as error:
        assert str(error).startswith("fuzz.po")


def mutations(data: bytes, seed: int) -> list[bytes]:
    import random
    rng = random.Random(seed)
    out = [data[: rng.randrange(len(data) + 1)]]  # truncated
    flipped = bytearray(data)
    for _ in range(5):
        if flipped:
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    out.append(bytes(flipped))
    cut = rng.randrange(len(data) + 1)
    out.append(data[:cut] + rng.choice([b'"', b"\\", b"\n", b"msgid", b"#~ ", b"\x00"]) + data[cut:])
    out.append(data.replace(b"\n", b"\r\n"))
    out.append(data * 2)  # duplicates
    return out


def test_mutated_real_po_files_are_a_catalog_or_a_clear_error():
    corpora = require_corpora()
    cases = 0
    for sample in sorted((corpora / "po").rglob("*.po")):
        data = sample.read_bytes()
        for seed in range(20):
            for mutated in mutations(data, seed):
                cases += 1
                try:
                    catalog = pofile.parse(mutated, sample)
                except L10nError as error:
                    assert error.path == sample
                    continue
                pofile.serialize(catalog)
    assert cases > 2000


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_source_bytes_update_or_fail_clearly(workspace, run, data):
    write(workspace / "sources/fr/x.txt", data)
    result = run("update", cwd=workspace)
    assert result.code in (0, 2), result.err
    if result.code == 2:
        assert result.err.startswith("l10n: error: ") and "x.txt" in result.err


# -- read-only folders and full disks ---------------------------------------------------------

def refuse_writes_under(monkeypatch, folder: Path, code: int) -> None:
    """Creating a file or folder under `folder` fails with `code`, as on a read-only mount
    (root ignores chmod, so the failure is injected where files are created)."""
    real_open, real_mkdir = os.open, os.mkdir
    inside = folder.resolve()

    def guarded(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and inside in Path(os.fsdecode(path)).resolve().parents:
            raise OSError(code, os.strerror(code), path)
        return real_open(path, flags, *args, **kwargs)

    def guarded_mkdir(path, *args, **kwargs):
        if inside in Path(os.fsdecode(path)).resolve().parents:
            raise OSError(code, os.strerror(code), path)
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    monkeypatch.setattr(os, "mkdir", guarded_mkdir)


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
@pytest.mark.parametrize("command, folder", [
    (["update"], "translations"), (["pretranslate", "--tm-only"], "translations"),
    (["build", "--allow-partial"], "build"), (["pretranslate", "--tm-only"], ".l10n")])
def test_a_read_only_folder_is_a_clear_error_and_nothing_half_written(translated, run,
                                                                      monkeypatch, command,
                                                                      folder, code):
    assert run("build", "--allow-partial", cwd=translated).code == 0
    write(translated / "tm/more.tmx", tmx.serialize([("Nouvelle phrase.", "New sentence.")],
                                                    source_lang="fr", target_lang="en",
                                                    tool_version="test"))
    for n in range(3):
        path = translated / f"sources/fr/doc{n}.txt"
        path.write_text(path.read_text() + "\nNouvelle phrase.\n")
    if command[0] != "update":
        assert run("update", cwd=translated).code == 0
    before = snapshot(translated)
    refuse_writes_under(monkeypatch, translated / folder, code)
    result = run(*command, cwd=translated)
    assert result.code == 2, result.out
    assert result.err.startswith("l10n: error: ") and result.err.count("\n") == 1
    assert f"cannot write: {os.strerror(code)}" in result.err and folder in result.err
    after = snapshot(translated)
    assert {p: after.get(p) for p in before if p.parent.name != ".l10n"} == \
        {p: data for p, data in before.items() if p.parent.name != ".l10n"}
    assert temporaries(translated) == []


def test_a_disk_full_while_flushing_leaves_the_old_file(translated, run, monkeypatch):
    change_sources(translated)
    before = snapshot(translated / "translations")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run("update", cwd=translated)
    assert result.code == 2 and "cannot write: No space left on device" in result.err
    assert snapshot(translated / "translations") == before
    assert temporaries(translated) == []


def test_written_files_keep_their_permissions_and_new_ones_follow_the_umask(translated, run):
    po = translated / "translations/en/doc0.po"
    umask = os.umask(0o022)
    os.umask(umask)
    assert po.stat().st_mode & 0o777 == 0o666 & ~umask
    po.chmod(0o664)  # shared with the team's group
    change_sources(translated)
    assert run("update", cwd=translated).code == 0
    assert po.stat().st_mode & 0o777 == 0o664
    assert run("build", "--allow-partial", cwd=translated).code == 0
    assert (translated / "build/en/doc0.txt").stat().st_mode & 0o777 == 0o666 & ~umask


# -- sizes --------------------------------------------------------------------------------

def test_a_large_catalog_updates_reports_and_checks_without_hanging(workspace):
    """20,000 entries per PO (benchmarks/soak_sizes.py measures 200,000: linear)."""
    rng = random.Random(1)
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randrange(2, 9)))
             for _ in range(3000)]
    write(workspace / "sources/fr/big.txt", "".join(
        " ".join(rng.choices(words, k=8)).capitalize() + f" {n}.\n\n" for n in range(20_000)))
    for args, code in ((["update"], 0), (["status"], 0), (["check"], 1), (["update"], 0)):
        done = l10n(workspace, *args, timeout=300)
        assert done.returncode == code, done.stderr
    catalog = pofile.read(workspace / "translations/ar/big.po")
    assert len(catalog.entries) == 20_000
    assert "0 PO file(s) written" in done.stdout  # the rerun found nothing to do
