"""The `l10n` command: options, paths, printing and exit codes. No domain logic here.

Exit codes: 0 done; 1 ran fine but the answer is no (blocked, refused); 2 usage, input
or environment error.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from datetime import datetime, timezone
from enum import Enum
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
FromLang = Annotated[str, typer.Option("--from", help="Source language: fr, ar or en.")]
ToLang = Annotated[str, typer.Option("--to", help="Target language: fr, ar or en.")]

tm_app = typer.Typer(no_args_is_help=True,
                     help="The translation memory: import and export TMX, look sentences up.")
app.add_typer(tm_app, name="tm")
BeamSize = Annotated[Optional[int], typer.Option(
    "--beam-size", min=1, max=16, help="Beam width of MT (default: beam_size in l10n.toml, 4).")]
MODELS_ENV = "L10N_MODELS_DIR"  # overrides [models] folder


def _settings(workspace: Path | None):
    from . import config
    return config.load(workspace) if workspace else config.load(config.find_root(Path.cwd()))


def _locked(settings):
    """Hold the workspace lock while a command changes files."""
    from .lock import WorkspaceLock
    return WorkspaceLock(settings.state_dir, timeout=settings.lock_timeout,
                         clean=[settings.translations_dir, settings.build_dir,
                                settings.tm_dir, settings.state_dir])


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


def _warn(warnings: list[str] | tuple[str, ...]) -> None:
    for warning in warnings:
        typer.echo(f"l10n: warning: {warning}", err=True)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@app.command()
def init(folder: Annotated[Path, typer.Argument(help="Folder to make a workspace.")] = Path(".")):
    """Create l10n.toml, sources/ and translations/ (existing files are left alone)."""
    from . import project
    created = project.init(folder)
    _say([f"created {p}" for p in created] or [f"{folder} is already a workspace"])


@app.command()
def update(workspace: Workspace = None, doc: Docs = None,
           prune: Annotated[bool, typer.Option(
               help="Delete PO files whose source is gone.")] = False,
           check: Annotated[bool, typer.Option(
               "--check", help="Write nothing; exit 1 if any PO file is out of date.")] = False):
    """Cut every source into units and create or merge its PO files."""
    from . import project, report
    settings = _settings(workspace)
    with contextlib.nullcontext() if check else _locked(settings):  # --check writes nothing
        result = project.update(settings, now=_now(), prune=prune, names=doc, dry_run=check,
                                workers=_threads())
    _warn(result.warnings)
    _say(report.update_text(result, settings.root, check=check))
    if check and result.written:
        raise typer.Exit(1)


@app.command()
def status(workspace: Workspace = None, doc: Docs = None, lang: Langs = None,
           json_out: JsonOut = False,
           changes: Annotated[bool, typer.Option(
               "--changes", help="List units whose source changed since review.")] = False):
    """What is left before publication, per document and language."""
    from . import gate, report
    settings = _settings(workspace)
    result = gate.assess(settings, names=doc, langs=lang)
    if json_out:
        typer.echo(report.status_json(result, settings.root))
    else:
        _say(report.status_text(result, settings.root, changes=changes, color=_color()))


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"


@app.command()
def check(workspace: Workspace = None, doc: Docs = None, lang: Langs = None,
          format: Annotated[Optional[CheckFormat], typer.Option(
              "--format", help="text, json, github (default under GitHub Actions) or junit."
          )] = None):
    """The publication gate: exit 0 when every required translation is ready, 1 when not."""
    from . import gate, report
    settings = _settings(workspace)
    result = gate.assess(settings, names=doc, langs=lang)
    chosen = format or (CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true"
                        else CheckFormat.text)
    if chosen is CheckFormat.json:
        typer.echo(report.check_json(result, settings.root))
    elif chosen is CheckFormat.junit:
        typer.echo(report.check_junit(result, settings.root))
    elif chosen is CheckFormat.github:
        _say(report.check_github(result, settings.root))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            try:
                with open(summary, "a", encoding="utf-8") as handle:
                    handle.write(report.check_summary(result, settings.root))
            except OSError as exc:
                raise L10nError(f"cannot append the job summary: {exc.strerror}",
                                path=summary, hint="GITHUB_STEP_SUMMARY names this file") from None
    else:
        _say(report.check_text(result, settings.root, color=_color()))
    if result.blocked:
        raise typer.Exit(1)


@app.command()
def build(workspace: Workspace = None, doc: Docs = None, lang: Langs = None,
          allow_partial: Annotated[bool, typer.Option(
              "--allow-partial", help="Write incomplete documents, keeping the source text "
                                      "for units not reviewed.")] = False):
    """Rebuild the translated documents under build/<lang>/."""
    from . import project, report
    settings = _settings(workspace)
    with _locked(settings):
        results = project.build(settings, allow_partial=allow_partial, names=doc, langs=lang,
                                workers=_threads())
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
    with _locked(settings):
        changed = project.approve(settings, by=who, origin=origin, exact=exact, names=doc,
                                  langs=lang)
    _say([f"approved {n} entr{'y' if n == 1 else 'ies'} in {p}" for p, n in changed]
         or ["nothing to approve"])


glossary_app = typer.Typer(no_args_is_help=True, help="The workspace glossary (glossary.csv).")
app.add_typer(glossary_app, name="glossary")


@glossary_app.command("check")
def glossary_check(workspace: Workspace = None, doc: Docs = None, lang: Langs = None):
    """List translations that disagree with the glossary; exit 1 when there are any (a
    warning, such as a full form repeated where the short one is house style, is listed
    without failing)."""
    from . import gate, report
    settings = _settings(workspace)
    result = gate.assess(settings, names=doc, langs=lang)
    found = [p for item in result.items for p in item.problems
             if p.check in ("glossary", "glossary-repeat") and p.severity != "off"]
    errors = [p for p in found if p.severity == "error"]
    for problem in found:
        where = report.location(problem, settings.root)
        warning = "warning: " if problem.severity == "warning" else ""
        typer.echo(f"{where}: {warning}{problem.message}")
    typer.echo(f"{len(errors)} glossary disagreement(s)"
               + (f", {len(found) - len(errors)} warning(s)" if len(found) > len(errors) else ""))
    if errors:
        raise typer.Exit(1)


@glossary_app.command("import")
def glossary_import(file: Annotated[Path, typer.Argument(
                        help="A TBX-Basic file (TBX v3, or the v2 <martif> form).")],
                    replace: Annotated[bool, typer.Option(
                        help="Overwrite a glossary.csv that holds other terms.")] = False,
                    workspace: Workspace = None):
    """Write the concepts of a TBX file as the workspace's glossary.csv (commit it)."""
    from .glossary import tbx
    settings = _settings(workspace)
    with _locked(settings):
        done = tbx.import_file(settings.root, file, replace=replace)
    count = f"{len(done.base.terms)} concept(s)"
    _say([f"{done.path.name} already holds the {count} of {file}" if done.unchanged
          else f"imported {count} from {file} into {done.path.name}"]
         + ([f"left out: terms in {', '.join(done.base.other_languages)}"]
            if done.base.other_languages else [])
         + ([f"left out: {done.base.skipped} concept(s) with no term in fr, en or ar"]
            if done.base.skipped else []))


@glossary_app.command("export")
def glossary_export(file: Annotated[Path, typer.Argument(help="The TBX file to write.")],
                    tbx2: Annotated[bool, typer.Option(
                        "--tbx2", help="Write TBX v2 (<martif>) for CAT tools that do not "
                                       "read TBX v3.")] = False,
                    workspace: Workspace = None):
    """Write glossary.csv as a TBX-Basic term base for CAT tools."""
    from .glossary import tbx
    settings = _settings(workspace)
    count = tbx.export_file(settings.root, file, version=2 if tbx2 else 3)
    typer.echo(f"exported {count} concept(s) to {file} (TBX-Basic, TBX v{2 if tbx2 else 3})")


@tm_app.command("import")
def tm_import(files: Annotated[list[Path], typer.Argument(help="TMX files to copy into tm/.")],
              workspace: Workspace = None):
    """Check TMX files and copy them into tm/ (commit it), where the memory reads them."""
    from . import memory, report
    settings = _settings(workspace)
    with _locked(settings):
        for file in files:
            _say(report.imported_text(memory.import_tmx(settings, file), settings.root))


@tm_app.command("export")
def tm_export(file: Annotated[Path, typer.Argument(help="The TMX file to write.")],
              source: FromLang, target: ToLang, workspace: Workspace = None):
    """Write the memory's pairs for one direction as a TMX 1.4b file."""
    from . import memory
    settings = _settings(workspace)
    count = memory.export_tmx(memory.load(settings), file, source_lang=source,
                              target_lang=target)
    typer.echo(f"exported {count} pair{'' if count == 1 else 's'} {source}→{target} to {file}")


@tm_app.command("lookup")
def tm_lookup(text: Annotated[str, typer.Argument(help="The sentence to look up.")],
              source: FromLang, target: ToLang,
              limit: Annotated[int, typer.Option(min=1, help="Most matches shown.")] = 5,
              json_out: JsonOut = False, workspace: Workspace = None):
    """Show the memory's best matches with their scores (exit 1 when there is none)."""
    from . import memory, report
    settings = _settings(workspace)
    matches = memory.load(settings).lookup(text, source_lang=source, target_lang=target,
                                           threshold=settings.memory_threshold, limit=limit)
    if json_out:
        typer.echo(report.matches_json(matches))
    else:
        _say(report.matches_text(matches, source, target, settings.memory_threshold))
    if not matches:
        raise typer.Exit(1)


@app.command()
def segment(file: Annotated[Path, typer.Argument(help="A source document.")],
            lang: Annotated[str, typer.Option(help="Its language: fr, ar or en.")],
            json_out: JsonOut = False, workspace: Workspace = None):
    """Show how a document is cut into units."""
    from . import project
    settings = _optional_settings(workspace)
    units, warnings = project.segment(file, lang, settings)
    _warn(warnings)
    for unit in units:
        if json_out:
            typer.echo(json.dumps({"start": unit.start, "end": unit.end, "text": unit.text,
                                   "msgid": unit.msgid}, ensure_ascii=False))
        else:
            typer.echo(unit.msgid.replace("\n", "⏎"))


class Interrupted(BaseException):
    """Ctrl-C, raised past click (which would turn it into exit 1)."""


def _interrupt(signum, frame) -> None:
    raise Interrupted


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
    settings = _optional_settings(workspace) or config.Settings(Path.cwd())
    folder = _models_folder(settings)
    if file is not None:
        package = models.install(folder, file, max_bytes=settings.max_package_bytes)
    else:
        package = models.install_from_index(folder, index=settings.models_index,
                                            source=from_index[0], target=from_index[1],
                                            max_bytes=settings.max_package_bytes)
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
    from . import config, document, formats, machine, project
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
    segmenter = project.segmenter(settings, source)
    meter = _Meter(len(document.extract(body, fmt, segmenter)), "translating")
    rebuilt, units, translations = machine.draft(body, fmt, segmenter, engine, source=source,
                                                 target=target, progress=meter)
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


def _machine(settings, *, progress, beam_size: int | None):
    """The MT proposer: Argos models from $L10N_MODELS_DIR, [models] folder or Argos's own."""
    from . import machine
    engine = machine.open_engine(_models_folder(settings), settings=settings,
                                 threads=_threads(), beam_size=beam_size)
    return machine.MachineProposer(engine, translations_dir=settings.translations_dir,
                                   today=_now().date(), progress=progress)


@app.command()
def pretranslate(workspace: Workspace = None, doc: Docs = None, lang: Langs = None,
                 tm_only: Annotated[bool, typer.Option(
                     "--tm-only", help="Only the translation memory, no machine translation.")
                 ] = False,
                 beam_size: BeamSize = None):
    """Fill untranslated entries, memory first then MT, as needs work (fuzzy) proposals;
    never touches a translation."""
    from . import pretranslate as filling
    from . import report
    settings = _settings(workspace)
    with _locked(settings):
        meter = _Meter(filling.untranslated(settings, names=doc, langs=lang), "pre-translating")
        machine = None if tm_only else _machine(settings, progress=meter, beam_size=beam_size)
        proposers = filling.chain(settings, machine=machine)
        filled = filling.pretranslate(settings, proposers, names=doc, langs=lang)
        meter.close()
    _say(report.pretranslate_text(filled, proposers, settings.root))


def main(argv: list[str] | None = None) -> None:
    """Entry point: user mistakes become one line on stderr and exit 2, never a traceback.

    typer itself exits 2 on usage errors and with the code of `typer.Exit`.
    """
    previous = signal.signal(signal.SIGINT, _interrupt)
    try:
        app(args=argv, prog_name="l10n")
    except L10nError as exc:
        print(f"l10n: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except OSError as exc:  # the environment: a folder where a file belongs, a full disk…
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"l10n: error: {where}{exc.strerror or exc}", file=sys.stderr)
        sys.exit(2)
    except Interrupted:
        print("l10n: interrupted; every file is either as it was or completely written",
              file=sys.stderr)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGINT, previous)
