"""The numbers in the prose: ``{eval}`glued("name", "fmt")``` is myst-nb's ``{glue:text}`name:fmt```.

The chapters write their glued numbers with the inline role JupyterLab's MyST renderer (jupyterlab-myst) understands,
``{eval}``, whose content is a call of :func:`bpnet.glue.glued` (see that module). myst-nb's own ``{eval}`` needs a
kernel at build time; the book is built from the executed notebooks, so this role replaces it and pastes the glued
output stored in the notebook, exactly as ``{glue:text}`` does, with its warnings (an unknown name fails the build,
which runs with warnings as errors).
"""
from __future__ import annotations

from docutils import nodes
from myst_nb.ext.glue.roles import PasteTextRole
from sphinx.application import Sphinx

from bpnet.glue import EXPRESSION


class GluedRole(PasteTextRole):
    """``{eval}`glued("name")``` or ``{eval}`glued("name", "fmt")```: the glued value ``name``, formatted."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        m = EXPRESSION.match(self.text.strip())
        if not m:
            msg = self.inliner.reporter.error(
                f'{{eval}}`{self.text}`: expected glued("name") or glued("name", "fmt") (bpnet.glue)', line=self.line)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        self.text = f"{m['name']}:{m['fmt']}" if m["fmt"] else m["name"]
        return super().run()


def _register(app: Sphinx) -> None:
    """builder-inited: after every extension's setup, so that this role replaces myst-nb's kernel ``{eval}``."""
    app.add_role("eval", GluedRole(), override=True)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _register)
