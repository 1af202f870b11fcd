"""The package's shape: data flows one way, and no module imports itself back.

Layers, lowest first: a module may import from its own part of the package or from lower
layers, never from higher ones (type-only imports included, since they are a dependency
too); parts that share a layer do not import each other. The core (all but cli.py) never
prints, exits or uses typer: it returns results that cli.py renders.
"""

from __future__ import annotations

import ast
from pathlib import Path

from support import REPO

PACKAGE = REPO / "l10n"
LAYERS = [
    {"l10n", "errors", "checkpoints"},
    {"languages", "files", "numbers", "links", "patterns", "parallel", "safexml", "gcpause"},
    {"dates"},  # reads figures (numbers) and language names
    {"segmentation"},  # plain text into sentences, knowing no document format
    {"formats"},  # documents into units, which formats.units cuts with a segmenter
    {"glossary"},
    {"catalog"},
    {"quality"},
    {"settings"},
    {"workspace"},
    {"proposals"},
    {"align"},  # align.archive makes translation memory (proposals.memory, .tmx)
    {"gate"},
    {"assembly"},
    {"commands"},
    {"reports"},  # renders commands' results: it names their types, and runs none of them
    {"cli"},
    {"__main__"},
]
WORK = {"workspace", "proposals", "align", "gate", "assembly", "commands"}  # what reports run not
CLI = PACKAGE / "cli.py"
ALLOWED = {  # (file, call) in the core that may stop the process, and why
    # a worker process whose command has died exits at once (its parent cannot be told)
    ("l10n/parallel.py", "os._exit"),
}


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path, known: set[str], *, types: bool = True) -> set[str]:
    """The l10n modules `name` imports, wherever the import statement is (without
    `types`, leaving out those under `if TYPE_CHECKING:`)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = set() if types else {
        id(inner) for node in ast.walk(tree) if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for statement in node.body for inner in ast.walk(statement)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("l10n")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("l10n"):
                target = node.module
            else:
                continue
            for alias in node.names:  # `from . import x` may name a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in known else target)
    return found - {name}


def part(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "l10n"


def layer(module: str) -> int:
    return next(i for i, names in enumerate(LAYERS) if part(module) in names)


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, set(known)) for name, path in known.items()}


def test_every_part_of_the_package_has_a_layer():
    assert {part(m) for m in modules()} <= set().union(*LAYERS)


def test_imports_only_go_down_the_layers():
    upward = sorted(f"{a} imports {b}" for a, targets in graph().items() for b in targets
                    if layer(b) > layer(a))
    assert upward == []


def test_parts_sharing_a_layer_do_not_import_each_other():
    across = sorted(f"{a} imports {b}" for a, targets in graph().items() for b in targets
                    if part(a) != part(b) and layer(a) == layer(b))
    assert across == []


def test_reports_import_what_does_the_work_only_to_name_its_types():
    """Reports turn results into text, HTML and charts: they run no git, gate or command."""
    known = modules()
    used = sorted(f"{name} imports {target}" for name, path in known.items()
                  if part(name) == "reports"
                  for target in imports(name, path, set(known), types=False)
                  if part(target) in WORK)
    assert used == []


def test_the_core_never_prints_exits_or_uses_typer():
    """Only cli.py talks to the terminal and decides the exit code."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == CLI:
            continue
        where = path.relative_to(REPO).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            what = _terminal(node)
            if what and (where, what) not in ALLOWED:
                found.append(f"{where}:{node.lineno}: {what}")
    assert found == []


def _terminal(node: ast.AST) -> str | None:
    """What `node` does to the terminal or the process: a call to print or exit, sys's
    streams, SystemExit, or typer (or click, beneath it)."""
    if isinstance(node, ast.Import):
        names = [alias.name.split(".")[0] for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
        names = [(node.module or "").split(".")[0]] if not node.level else []
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id + "()" if node.func.id in ("print", "exit", "quit") else None
    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        name = f"{node.value.id}.{node.attr}"
        return name if name in ("sys.exit", "sys.stdout", "sys.stderr", "os._exit") else None
    elif isinstance(node, ast.Name):
        return "SystemExit" if node.id == "SystemExit" else None
    else:
        return None
    return next((f"import {n}" for n in names if n in ("typer", "click")), None)


def test_no_module_imports_itself_back():
    edges = graph()
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        for target in sorted(edges.get(node, ())):
            if target in path:
                cycles.append(path[path.index(target):] + [target])
            elif target not in done:
                visit(target, path + [target])
        done.add(node)

    done: set[str] = set()
    for start in sorted(edges):
        if start not in done:
            visit(start, [start])
    assert cycles == []


def test_the_readme_shows_the_settings_l10n_init_writes():
    from l10n.settings import template
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"```toml\n{template()}```" in readme
