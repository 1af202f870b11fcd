"""The tests' network blocker: every socket connection and DNS lookup raises, and is
written down. A Python started with this folder on PYTHONPATH and NETWORK_LOG set has it
from its first line (Python imports `sitecustomize` at start-up); `install` puts it in
place inside the test process.
"""

import os
import socket

TARGETS = ((socket.socket, "connect"), (socket.socket, "connect_ex"),
           (socket.socket, "sendto"), (socket, "getaddrinfo"), (socket, "create_connection"),
           (socket, "gethostbyname"))


def install(patch, record) -> None:
    """`patch(owner, name, value)` each network entry point with one that calls
    `record(what)` and raises."""
    def blocked(*args, **kwargs):
        record(repr(args[:2]))
        raise OSError("network access blocked by the test")
    for owner, name in TARGETS:
        patch(owner, name, blocked)


def _log(line: str) -> None:
    with open(os.environ["NETWORK_LOG"], "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


if os.environ.get("NETWORK_LOG"):
    install(setattr, _log)
