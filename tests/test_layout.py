"""The package's shape: data flows one way, and no module imports itself back.

Layers, lowest first: a module may import from its own layer's part or from lower ones,
never from higher ones (type-only imports included, since they are a dependency too).
"""

from __future__ import annotations

import ast
from pathlib import Path

from support import REPO

PACKAGE = REPO / "l10n"
LAYERS = [
    {"l10n", "errors", "checkpoints"},
    {"languages", "files", "numbers", "dates", "links", "patterns", "parallel", "safexml",
     "gcpause"},
    {"formats", "segmentation"},
    {"glossary"},
    {"catalog"},
    {"quality"},
    {"settings"},
    {"workspace"},
    {"proposals", "align"},
    {"gate"},
    {"assembly"},
    {"commands"},
    {"reports"},
    {"cli", "__main__"},
]


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The l10n modules `name` imports, wherever the import statement is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
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
