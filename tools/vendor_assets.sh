#!/usr/bin/env bash
# Fetch the pinned web assets the offline HTML book needs from the npm registry (`npm pack`, no node_modules)
# and extract only the files the pages load into $1 (default _vendor). The book's Sphinx extension
# (_ext/bpnet_book) publishes $1/html/ through html_extra_path, so they land in _build/html/_static/_offline/.
# $1/test/ holds what only the browser tests load (axe-core, injected into every page by
# tests/browser/test_accessibility.py); it is not published with the book.
set -euo pipefail

dest=${1:-_vendor}
MATHJAX=mathjax@3.2.2
HTML_MANAGER=@jupyter-widgets/html-manager@1.0.15
REQUIREJS=requirejs@2.3.8
AXE=axe-core@4.14.1

if ! command -v npm >/dev/null 2>&1; then
    echo "error: npm is not installed; it is needed once to fetch the book's offline web assets" >&2
    echo "       (MathJax, require.js, the ipywidgets HTML manager; axe-core for the tests) from the npm registry." >&2
    echo "       On Debian: sudo apt-get install npm   (or install Node.js 18+ from nodejs.org)" >&2
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$MATHJAX" "$HTML_MANAGER" "$REQUIREJS" "$AXE" >/dev/null)

out="$tmp/out/_static/_offline"
mkdir -p "$out/mathjax" "$out/html-manager/dist" "$out/requirejs"

# MathJax 3: the combined component and the folders it loads lazily (CommonHTML output only).
tar -xzf "$tmp"/mathjax-3.2.2.tgz -C "$tmp" \
    package/LICENSE package/es5/tex-mml-chtml.js package/es5/input package/es5/output/chtml.js \
    package/es5/output/chtml package/es5/ui package/es5/a11y package/es5/sre package/es5/adaptors
mv "$tmp"/package/LICENSE "$tmp"/package/es5 "$out/mathjax/"
rm -rf "$tmp/package"

# ipywidgets HTML manager: the AMD bundle (it defines the ipywidgets 7 and 8 controls inline) and its fonts.
tar -xzf "$tmp"/jupyter-widgets-html-manager-1.0.15.tgz -C "$tmp" package/dist package/package.json
cp "$tmp"/package/package.json "$tmp"/package/dist/embed.js.LICENSE.txt "$out/html-manager/"
cp "$tmp"/package/dist/embed-amd.js "$out/html-manager/dist/"
cp "$tmp"/package/dist/*.{woff2,woff,ttf,eot,svg} "$out/html-manager/dist/"
rm -rf "$tmp/package"

tar -xzf "$tmp"/requirejs-2.3.8.tgz -C "$tmp" package/require.js package/package.json
cp "$tmp"/package/require.js "$tmp"/package/package.json "$out/requirejs/"

printf '%s\n' "$MATHJAX" "$HTML_MANAGER" "$REQUIREJS" > "$out/VERSIONS.txt"

# axe-core, for the browser tests only: the minified engine, its license (MPL-2.0) and package.json (version).
mkdir -p "$tmp/test/axe-core"
tar -xzf "$tmp"/axe-core-4.14.1.tgz -C "$tmp" package/axe.min.js package/LICENSE package/package.json
mv "$tmp"/package/axe.min.js "$tmp"/package/LICENSE "$tmp"/package/package.json "$tmp/test/axe-core/"
rm -rf "$tmp/package"

rm -rf "$dest"
mkdir -p "$dest"
mv "$tmp/out" "$dest/html"
mv "$tmp/test" "$dest/test"
echo "vendored $(du -sh "$dest" | cut -f1) of web assets into $dest/html/_static/_offline and $dest/test"
