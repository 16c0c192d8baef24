"""bpnet's modules import each other in layers: no import cycle among the imports a module runs when it loads
(imports inside functions, for laziness, and under TYPE_CHECKING, for hints, are not load-time imports)."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "bpnet"


def module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def load_time_imports(path: Path) -> set[str]:
    """bpnet modules imported at the top level of ``path`` (relative imports resolved)."""
    tree, here = ast.parse(path.read_text(encoding="utf-8")), module_name(path)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    out = set()
    for node in tree.body:  # top level only: not inside functions or `if TYPE_CHECKING:`
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("bpnet")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
                out.add(target)
                if not node.module:  # from . import a, b: each name is a module
                    out |= {f"{base}.{a.name}" for a in node.names}
            elif node.module and node.module.startswith("bpnet"):
                out.add(node.module)
    return out


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PKG.rglob("*.py")}
    return {m: {t for t in load_time_imports(p) if t in modules and t != m} for m, p in modules.items()}


def find_cycle(g: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for t in sorted(g[m]):
            if state.get(t) == 1:
                return stack[stack.index(t):] + [t]
            if t not in state and (c := visit(t)):
                return c
        state[m] = 2
        stack.pop()
        return None

    for m in sorted(g):
        if m not in state and (c := visit(m)):
            return c
    return None


def test_no_import_cycle_among_bpnet_modules():
    g = graph()
    assert len(g) > 20
    # a package's __init__ importing its submodules is not a cycle with them: leave packages' own edges out
    g = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in g.items()}
    cycle = find_cycle({m: {t for t in ts if not m.startswith(t + ".") or t == "bpnet"} for m, ts in g.items()})
    assert cycle is None, f"import cycle: {' -> '.join(cycle)}"


def test_the_cycle_finder_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
