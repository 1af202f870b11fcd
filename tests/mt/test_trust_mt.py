"""Trust in pre-translation: kills at every checkpoint, damaged caches, broken models, and
the whole workflow in a process where every socket call raises."""

from __future__ import annotations

import json
import shutil
import signal
import zipfile
from pathlib import Path

import argos_kit
import pytest
import sentencepiece as spm
from support import l10n, no_network_env, temporaries, translations, update, write

from l10n.catalog import pofile
from l10n.checkpoints import POINTS
from l10n.commands.init import init

pytestmark = pytest.mark.slow  # kills, races, fuzzing and soaks: the full suite only

SENTENCES = ["Bonjour tout le monde.", "Merci beaucoup pour votre aide.",
             "Le ministre a reçu la délégation au siège de la coalition."]
MEMORY = {  # fr -> (en, ar): what tm/seed.tmx holds
    "Merci beaucoup pour votre aide.": ("Thank you very much for your help.",
                                        "شكرا جزيلا على مساعدتك."),
    "Le ministre a reçu la délégation au siège de la coalition.":
        ("The minister received the delegation at the coalition's headquarters.",
         "استقبل الوزير الوفد في مقر التحالف."),
}
HUMAN = {"en": ("Bonjour tout le monde.", "Hello, everyone.", False),  # reviewed
         "ar": ("Merci beaucoup pour votre aide.", "شكرا لكم.", True)}  # needs work


def seed_tmx() -> str:
    units = "".join(
        f'<tu><tuv xml:lang="fr"><seg>{fr}</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv>'
        f'<tuv xml:lang="ar"><seg>{ar}</seg></tuv></tu>\n' for fr, (en, ar) in MEMORY.items())
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="fr" '
            f'datatype="plaintext" segtype="sentence"/><body>\n{units}</body></tmx>\n')


def make_half_done(root: Path) -> Path:
    """Three documents; a memory with two of their sentences; some human work in each PO."""
    init(root)
    for n in range(3):
        write(root / f"sources/fr/doc{n}.txt", "\n\n".join(SENTENCES + [f"Document {n}."]) + "\n")
    write(root / "tm/seed.tmx", seed_tmx())
    update(root)
    for po in (root / "translations").rglob("*.po"):
        msgid, msgstr, fuzzy = HUMAN[po.parent.name]
        catalog = pofile.read(po)
        entry = catalog.by_key()[(None, msgid)]
        entry.msgstr, entry.fuzzy = msgstr, fuzzy
        po.write_bytes(pofile.serialize(catalog))
    return root


def outcome(root: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    """(PO, msgid) -> (msgstr, fuzzy) for every entry: what a translator finds."""
    found = {}
    for po in sorted((root / "translations").rglob("*.po")):
        for entry in pofile.read(po).entries:
            found[(po.relative_to(root).as_posix(), entry.msgid)] = (entry.msgstr, entry.fuzzy)
    return found


MODES = {"memory": ["pretranslate", "--tm-only"], "machine": ["pretranslate"]}


@pytest.fixture(scope="module")
def expected(tmp_path_factory, models_dir) -> dict[str, dict]:
    """What an uninterrupted run of each mode leaves."""
    done = {}
    for mode, args in MODES.items():
        root = make_half_done(tmp_path_factory.mktemp(mode))
        result = l10n(root, *args, env={"L10N_MODELS_DIR": str(models_dir)})
        assert result.returncode == 0, result.stderr
        done[mode] = outcome(root)
    assert all(done["machine"].values())  # machine translation leaves nothing empty
    assert sum(1 for text, _ in done["memory"].values() if not text) == 9  # no proposal
    return done


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("nth", [1, 3])
def test_a_killed_pretranslate_loses_nothing_and_a_rerun_finishes(tmp_path, models_dir, expected,
                                                                   mode, point, nth):
    root = make_half_done(tmp_path)
    env = {"L10N_MODELS_DIR": str(models_dir)}
    before = translations(root)
    killed = l10n(root, *MODES[mode], crash=f"{point}:{nth}", env=env)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert before <= translations(root)  # every PO parses, nothing lost
    rerun = l10n(root, *MODES[mode], env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert outcome(root) == expected[mode]
    assert temporaries(root) == []  # the killed run's leftovers are gone too
    if mode == "machine" and nth == 3:  # doc0 was translated before the kill: cached
        assert ", 0 from the cache" not in rerun.stdout


def damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    path.write_bytes({"truncated": data[: len(data) // 2], "empty": b"",
                      "garbage": bytes(range(256)) * 64}[how])


@pytest.mark.parametrize("how", ["truncated", "empty", "garbage"])
def test_a_damaged_memory_index_or_mt_cache_is_rebuilt(tmp_path, run, models_env, expected, how):
    root = make_half_done(tmp_path)
    assert run("pretranslate", "--lang", "en", cwd=root).code == 0
    for name in ("memory.json", "mt-cache.sqlite3"):
        damage(root / ".l10n" / name, how)
    result = run("pretranslate", "--lang", "ar", cwd=root)
    assert result.code == 0, result.err
    assert outcome(root) == expected["machine"]
    assert json.loads((root / ".l10n/memory.json").read_text())["files"]


def test_an_index_of_the_wrong_shape_is_read_again(tmp_path, run, expected):
    root = make_half_done(tmp_path)
    assert run("pretranslate", "--tm-only", cwd=root).code == 0
    index = root / ".l10n/memory.json"
    data = json.loads(index.read_text())
    data["files"]["tm/seed.tmx"]["units"] = 5  # the signature still matches
    for rel, record in data["files"].items():
        if "entries" in record:
            record["entries"] = [["only a msgid"]]
    index.write_text(json.dumps(data))
    for po in (root / "translations").rglob("*.po"):  # clear the proposals
        catalog = pofile.read(po)
        for entry in catalog.entries:
            if entry.fuzzy and entry.provenance:
                entry.msgstr, entry.fuzzy, entry.notes = "", False, []
        po.write_bytes(pofile.serialize(catalog))
    result = run("pretranslate", "--tm-only", cwd=root)
    assert result.code == 0, result.err
    assert outcome(root) == expected["memory"]


def test_pretranslate_and_tm_import_wait_for_the_workspace_lock(tmp_path, run, models_env):
    from l10n.workspace.lock import WorkspaceLock
    root = make_half_done(tmp_path)
    (root / "l10n.toml").write_text("[workspace]\nlock_timeout = 0.2\n")
    pos = {p: p.read_bytes() for p in (root / "translations").rglob("*.po")}
    other = write(tmp_path / "other.tmx", seed_tmx().replace("Merci", "Merci encore"))
    with WorkspaceLock(root / ".l10n", timeout=1, clean=[]):
        for args in (["pretranslate"], ["tm", "import", other]):
            result = run(*args, cwd=root)
            assert result.code == 2 and "another l10n command (pid" in result.err, args
    assert {p: p.read_bytes() for p in pos} == pos
    assert sorted(p.name for p in (root / "tm").iterdir()) == ["seed.tmx"]
    assert run("tm", "import", other, cwd=root).code == 0


def test_a_poedit_save_during_pretranslate_is_merged_not_overwritten(tmp_path, run,
                                                                    models_env, monkeypatch):
    from l10n.proposals import pipeline as pretranslate
    root = make_half_done(tmp_path)
    po = root / "translations/en/doc0.po"
    real = pretranslate.MemoryProposer.propose
    saved = []

    def propose_while_the_translator_saves(self, requests):
        if not saved:  # Poedit saves doc0 in English while l10n asks the memory
            catalog = pofile.read(po)
            entry = catalog.by_key()[(None, "Document 0.")]
            entry.msgstr = "Document zero, by hand."
            po.write_bytes(pofile.serialize(catalog))
            saved.append(po)
        return real(self, requests)

    monkeypatch.setattr(pretranslate.MemoryProposer, "propose", propose_while_the_translator_saves)
    assert run("pretranslate", cwd=root).code == 0
    entries = pofile.read(po).by_key()
    assert entries[(None, "Document 0.")].msgstr == "Document zero, by hand."
    assert not entries[(None, "Document 0.")].fuzzy
    assert entries[(None, "Bonjour tout le monde.")].msgstr == "Hello, everyone."
    thanks = entries[(None, "Merci beaucoup pour votre aide.")]
    assert (thanks.msgstr, thanks.fuzzy) == ("Thank you very much for your help.", True)
    assert entries[(None, SENTENCES[2])].fuzzy and entries[(None, SENTENCES[2])].msgstr


# -- corrupt or mismatched models -------------------------------------------------------------

def other_sentencepiece(path: Path) -> None:
    """A SentencePiece model trained on other text: its pieces are not the model's words."""
    text = [" ".join(f"{chr(0x0410 + (i * 7 + j) % 32)}{chr(0x0430 + (i + j * 3) % 32)}"
                     for j in range(12)) for i in range(300)]  # Cyrillic pairs
    spm.SentencePieceTrainer.train(sentence_iterator=iter(text), model_prefix=str(path),
                                   vocab_size=100, model_type="unigram", minloglevel=2,
                                   character_coverage=1.0, num_threads=1)


def broken_package(models_dir: Path, folder: Path, what: str) -> Path:
    """A copy of the fr→en package, broken the way `what` says."""
    package = folder / "translate-fr_en-0_0_1"
    shutil.copytree(models_dir / "translate-fr_en-0_0_1", package)
    if what == "truncated model.bin":
        weights = package / "model/model.bin"
        weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 3])
    elif what == "another SentencePiece model":
        other_sentencepiece(folder / "other")
        shutil.copy(folder / "other.model", package / "sentencepiece.model")
        for extra in folder.glob("other.*"):
            extra.unlink()
    return package


def zip_folder(package: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w") as handle:
        for path in sorted(package.rglob("*")):
            handle.write(path, path.relative_to(package.parent))
    return archive


BROKEN = {"truncated model.bin": "the translation model cannot be loaded",
          "another SentencePiece model": "the SentencePiece model does not match the "
                                         "translation model: "}


@pytest.mark.parametrize("what", BROKEN)
def test_a_broken_model_is_refused_at_install_and_at_first_use(what, tmp_path, run, models_dir,
                                                               monkeypatch):
    package = broken_package(models_dir, tmp_path / "copied", what)
    archive = zip_folder(package, tmp_path / "broken.argosmodel")
    monkeypatch.setenv("L10N_MODELS_DIR", str(tmp_path / "installed"))
    result = run("models", "install", archive, cwd=tmp_path)
    assert result.code == 2 and BROKEN[what] in result.err and "nothing was installed" in \
        result.err
    assert not (tmp_path / "installed").exists() or not any((tmp_path / "installed").iterdir())
    # unzipped by hand (or damaged on disk after installing): refused at first use
    root = make_half_done(tmp_path / "work")
    pos = {p: p.read_bytes() for p in (root / "translations").rglob("*.po")}
    monkeypatch.setenv("L10N_MODELS_DIR", str(tmp_path / "copied"))
    result = run("pretranslate", "--lang", "en", cwd=root)
    assert result.code == 2, result.err
    assert result.err.startswith(f"l10n: error: {package}: {BROKEN[what]}")
    assert result.err.count("\n") == 1
    assert {p: p.read_bytes() for p in pos} == pos  # the workspace is untouched
    assert temporaries(root) == []


def test_metadata_claiming_other_languages_is_refused(tmp_path, run, monkeypatch):
    archive = argos_kit.build_package("en", "ar", tmp_path / "x.argosmodel",
                                      top="translate-fr_en-1_0")
    monkeypatch.setenv("L10N_MODELS_DIR", str(tmp_path / "installed"))
    result = run("models", "install", archive, cwd=tmp_path)
    assert result.code == 2
    assert "the package folder 'translate-fr_en-1_0' is named for fr→en but its metadata.json " \
           "says en→ar" in result.err
    with zipfile.ZipFile(archive) as handle:  # unzipped by hand: listed as ignored, never used
        handle.extractall(tmp_path / "installed")
    listed = run("models", "list", cwd=tmp_path).out
    assert "ignored" in listed and "named for fr→en but its metadata.json says en→ar" in listed
    root = make_half_done(tmp_path / "work")
    result = run("pretranslate", "--lang", "en", cwd=root)
    assert result.code == 0 and "no model for fr→en: 3 unit(s) left" in result.out
    assert {entry.provenance.origin for po in (root / "translations/en").rglob("*.po")
            for entry in pofile.read(po).entries if entry.provenance} == {"memory"}


@pytest.mark.parametrize("point", ["after-temp", "after-rename"])
def test_a_killed_models_install_keeps_the_old_package_and_its_leftovers_go(point, tmp_path,
                                                                           archives):
    folder = tmp_path / "models"
    env = {"L10N_MODELS_DIR": str(folder)}
    assert l10n(tmp_path, "models", "install", str(archives["fr_en"]), env=env).returncode == 0
    installed = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    killed = l10n(tmp_path, "models", "install", str(archives["fr_en"]), crash=point, env=env)
    assert killed.returncode == -signal.SIGKILL
    assert [p.name for p in folder.iterdir() if not p.name.startswith(".")] == \
        ["translate-fr_en-0_0_1"]
    assert {p: p.read_bytes() for p in (folder / "translate-fr_en-0_0_1").rglob("*")
            if p.is_file()} == installed  # the old one, or the same new one
    again = l10n(tmp_path, "models", "install", str(archives["en_ar"]), env=env)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["translate-en_ar-0_0_1",
                                                        "translate-fr_en-0_0_1"]


# -- no network, proven end to end -----------------------------------------------------------

def test_the_whole_workflow_runs_with_every_socket_call_raising(tmp_path, models_dir):
    log = tmp_path / "network.log"
    env = {**no_network_env(log), "L10N_MODELS_DIR": str(models_dir)}
    root = tmp_path / "work"
    probe = l10n(tmp_path, "models", "install", "--from-index", "fr", "en", env=env)
    assert probe.returncode == 2 and "network access blocked by the test" in probe.stderr
    assert log.read_text()  # the blocker is in place
    log.unlink()
    steps = [["init", str(root)], ["update"], ["tm", "import", str(write(
        tmp_path / "seed.tmx", seed_tmx()))], ["pretranslate"], ["status"],
             ["approve", "--all", "--by", "test"], ["check"], ["build"]]
    write(root / "sources/fr/a.txt", "\n\n".join(SENTENCES) + "\n")
    for args in steps:
        done = l10n(root if args[0] != "init" else tmp_path, *args, env=env)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        if args[0] == "pretranslate":
            assert "machine translation: " in done.stdout and "2 memory" in done.stdout
    assert (root / "build/en/a.txt").read_text().startswith("[en] Bonjour tout le monde.")
    assert not log.exists()
