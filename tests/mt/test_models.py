"""Installing, listing and removing Argos packages: validation first, never half a package."""

from __future__ import annotations

import json
import shutil
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from support import extract_like_argos, run_isolated, write

from l10n.proposals import models


def rezip(src: Path, dst: Path, *, rename=lambda name: name, drop=(), add=None,
          edit=None, stored=False) -> Path:
    """A copy of an archive with members renamed, dropped, added or edited."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(
            dst, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in drop:
                continue
            data = old.read(info)
            if edit and info.filename in edit:
                data = edit[info.filename](data)
            new.writestr(rename(info.filename), data)
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return dst


def metadata_edit(**changes):
    def edit(data: bytes) -> bytes:
        meta = json.loads(data)
        for key, value in changes.items():
            if value is None:
                meta.pop(key, None)
            else:
                meta[key] = value
        return json.dumps(meta).encode()
    return edit


def corrupt_middle(src: Path, dst: Path) -> Path:
    """Flip bytes inside model.bin's data, stored uncompressed: its CRC no longer matches."""
    rezip(src, dst, stored=True)
    data = bytearray(dst.read_bytes())
    with zipfile.ZipFile(dst) as handle:
        info = handle.getinfo("translate-fr_en-0_0_1/model/model.bin")
    middle = info.header_offset + 200 + info.compress_size // 2
    data[middle:middle + 8] = bytes(b ^ 0xFF for b in data[middle:middle + 8])
    dst.write_bytes(bytes(data))
    return dst


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_install_list_remove(run, archives, tmp_path, monkeypatch):
    folder = tmp_path / "models"
    monkeypatch.setenv("L10N_MODELS_DIR", str(folder))
    result = run("models", "install", archives["fr_en"], cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out == f"installed fr→en 0.0.1 in {folder / 'translate-fr_en-0_0_1'}\n"

    text = run("models", "list", cwd=tmp_path).out.splitlines()
    assert text[0] == f"models folder: {folder}"
    assert text[1].split() == ["fr→en", "0.0.1", "1.6", "MB",
                               str(folder / "translate-fr_en-0_0_1")]
    data = json.loads(run("models", "list", "--json", cwd=tmp_path).out)
    assert data["folder"] == str(folder)
    assert [(p["from"], p["to"], p["version"]) for p in data["packages"]] == [("fr", "en", "0.0.1")]
    on_disk = sum(f.stat().st_size for f in (folder / "translate-fr_en-0_0_1").rglob("*")
                  if f.is_file())
    assert data["packages"][0]["bytes"] == on_disk

    result = run("models", "remove", "fr", "en", cwd=tmp_path)
    assert result.code == 0 and "removed fr→en 0.0.1" in result.out
    assert listing(folder) == []
    result = run("models", "remove", "fr", "en", cwd=tmp_path)
    assert result.code == 2
    assert result.err == f"l10n: error: {folder.relative_to(tmp_path)}: no fr→en package " \
                         "installed (see `l10n models list`)\n"


BAD = {
    "not a zip": (lambda good, bad: write(bad, b"just text"), "not a readable zip archive"),
    "truncated": (lambda good, bad: write(bad, good.read_bytes()[:5000]),
                  "not a readable zip archive"),
    "two top folders": (lambda good, bad: rezip(good, bad, add={"other/x.txt": "x"}),
                        "2 top-level folders"),
    "escaping path": (lambda good, bad: rezip(good, bad, add={
        "translate-fr_en-0_0_1/../../evil.txt": "x"}), "would be written outside"),
    "absolute path": (lambda good, bad: rezip(good, bad, rename=lambda n: "/" + n),
                      "would be written outside"),
    "loose file": (lambda good, bad: rezip(good, bad, rename=lambda n: n.split("/", 1)[1]),
                   "lies outside a package folder"),
    "no metadata": (lambda good, bad: rezip(good, bad, drop={
        "translate-fr_en-0_0_1/metadata.json"}), "no translate-fr_en-0_0_1/metadata.json"),
    "not a translation package": (lambda good, bad: rezip(good, bad, edit={
        "translate-fr_en-0_0_1/metadata.json": metadata_edit(type="sbd")}),
        "not a translation package (type 'sbd')"),
    "no language code": (lambda good, bad: rezip(good, bad, edit={
        "translate-fr_en-0_0_1/metadata.json": metadata_edit(from_code=None)}),
        "no valid from_code"),
    "bad metadata": (lambda good, bad: rezip(good, bad, edit={
        "translate-fr_en-0_0_1/metadata.json": lambda d: b"{oops"}), "not valid JSON"),
    "no sentencepiece": (lambda good, bad: rezip(good, bad, drop={
        "translate-fr_en-0_0_1/sentencepiece.model"}), "no translate-fr_en-0_0_1/sentencepiece"),
    "no model": (lambda good, bad: rezip(good, bad, drop={
        "translate-fr_en-0_0_1/model/model.bin"}), "no translate-fr_en-0_0_1/model/model.bin"),
    "corrupt data": (lambda good, bad: corrupt_middle(good, bad), "corrupt archive"),
    "garbage model": (lambda good, bad: rezip(good, bad, edit={
        "translate-fr_en-0_0_1/model/model.bin": lambda d: d[:1000]}),
        "the translation model cannot be loaded"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_archives_are_refused_with_one_line_and_leave_nothing(case, run, archives,
                                                                 tmp_path, monkeypatch):
    folder = tmp_path / "models"
    monkeypatch.setenv("L10N_MODELS_DIR", str(folder))
    assert run("models", "install", archives["en_ar"], cwd=tmp_path).code == 0
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    make, message = BAD[case]
    bad = tmp_path / "bad.argosmodel"
    make(archives["fr_en"], bad)
    result = run("models", "install", bad, cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(f"l10n: error: {bad.relative_to(tmp_path)}: ") and result.err.count("\n") == 1
    assert message in result.err
    assert listing(folder) == ["translate-en_ar-0_0_1"]  # no staging left, nothing added
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert not (tmp_path / "evil.txt").exists()


def test_absurd_size_is_refused_before_unpacking(run, archives, tmp_path, monkeypatch):
    monkeypatch.setenv("L10N_MODELS_DIR", str(tmp_path / "models"))
    write(tmp_path / "l10n.toml", "[models]\nmax_package_bytes = 1000000\n")
    result = run("models", "install", archives["fr_en"], cwd=tmp_path)
    assert result.code == 2
    assert "above the limit of 1,000,000 (raise [models] max_package_bytes in l10n.toml" \
        in result.err
    assert listing(tmp_path / "models") == []


def test_reinstall_replaces_instead_of_merging(archives, tmp_path):
    folder = tmp_path / "models"
    with_extra = rezip(archives["fr_en"], tmp_path / "a.argosmodel",
                       add={"translate-fr_en-0_0_1/stale.txt": "from an older version"})
    models.install(folder, with_extra)
    assert (folder / "translate-fr_en-0_0_1/stale.txt").exists()
    models.install(folder, archives["fr_en"])
    assert not (folder / "translate-fr_en-0_0_1/stale.txt").exists()
    newer = rezip(archives["fr_en"], tmp_path / "b.argosmodel",
                  rename=lambda n: n.replace("0_0_1", "0_0_2"),
                  edit={"translate-fr_en-0_0_1/metadata.json": metadata_edit(
                      package_version="0.0.2")})
    package = models.install(folder, newer)
    assert (package.version, package.path.name) == ("0.0.2", "translate-fr_en-0_0_2")
    assert listing(folder) == ["translate-fr_en-0_0_2"]


def test_packages_unzipped_by_argospm_are_listed_and_used(run, archives, tmp_path,
                                                          monkeypatch):
    folder = tmp_path / "argos-packages"
    extract_like_argos(archives["fr_en"], folder)
    (folder / "translate-xx_yy").mkdir()  # argos itself would crash listing this folder
    monkeypatch.setenv("L10N_MODELS_DIR", str(folder))
    result = run("models", "list", cwd=tmp_path)
    assert "fr→en  0.0.1" in result.out
    assert f"ignored {folder / 'translate-xx_yy'}: no metadata.json" in result.out
    assert run("translate", "--from", "fr", "--to", "en", "Bonjour.", cwd=tmp_path).out == \
        "[en] Bonjour.\n"


def test_default_folder_is_argos_own_so_argospm_packages_are_found(archives, tmp_path):
    home = tmp_path / "home"
    extract_like_argos(archives["fr_en"], home / ".local/share/argos-translate/packages")
    env = {"HOME": str(home)}
    listed = run_isolated("models", "list", cwd=tmp_path, env=env)
    assert listed.returncode == 0, listed.stderr
    assert f"models folder: {home}/.local/share/argos-translate/packages" in listed.stdout
    assert "fr→en  0.0.1" in listed.stdout
    done = run_isolated("translate", "--from", "fr", "--to", "en", "Salut.", cwd=tmp_path,
                        env=env)
    assert done.stdout == "[en] Salut.\n", done.stderr


@pytest.mark.parametrize("how", ["environment", "l10n.toml"])
def test_configured_folder_keeps_home_untouched(how, archives, tmp_path):
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    write(work / "l10n.toml", '[models]\nfolder = "models"\n' if how == "l10n.toml" else "")
    env = {"HOME": str(home)}
    if how == "environment":
        env["L10N_MODELS_DIR"] = str(work / "models")
    for args in (["models", "install", str(archives["fr_en"])], ["models", "list"],
                 ["translate", "--from", "fr", "--to", "en", "Bonjour."]):
        done = run_isolated(*args, cwd=work, env=env)
        assert done.returncode == 0, done.stderr
    assert done.stdout == "[en] Bonjour.\n"
    assert listing(work / "models") == ["translate-fr_en-0_0_1"]
    assert listing(home) == []


def test_heavy_libraries_are_not_loaded_by_other_commands(workspace):
    probe = ("import sys\nfrom l10n.cli import main\ntry:\n    main(['status'])\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in ('argostranslate', 'ctranslate2', 'sentencepiece', "
             "'numpy') if m in sys.modules))")
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", probe], cwd=workspace, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.splitlines()[-1] == "[]", done.stderr


# -- the index ------------------------------------------------------------------------------

@pytest.fixture
def index_server(tmp_path, archives):
    """A small Argos index and package served on 127.0.0.1 from a thread."""
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(archives["fr_en"], site / "translate-fr_en-0_0_1.argosmodel")
    requests: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            requests.append(self.path)

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(site)))
    server.timeout = 5
    base = f"http://127.0.0.1:{server.server_address[1]}"
    entry = {"package_version": "0.0.1", "argos_version": "1.9.0", "from_code": "fr",
             "from_name": "French", "to_code": "en", "to_name": "English", "type": "translate",
             "links": [f"{base}/translate-fr_en-0_0_1.argosmodel"]}
    older = {**entry, "package_version": "0.0.0", "links": [f"{base}/missing.argosmodel"]}
    write(site / "index.json", json.dumps([older, entry, {**entry, "to_code": "de"}]))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    stopper = threading.Timer(60, server.shutdown)  # stops by itself even if a test hangs
    stopper.start()
    yield base, requests
    stopper.cancel()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_install_from_local_index(index_server, network, run, workspace, monkeypatch):
    base, requests = index_server
    network.allow_loopback = True
    (workspace / "l10n.toml").write_text(
        f'[models]\nfolder = "models"\nindex = "{base}/index.json"\n')
    result = run("models", "install", "--from-index", "fr", "en", cwd=workspace)
    assert result.code == 0, result.err
    installed = workspace / "models/translate-fr_en-0_0_1"
    assert result.out == f"installed fr→en 0.0.1 in {installed}\n"
    assert requests == ["/index.json", "/translate-fr_en-0_0_1.argosmodel"]
    assert listing(workspace / "models") == ["translate-fr_en-0_0_1"]
    missing = run("models", "install", "--from-index", "fr", "ar", cwd=workspace)
    assert missing.code == 2 and "the package index has no fr→ar package" in missing.err


def test_install_from_index_offline_says_how_to_install_from_a_file(network, run, workspace,
                                                                    monkeypatch):
    monkeypatch.setenv("L10N_MODELS_DIR", str(workspace / "models"))
    result = run("models", "install", "--from-index", "fr", "en", cwd=workspace)
    assert result.code == 2
    assert result.err.startswith("l10n: error: https://raw.githubusercontent.com/"
                                 "argosopentech/argospm-index/main/index.json: cannot "
                                 "download the package index: ")
    assert "copy the package file (e.g. translate-fr_en.argosmodel) from a machine with " \
           "internet access and run `l10n models install FILE`" in result.err
    assert network.refused == ["raw.githubusercontent.com"]
    assert not (workspace / "models").exists()


def test_an_unwritable_models_folder_is_one_line(run, archives, tmp_path, monkeypatch):
    blocker = write(tmp_path / "a-file", "not a folder")
    monkeypatch.setenv("L10N_MODELS_DIR", str(blocker / "models"))
    result = run("models", "install", archives["fr_en"], cwd=tmp_path)
    assert result.code == 2
    assert result.err == f"l10n: error: {blocker.name}/models: cannot install into the " \
                         "models folder: Not a directory\n"
