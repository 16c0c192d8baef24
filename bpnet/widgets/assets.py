"""The renderer's source files, linked without a bundler: one ES module for JupyterLab (anywidget ``_esm``) and one
classic script for the built book.

``static/*.js`` are ES modules that import each other (``render.js`` the pure drawing, ``mount.js`` the DOM part,
``live.js`` anywidget's front end, ``engine.js`` bpnet's second implementation, ``format.js`` Python's formatting,
``document.js`` the documents built in the page, ...). Neither anywidget nor a page opened from file:// can resolve
those imports, so :func:`linked` joins them: each module's text runs in a function scope of its own, in dependency
order, its ``import {a, b as c} from "./x.js"`` lines become ``const {a, b: c} = modules["x.js"]`` and its exports
the object the scope returns. :func:`esm` ends that with ``export default`` (anywidget); :func:`classic` wraps it in
an IIFE that defines ``window.bpnetWidgets`` (mount.js's exports, plus every module it needs under ``modules``),
injects the stylesheet once and mounts the page's static outputs (the book's extension writes it once per site).
"""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

__all__ = ["STATIC_DIR", "esm", "classic", "css", "modules", "needed", "linked", "BUNDLE_NAME"]

STATIC_DIR = Path(__file__).with_name("static")
BUNDLE_NAME = "bpnet-widgets.js"  #: the classic script's file name in the built book
ENTRY = "mount.js"  #: the module whose exports the bundle exposes
LIVE_ENTRY = "live.js"  #: the module whose default export is anywidget's front end

_IMPORT = re.compile(r'^import\s*(?:\{([^}]*)\}|\*\s*as\s+(\w+))\s*from\s*"\./([\w.-]+\.js)";?[ \t]*$', re.M)
_EXPORT_DECL = re.compile(r"^export\s+(?=(?:async\s+)?function\b|class\b|const\b|let\b|var\b)", re.M)
_DECL_NAME = re.compile(r"(?:async\s+)?(?:function\s*\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)")
_EXPORT_LIST = re.compile(r"^export\s*\{([^}]*)\};?[ \t]*$", re.M)
_EXPORT_DEFAULT = re.compile(r"^export\s+default\s+", re.M)
_LEFT = re.compile(r"^(?:import|export)\b.*$", re.M)


def _names(spec: str) -> list[tuple[str, str]]:
    """(exported name, local name) pairs of "a, b as c"."""
    out = []
    for part in (p.strip() for p in spec.split(",")):
        if part:
            name, _, alias = (s.strip() for s in part.partition(" as "))
            out.append((name, alias or name))
    return out


def _module(name: str, text: str) -> tuple[str, list[str]]:
    """(function body, imported module names) of one ES module."""
    deps: list[str] = []

    def imp(m: re.Match) -> str:
        deps.append(m[3])
        if m[2]:
            return f'const {m[2]} = modules["{m[3]}"];'
        pairs = ", ".join(a if a == b else f"{a}: {b}" for a, b in _names(m[1]))
        return f'const {{ {pairs} }} = modules["{m[3]}"];'

    exports: list[tuple[str, str]] = []
    text = _IMPORT.sub(imp, text)

    def decl(m: re.Match) -> str:
        exports.append((_DECL_NAME.match(text, m.end())[1],) * 2)
        return ""

    text = _EXPORT_DECL.sub(decl, text)

    def listed(m: re.Match) -> str:
        exports.extend((b, a) for a, b in _names(m[1]))
        return ""

    text = _EXPORT_LIST.sub(listed, text)
    if _EXPORT_DEFAULT.search(text):
        text = _EXPORT_DEFAULT.sub("const __default = ", text, count=1)
        exports.append(("default", "__default"))
    left = _LEFT.findall(text)
    if left:
        raise ValueError(f"static/{name}: cannot link {left[0][:80]!r}: use `import {{...}} from \"./x.js\"` and "
                         "`export function/const/class` or `export default`")
    body = ", ".join(f"{json.dumps(out)}: {local}" for out, local in exports)
    return f'"use strict";\n{text}\nreturn {{ {body} }};', deps


def _order(graph: dict[str, list[str]]) -> list[str]:
    """Modules in dependency order (each after the modules it imports)."""
    done: list[str] = []

    def visit(n: str, path: tuple[str, ...]) -> None:
        if n in done:
            return
        if n in path:
            raise ValueError(f"import cycle among the widget modules: {' -> '.join((*path, n))}")
        if n not in graph:
            raise ValueError(f"static/{path[-1]} imports ./{n}, which does not exist")
        for d in graph[n]:
            visit(d, (*path, n))
        done.append(n)

    for n in sorted(graph):
        visit(n, ())
    return done


@cache
def modules() -> tuple[str, ...]:
    """The names of static/*.js, in dependency order."""
    return tuple(_order({p.name: _module(p.name, p.read_text(encoding="utf-8"))[1]
                         for p in sorted(STATIC_DIR.glob("*.js"))}))


def needed(entry: str) -> tuple[str, ...]:
    """``entry`` and the modules it imports, directly or not, in dependency order."""
    deps = {n: _module(n, (STATIC_DIR / n).read_text(encoding="utf-8"))[1] for n in modules()}
    if entry not in deps:
        raise ValueError(f"static/ has no module {entry!r}; it has {', '.join(deps)}")
    keep, todo = set(), [entry]
    while todo:
        n = todo.pop()
        if n not in keep:
            keep.add(n)
            todo.extend(deps[n])
    return tuple(n for n in modules() if n in keep)


@cache
def linked(entry: str) -> str:
    """``entry`` and the modules it imports, each in its own scope, in dependency order, filling
    ``const modules = {}``: the widgets (mount.js) or the exercise checker (answers.js, its own script)."""
    parts = ["const modules = {};"]
    for name in needed(entry):
        body, _ = _module(name, (STATIC_DIR / name).read_text(encoding="utf-8"))
        parts.append(f"// ---- {name} " + "-" * (100 - len(name)) + f'\nmodules["{name}"] = (() => {{\n{body}\n}})();')
    return "\n".join(parts) + "\n"


@cache
def esm() -> str:
    """One self-contained ES module for anywidget: live.js and the modules it imports, its default export last."""
    return linked(LIVE_ENTRY) + f'export default modules["{LIVE_ENTRY}"].default;\n'


@cache
def classic() -> str:
    """One classic script (works from file://): defines ``window.bpnetWidgets``, adds the stylesheet to the page
    once and mounts every static output of the page (those already parsed now, the rest when the page is read)."""
    return (f"/* bpnet widgets: static/*.js linked by bpnet/widgets/assets.py; do not edit */\n(function () {{\n"
            f"{linked(ENTRY)}const api = Object.assign({{ modules, css: {json.dumps(css(), ensure_ascii=False)} }}, "
            f'modules["{ENTRY}"]);\n'
            "window.bpnetWidgets = api;\n"
            'if (typeof document !== "undefined") {\n'
            '  if (!document.getElementById("bpnet-widgets-css")) {\n'
            '    const s = document.createElement("style");\n'
            '    s.id = "bpnet-widgets-css"; s.textContent = api.css; document.head.appendChild(s);\n'
            "  }\n"
            "  api.mountAll();\n"
            '  if (document.readyState === "loading") {\n'
            '    document.addEventListener("DOMContentLoaded", () => api.mountAll());\n'
            "  }\n"
            "}\n})();\n")


@cache
def css() -> str:
    """The widgets' stylesheet (every rule scoped under ``.bpnet-widget``)."""
    return (STATIC_DIR / "bpnet.css").read_text(encoding="utf-8")
