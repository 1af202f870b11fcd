"""MT test fixtures: real Argos packages built at test time, and the network cut off.

Every test in this folder runs with socket connections and DNS lookups raising, so a
passing test proves nothing left the machine. Only the local-index test lets connections
to 127.0.0.1 through.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from pathlib import Path

import argos_kit
import pytest

from l10n.proposals import models

PAIRS = (("fr", "en"), ("en", "fr"), ("en", "ar"), ("ar", "en"))
LOOPBACK = ("127.0.0.1", "::1")


@dataclass
class Network:
    """What the test let through: nothing, or loopback when `allow_loopback` is set."""

    allow_loopback: bool = False
    refused: list[str] = field(default_factory=list)

    def check(self, host: object) -> None:
        if self.allow_loopback and host in LOOPBACK:
            return
        self.refused.append(str(host))
        raise OSError(f"network access blocked by the test ({host})")


@pytest.fixture(autouse=True)
def network(monkeypatch) -> Network:
    state = Network()
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def connect(sock, address):
        state.check(address[0] if isinstance(address, tuple) else address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        state.check(address[0] if isinstance(address, tuple) else address)
        return real_connect_ex(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if not (state.allow_loopback and host in LOOPBACK):
            state.refused.append(str(host))
            raise socket.gaierror(f"DNS blocked by the test ({host})")
        return real_getaddrinfo(host, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        state.check(address[0])
        return real_create_connection(address, *args, **kwargs)

    real_create_connection = socket.create_connection
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return state


@pytest.fixture(scope="session")
def archives(tmp_path_factory) -> dict[str, Path]:
    """Copy-model .argosmodel files for fr→en, en→fr, en→ar, ar→en, by "fr_en" etc."""
    folder = tmp_path_factory.mktemp("archives")
    return {f"{s}_{t}": argos_kit.build_package(s, t, folder / f"translate-{s}_{t}.argosmodel")
            for s, t in PAIRS}


@pytest.fixture(scope="session")
def random_archive(tmp_path_factory) -> Path:
    """A fr→en package with random weights: degenerate output that runs to the bound."""
    folder = tmp_path_factory.mktemp("random")
    return argos_kit.build_package("fr", "en", folder / "translate-fr_en.argosmodel",
                                   mode="random")


@pytest.fixture(scope="session")
def models_dir(archives, tmp_path_factory) -> Path:
    """A models folder with the four copy packages. Read-only: copy it to change it."""
    folder = tmp_path_factory.mktemp("models")
    for archive in archives.values():
        models.install(folder, archive)
    return folder


@pytest.fixture
def models_env(models_dir, monkeypatch) -> Path:
    """The CLI pointed at the session's models folder through L10N_MODELS_DIR."""
    monkeypatch.setenv("L10N_MODELS_DIR", str(models_dir))
    return models_dir
