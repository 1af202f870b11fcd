"""The `l10n` command: options, paths, printing and exit codes. No domain logic here.

Exit codes: 0 done; 1 ran fine but the answer is no (blocked, refused); 2 usage, input
or environment error.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import L10nError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Offline localization of communiqués through gettext PO files.")

Workspace = Annotated[Optional[Path], typer.Option(
    "--workspace", "-w", help="Workspace folder (default: found from the current folder up).")]
Docs = Annotated[Optional[list[str]], typer.Option(
    "--doc", help="Only this document (path under sources/<lang>/ without extension).")]
Langs = Annotated[Optional[list[str]], typer.Option("--lang", help="Only this target language.")]
JsonOut = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
BeamSize = Annotated[Optional[int], typer.Option(
    "--beam-size", min=1, max=16, help="Beam width of MT (default: beam_size in l10n.toml, 4).")]
MODELS_ENV = "L10N_MODELS_DIR"  # overrides [models] folder


def _settings(workspace: Path | None):
    from . import config
    return config.load(workspace) if workspace else config.load(config.find_root(Path.cwd()))


def _optional_settings(workspace: Path | None):
    """The workspace's settings, or None when no workspace was named or found."""
    from . import config
    if workspace is None:
        try:
            workspace = config.find_root(Path.cwd())
        except L10nError:
            return None
    return config.load(workspace)


def _models_folder(settings) -> Path | None:
    """$L10N_MODELS_DIR, else [models] folder, else None (Argos's own folder)."""
    if os.environ.get(MODELS_ENV):
        return Path(os.environ[MODELS_ENV])
    return settings.models_dir if settings else None


def _threads() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class _Meter:
    """Units done, rate and time left on stderr, once a run has lasted a second."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label, self.done = total, label, 0
        self.start = self.shown = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.printed = False

    def __call__(self, units: int) -> None:
        self.done += units
        now = time.monotonic()
        if now - self.shown < (1 if self.tty else 10) or now - self.start < 1:
            return
        self.shown = now
        rate = self.done / (now - self.start)
        left = max(self.total - self.done, 0) / rate if rate else 0
        line = (f"{self.label}: {self.done}/{self.total} units, {rate:.1f} units/s, "
                f"about {left:.0f} s left")
        sys.stderr.write(f"\r{line}\033[K" if self.tty else line + "\n")
        sys.stderr.flush()
        self.printed = True

    def close(self) -> None:
        if self.printed and self.tty:
            sys.stderr.write("\n")


def _say(lines: list[str]) -> None:
    for line in lines:
        typer.echo(line)


def _now() -> datetime:
    return datetime.now(timezone.utc)


@app.command()
def init(folder: Annotated[Path, typer.Argument(help="Folder to make a workspace.")] = Path(".")):
    """Create l10n.toml, sources/ and translations/ (existing files are left alone)."""
    from . import project
    created = project.init(folder)
    _say([f"created {p}" for p in created] or [f"{folder} is already a workspace"])


@app.command()
def update(workspace: Workspace = None, doc: Docs = None,
           prune: Annotated[bool, typer.Option(
               help="Delete PO files whose source is gone.")] = False):
    """Cut every source into units and create or merge its PO files."""
    from . import project, report
    settings = _settings(workspace)
    result = project.update(settings, now=_now(), prune=prune, names=doc)
    _say(report.update_text(result, settings.root))


@app.command()
def status(workspace: Workspace = None, doc: Docs = None, lang: Langs = None,
           json_out: JsonOut = False,
           changes: Annotated[bool, typer.Option(
               "--changes", help="List units whose source changed since review.")] = False):
    """Units and words per document and language: reviewed, needs review, untranslated."""
    from . import project, report
    settings = _settings(workspace)
    items, orphans = project.progress(settings, names=doc, langs=lang)
    if json_out:
        typer.echo(report.status_json(items, orphans, settings.root))
    else:
        _say(report.status_text(items, orphans, settings.root, changes=changes))


@app.command()
def check(workspace: Workspace = None, doc: Docs = None, lang: Langs = None):
    """Exit 0 when every required translation is reviewed, 1 when not, saying why."""
    from . import project, report
    settings = _settings(workspace)
    items, _ = project.progress(settings, names=doc, langs=lang)
    _say(report.check_text(items))
    if any(i.required and not i.ready for i in items):
        raise typer.Exit(1)


@app.command()
def build(workspace: Workspace = None, doc: Docs = None, lang: Langs = None,
          allow_partial: Annotated[bool, typer.Option(
              "--allow-partial", help="Write incomplete documents, keeping the source text "
                                      "for units not reviewed.")] = False):
    """Rebuild the translated documents under build/<lang>/."""
    from . import project, report
    settings = _settings(workspace)
    results = project.build(settings, allow_partial=allow_partial, names=doc, langs=lang)
    _say(report.build_text(results, settings.root))
    if any(r.outcome == "refused" for r in results):
        raise typer.Exit(1)


@app.command()
def approve(workspace: Workspace = None, doc: Docs = None, lang: Langs = None,
            origin: Annotated[Optional[str], typer.Option(
                help="Only entries of this origin: changed, memory or machine.")] = None,
            exact: Annotated[bool, typer.Option(help="Only exact memory matches.")] = False,
            by: Annotated[Optional[str], typer.Option(
                help="Who approves (default: your login name).")] = None):
    """Mark pre-translated entries reviewed, on your explicit say-so; records who."""
    from . import project
    from .catalog.model import ORIGINS
    if origin is not None and origin not in ORIGINS:
        raise typer.BadParameter(f"use one of {', '.join(ORIGINS)}", param_hint="--origin")
    settings = _settings(workspace)
    who = by or os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"
    changed = project.approve(settings, by=who, origin=origin, exact=exact, names=doc,
                              langs=lang)
    _say([f"approved {n} entr{'y' if n == 1 else 'ies'} in {p}" for p, n in changed]
         or ["nothing to approve"])


@app.command()
def segment(file: Annotated[Path, typer.Argument(help="A source document.")],
            lang: Annotated[str, typer.Option(help="Its language: fr, ar or en.")],
            json_out: JsonOut = False, workspace: Workspace = None):
    """Show how a document is cut into units."""
    from . import project
    settings = _optional_settings(workspace)
    for unit in project.segment(file, lang, settings):
        if json_out:
            typer.echo(json.dumps({"start": unit.start, "end": unit.end, "text": unit.text},
                                  ensure_ascii=False))
        else:
            typer.echo(unit.text.replace("\n", "⏎"))


# -- machine translation -------------------------------------------------------------

models_app = typer.Typer(no_args_is_help=True, help="Offline MT models: Argos Translate "
                         f"packages (folder: ${MODELS_ENV}, else folder in l10n.toml, else "
                         "Argos's own).")
app.add_typer(models_app, name="models")


@models_app.command("list")
def models_list(workspace: Workspace = None, json_out: JsonOut = False):
    """Installed packages: language pair, version, size and folder."""
    from . import models, report
    scan = models.scan(_models_folder(_optional_settings(workspace)))
    if json_out:
        typer.echo(report.models_json(scan))
    else:
        _say(report.models_text(scan))


@models_app.command("install")
def models_install(
        file: Annotated[Optional[Path], typer.Argument(
            help="An .argosmodel file, e.g. copied from a machine with internet access.")] = None,
        from_index: Annotated[Optional[tuple[str, str]], typer.Option(
            "--from-index", metavar="FROM TO",
            help="Download the FROM→TO package from the Argos index (index in l10n.toml).")] = None,
        workspace: Workspace = None):
    """Validate and install a package; it replaces any package for the same pair."""
    from . import config, models
    if (file is None) == (from_index is None):
        raise typer.BadParameter("give either a FILE or --from-index FROM TO")
    settings = _optional_settings(workspace)
    folder = _models_folder(settings)
    if file is not None:
        package = models.install(folder, file)
    else:
        index = settings.models_index if settings else config.ARGOS_INDEX
        package = models.install_from_index(folder, index=index, source=from_index[0],
                                            target=from_index[1])
    typer.echo(f"installed {package.source}→{package.target} {package.version} "
               f"in {package.path}")


@models_app.command("remove")
def models_remove(source: Annotated[str, typer.Argument(help="Source language code.")],
                  target: Annotated[str, typer.Argument(help="Target language code.")],
                  workspace: Workspace = None):
    """Delete the installed package for a language pair."""
    from . import models
    for package in models.remove(_models_folder(_optional_settings(workspace)), source, target):
        typer.echo(f"removed {package.source}→{package.target} {package.version} "
                   f"from {package.path}")


@app.command()
def translate(
        source: Annotated[str, typer.Option("--from", help="Source language.")],
        target: Annotated[str, typer.Option("--to", help="Target language.")],
        text: Annotated[Optional[str], typer.Argument(help="Text to translate.")] = None,
        file: Annotated[Optional[Path], typer.Option(
            "--file", help="Translate this document instead of TEXT.")] = None,
        output: Annotated[Optional[Path], typer.Option(
            "--output", "-o", help="Write the draft here instead of printing it.")] = None,
        beam_size: BeamSize = None, workspace: Workspace = None):
    """A one-shot machine draft: segment, translate offline, rebuild, print."""
    from . import config, formats, machine
    from .files import read_text, write_atomic
    for name, code in (("--from", source), ("--to", target)):
        if code not in config.LANGUAGES:
            raise typer.BadParameter(f"use one of {', '.join(config.LANGUAGES)}",
                                     param_hint=name)
    if (text is None) == (file is None):
        raise typer.BadParameter("give either TEXT or --file FILE")
    settings = _optional_settings(workspace)
    engine = machine.open_engine(_models_folder(settings), settings=settings,
                                 threads=_threads(), beam_size=beam_size)
    body = read_text(file) if file else text
    fmt = formats.for_path(file) if file else formats.BY_EXTENSION[".txt"]
    units = machine.units(body, fmt, lang=source,
                          abbreviations=settings.abbreviations.get(source, ()) if settings else ())
    meter = _Meter(len(units), "translating")
    rebuilt, translations = machine.draft(body, units, engine, source=source, target=target,
                                          progress=meter)
    meter.close()
    for unit, translation in zip(units, translations):
        if translation.flags:
            print(f"l10n: line {unit.line}: check the draft: {', '.join(translation.flags)}",
                  file=sys.stderr)
    if output:
        write_atomic(output, rebuilt.encode("utf-8"))
        typer.echo(f"wrote {output} ({len(units)} units)")
    else:
        typer.echo(rebuilt, nl=not rebuilt.endswith("\n"))


def _proposers(settings, *, progress, beam_size: int | None) -> list:
    """Pre-translation proposers, asked in order: translation memory first (once there is
    one), then machine translation for what is left."""
    from . import machine
    engine = machine.open_engine(_models_folder(settings), settings=settings,
                                 threads=_threads(), beam_size=beam_size)
    return [machine.MachineProposer(engine, translations_dir=settings.translations_dir,
                                    today=_now().date(), progress=progress)]


@app.command()
def pretranslate(workspace: Workspace = None, doc: Docs = None, lang: Langs = None,
                 beam_size: BeamSize = None):
    """Fill untranslated entries as fuzzy (needs work) proposals; never touches a translation."""
    from . import project, report
    from . import pretranslate as filling
    from .catalog.model import Status
    settings = _settings(workspace)
    items, _ = project.progress(settings, names=doc, langs=lang)
    meter = _Meter(sum(i.count(Status.UNTRANSLATED)[0] for i in items), "pre-translating")
    proposers = _proposers(settings, progress=meter, beam_size=beam_size)
    filled = filling.pretranslate(settings, proposers, names=doc, langs=lang)
    meter.close()
    _say(report.pretranslate_text(filled, proposers, settings.root))


def main(argv: list[str] | None = None) -> None:
    """Entry point: user mistakes become one line on stderr and exit 2, never a traceback.

    typer itself exits 2 on usage errors and with the code of `typer.Exit`.
    """
    try:
        app(args=argv, prog_name="l10n")
    except L10nError as exc:
        print(f"l10n: error: {exc}", file=sys.stderr)
        sys.exit(2)
