"""Shared helpers for the browser (tests/browser) and JupyterLab (tests/lab) tests.

Chromium: $CHROMIUM, else /usr/bin/chromium (or `chromium` on PATH), else Playwright's own download if
present. With none, the tests FAIL with a message (`make chromium` installs one); they never skip.
Every request that does not go to the local test server is aborted and recorded as a failure.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from lab_server import free_port  # noqa: F401  (re-exported for the browser tests)

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def chromium_executable(playwright) -> str | None:
    """Path of the Chromium to drive (None: Playwright's own), or fail the test with instructions."""
    env = os.environ.get("CHROMIUM")
    if env:
        if not os.access(env, os.X_OK):
            pytest.fail(f"CHROMIUM={env} is not an executable file")
        return env
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    if Path(playwright.chromium.executable_path).is_file():
        return None
    pytest.fail("no Chromium found: run `make chromium` (or apt-get install chromium, or set CHROMIUM=/path)")


_SHARED: dict = {}


@pytest.fixture(scope="session")
def browser(request):
    """One Chromium per test process. Test modules import this fixture, and pytest then keeps one instance per
    module; a second sync_playwright() in the same thread fails ("Sync API inside the asyncio loop"), so every
    instance hands out the same browser, closed when the session ends."""
    if "browser" not in _SHARED:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        try:
            executable = chromium_executable(playwright)
        except BaseException:
            playwright.stop()
            raise
        _SHARED["playwright"] = playwright
        _SHARED["browser"] = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                                        headless=True)
        request.session.config.add_cleanup(_close_shared)
    return _SHARED["browser"]


def _close_shared() -> None:
    _SHARED.pop("browser").close()
    _SHARED.pop("playwright").stop()


@dataclass
class PageLog:
    """What went wrong while a page was open."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"failed request: {u}" for u in self.failed_requests]
                + [f"blocked non-local request: {u}" for u in self.blocked_requests])


def open_page(browser, origin: str, **context_args):
    """A new page whose every request outside `origin` (scheme://host:port) is aborted and logged."""
    context = browser.new_context(**context_args)
    log = PageLog(origin)

    def route(r):
        parsed = urlparse(r.request.url)
        if parsed.scheme in ("data", "blob") or f"{parsed.scheme}://{parsed.netloc}" == origin:
            r.continue_()
        else:
            log.blocked_requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.console_errors.append(f"uncaught: {e}"))
    page.on("requestfailed", lambda r: None if r.url in log.blocked_requests
            else log.failed_requests.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: log.failed_requests.append(f"{r.url} (HTTP {r.status})") if r.status >= 400 else None)
    return page, log


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that does not log every request to the test output."""

    def log_message(self, *args) -> None:
        pass


def serve(directory) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on 127.0.0.1 (a free port) from a daemon thread: (origin URL, server to shut down)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@contextlib.contextmanager
def widget_site(root: Path, outs, title: str = "widgets"):
    """``with widget_site(root, outs) as origin``: the static outputs ``outs`` in ``root/index.html`` beside the
    site's one script (as the book's extension serves it; the outputs hold only their data), served from ``root``."""
    from bpnet.widgets.assets import BUNDLE_NAME, classic
    from bpnet.widgets.embed import page

    (root / BUNDLE_NAME).write_text(classic(), "utf-8")
    (root / "index.html").write_text(page(outs, title=title, script=BUNDLE_NAME), "utf-8")
    origin, server = serve(root)
    try:
        yield origin
    finally:
        server.shutdown()
        server.server_close()


def serve_book(build: Path):
    """For a fixture: ``yield from serve_book(BUILD)`` serves the built book and yields its origin URL, or fails the
    test with the command that builds it."""
    if not (build / "index.html").is_file():
        pytest.fail(f"{build}/index.html is missing: run `make book` first")
    origin, server = serve(build)
    yield origin
    server.shutdown()
    server.server_close()
