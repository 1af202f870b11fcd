"""Project settings from `l10n.toml`: every setting, its default, and its validation."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import L10nError

CONFIG_NAME = "l10n.toml"
LANGUAGES = {"fr": "French", "ar": "Arabic", "en": "English"}
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5;",
}
RTL_LANGUAGES = frozenset({"ar"})
ARGOS_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"

DEFAULT_CONFIG = """\
# l10n workspace settings; every key is optional and shown with its default.
[project]
name = "{name}"

[languages]
# source language (folder under sources/) = target languages
fr = ["en", "ar"]
ar = ["fr", "en"]
en = ["fr", "ar"]

[check]
# target languages whose translations must be ready for `l10n check` to pass
required = ["fr", "ar", "en"]

[update]
# lowest similarity (0-100, rapidfuzz ratio) at which a changed unit is offered
# the old translation as a fuzzy suggestion
suggestion_threshold = 60

[build]
# percentage of a document's units that must be reviewed before it is built
completeness = 100

[paths]
sources = "sources"
translations = "translations"
build = "build"

[models]
# folder of installed Argos Translate packages; empty: Argos's own per-user folder
# (where argospm and LibreTranslate install). The L10N_MODELS_DIR variable overrides it.
folder = ""
# package index that `l10n models install --from-index` downloads from (only then)
index = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"

[mt]
# beam search width of machine translation (1: greedy, fastest)
beam_size = 4
"""


@dataclass(frozen=True)
class Settings:
    root: Path
    project: str = "communiques"
    targets: dict[str, tuple[str, ...]] = field(default_factory=lambda: {
        src: tuple(t for t in LANGUAGES if t != src) for src in LANGUAGES})
    required: tuple[str, ...] = tuple(LANGUAGES)
    suggestion_threshold: float = 60
    completeness: float = 100
    sources: str = "sources"
    translations: str = "translations"
    build: str = "build"
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    models_folder: str = ""
    models_index: str = ARGOS_INDEX
    beam_size: int = 4

    @property
    def models_dir(self) -> Path | None:
        """The configured models folder (None: Argos's own default)."""
        return self.root / self.models_folder if self.models_folder else None

    @property
    def sources_dir(self) -> Path:
        return self.root / self.sources

    @property
    def translations_dir(self) -> Path:
        return self.root / self.translations

    @property
    def build_dir(self) -> Path:
        return self.root / self.build

    @property
    def state_dir(self) -> Path:
        return self.root / ".l10n"


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding l10n.toml, like git finds .git."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise L10nError(f"no {CONFIG_NAME} here or in any parent folder", path=start,
                    hint="run `l10n init` to create a workspace, or pass --workspace DIR")


def load(root: Path) -> Settings:
    path = root / CONFIG_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise L10nError(f"no {CONFIG_NAME} in this folder", path=root,
                        hint="run `l10n init` here, or pass the workspace folder") from None
    except UnicodeDecodeError:
        raise L10nError("not valid UTF-8", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise L10nError(f"invalid TOML: {str(exc).split(' (at')[0]}", path=path,
                        line=int(line.group(1)) if line else None) from None
    return _settings(root, data, path)


_KNOWN = {
    "project": {"name"},
    "languages": set(LANGUAGES),
    "check": {"required"},
    "update": {"suggestion_threshold"},
    "build": {"completeness"},
    "paths": {"sources", "translations", "build"},
    "segmentation": {"abbreviations"},
    "models": {"folder", "index"},
    "mt": {"beam_size"},
}


def _settings(root: Path, data: dict, path: Path) -> Settings:
    for table, value in data.items():
        if table not in _KNOWN or not isinstance(value, dict):
            raise L10nError(f"unknown setting table [{table}]", path=path,
                            hint=f"known tables: {', '.join(_KNOWN)}")
        for key in value:
            if key not in _KNOWN[table]:
                raise L10nError(f"unknown setting [{table}] {key}", path=path,
                                hint=f"known: {', '.join(sorted(_KNOWN[table]))}")
    get = lambda table, key, default: data.get(table, {}).get(key, default)  # noqa: E731
    defaults = Settings(root)
    targets = dict(defaults.targets)
    for src, langs in data.get("languages", {}).items():
        targets[src] = tuple(_languages(langs, f"[languages] {src}", path, exclude=src))
    abbreviations = get("segmentation", "abbreviations", {})
    if not isinstance(abbreviations, dict) or not all(
            lang in LANGUAGES and isinstance(v, list) for lang, v in abbreviations.items()):
        raise L10nError("[segmentation] abbreviations must map fr/ar/en to lists of words",
                        path=path)
    return Settings(
        root=root,
        project=str(get("project", "name", defaults.project)),
        targets=targets,
        required=tuple(_languages(get("check", "required", list(defaults.required)),
                                  "[check] required", path)),
        suggestion_threshold=_percent(get("update", "suggestion_threshold",
                                          defaults.suggestion_threshold),
                                      "[update] suggestion_threshold", path),
        completeness=_percent(get("build", "completeness", defaults.completeness),
                              "[build] completeness", path),
        sources=str(get("paths", "sources", defaults.sources)),
        translations=str(get("paths", "translations", defaults.translations)),
        build=str(get("paths", "build", defaults.build)),
        abbreviations={k: tuple(map(str, v)) for k, v in abbreviations.items()},
        models_folder=str(get("models", "folder", defaults.models_folder)),
        models_index=str(get("models", "index", defaults.models_index)),
        beam_size=_count(get("mt", "beam_size", defaults.beam_size), "[mt] beam_size", path),
    )


def _languages(value: object, name: str, path: Path, exclude: str | None = None) -> list[str]:
    if not isinstance(value, list) or any(v not in LANGUAGES or v == exclude for v in value):
        allowed = ", ".join(f'"{code}"' for code in LANGUAGES if code != exclude)
        raise L10nError(f"{name} must be a list of languages among {allowed}", path=path)
    return list(value)


def _percent(value: object, name: str, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise L10nError(f"{name} must be a number from 0 to 100", path=path)
    return float(value)


def _count(value: object, name: str, path: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 16:
        raise L10nError(f"{name} must be a whole number from 1 to 16", path=path)
    return value
