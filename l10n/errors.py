"""The one error type core modules raise; the CLI turns it into a message and exit 2."""

from __future__ import annotations

from pathlib import Path


class L10nError(Exception):
    """A user-facing problem with a file, a setting or the environment.

    Carries where it applies (path and line, when known) and what to do about it,
    so every caller can print one clear line instead of a traceback.
    """

    def __init__(self, message: str, *, path: Path | str | None = None,
                 line: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __reduce__(self):
        """Keep path, line and hint when the error crosses from a worker process."""
        return (_rebuild, (self.message, self.path, self.line, self.hint))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


def _rebuild(message: str, path: Path | str | None, line: int | None,
             hint: str | None) -> L10nError:
    return L10nError(message, path=path, line=line, hint=hint)
