"""Oversized and lying model archives: refused by a named limit, in bounded time, leaving
nothing behind (the 1 GB case is in benchmarks/soak_sizes.py)."""

from __future__ import annotations

import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from support import write

pytestmark = pytest.mark.slow  # kills, races, fuzzing and soaks: the full suite only

TOP = "translate-fr_en-0_0_1"
WEIGHTS = f"{TOP}/model/model.bin"


def with_weights(good: Path, out: Path, *, zeros: int) -> Path:
    """The package with model.bin replaced by `zeros` zero bytes, deflated (a zip bomb)."""
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != WEIGHTS:
                new.writestr(info, old.read(info))
        with new.open(WEIGHTS, "w", force_zip64=True) as handle:
            chunk = bytes(1024**2)
            for _ in range(zeros // len(chunk)):
                handle.write(chunk)
    return out


def declare_size(archive: Path, name: str, size: int) -> Path:
    """Rewrite the unpacked size that the local and central headers of `name` declare."""
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as handle:
        info = handle.getinfo(name)
    assert info.file_size < 2**32 and info.compress_size < 2**32
    struct.pack_into("<I", data, info.header_offset + 22, size)
    central = data.find(b"PK\x01\x02", info.header_offset)
    while data[central + 46:central + 46 + len(name)] != name.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, size)
    archive.write_bytes(bytes(data))
    return archive


def models_folder(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "models"
    monkeypatch.setenv("L10N_MODELS_DIR", str(folder))
    return folder


def test_a_zip_bomb_is_refused_before_unpacking(run, archives, tmp_path, monkeypatch):
    folder = models_folder(tmp_path, monkeypatch)
    bomb = with_weights(archives["fr_en"], tmp_path / "bomb.argosmodel", zeros=200 * 1024**2)
    assert bomb.stat().st_size < 2 * 1024**2
    result = run("models", "install", bomb, cwd=tmp_path)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "refused: it would unpack to 209," in result.err and "(a zip bomb?)" in result.err
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_declared_size_above_the_limit_is_refused_naming_the_setting(run, archives,
                                                                       tmp_path, monkeypatch):
    folder = models_folder(tmp_path, monkeypatch)
    huge = declare_size(shutil.copy(archives["fr_en"], tmp_path / "huge.argosmodel"), WEIGHTS,
                        4_200_000_000)
    result = run("models", "install", huge, cwd=tmp_path)
    assert result.code == 2
    assert "refused: it would unpack to 4,20" in result.err
    assert "above the limit of 4,000,000,000 (raise [models] max_package_bytes in l10n.toml" \
        in result.err
    write(tmp_path / "l10n.toml", "[models]\nmax_package_bytes = 5000000000\n")
    result = run("models", "install", huge, cwd=tmp_path)  # the limit raised: the ratio stops it
    assert result.code == 2 and "(a zip bomb?)" in result.err
    assert not folder.exists() or list(folder.iterdir()) == []


@pytest.mark.parametrize("declared", [1000, 10**6])
def test_a_member_larger_than_it_declares_is_cut_at_that_size_and_refused(
        declared, run, archives, tmp_path, monkeypatch):
    folder = models_folder(tmp_path, monkeypatch)
    liar = declare_size(with_weights(archives["fr_en"], tmp_path / "liar.argosmodel",
                                     zeros=50 * 1024**2), WEIGHTS, declared)
    result = run("models", "install", liar, cwd=tmp_path)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "corrupt archive" in result.err and "nothing was installed" in result.err
    assert not folder.exists() or list(folder.iterdir()) == []
