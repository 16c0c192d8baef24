// Search for the book's symbols, and snippets without raw TeX (loaded on every page; acts on search.html only).
//
// Sphinx indexes the TeX source of the maths, so "delta" finds the pages where delta is written, but "δ", the
// symbol a reader sees, finds nothing; and result snippets are cut from the page's text, where the maths is still
// TeX ("\(\delta^{(l)}_j\)") because MathJax typesets it only in the browser. Before Sphinx's search runs, this
// maps each Greek letter or symbol in the query to the TeX word the index holds, and turns the maths of a page
// into plain symbols (and leaves its code out) before a snippet is cut from it.
(function () {
  "use strict";
  const SYMBOLS = { "δ": "delta", "Δ": "Delta", "σ": "sigma", "φ": "varphi", "ϕ": "varphi", "η": "eta",
    "λ": "lambda", "ε": "epsilon", "ϵ": "epsilon", "θ": "theta", "∂": "partial", "∇": "nabla", "⊙": "odot",
    "Σ": "sum", "α": "alpha", "μ": "mu" };
  const WORDS = { delta: "δ", Delta: "Δ", sigma: "σ", varphi: "φ", phi: "φ", eta: "η", lambda: "λ",
    epsilon: "ε", theta: "θ", partial: "∂", nabla: "∇", odot: "⊙", cdot: "·", times: "×", sum: "Σ",
    alpha: "α", mu: "μ", ell: "ℓ", infty: "∞", leftarrow: "←", rightarrow: "→", to: "→", le: "≤", ge: "≥",
    approx: "≈", ne: "≠", prime: "′", ldots: "…", dots: "…", quad: " ", qquad: " " };

  /** TeX -> readable text: symbols for commands, a/b for fractions, no braces, carets or delimiters. */
  function plainMath(tex) {
    let s = tex.replace(/^\\[([]|\\[)\]]$/g, "").replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, "($1)/($2)");
    s = s.replace(/\\(?:mathsf|mathrm|text|operatorname|mathbf|boldsymbol)\{([^{}]*)\}/g, "$1");
    s = s.replace(/\\([A-Za-z]+)/g, (m, w) => (w in WORDS ? WORDS[w] : (["left", "right", "big", "Big"].includes(w) ? "" : w)));
    return s.replace(/\\[,;:! ]/g, " ").replace(/[{}]/g, "").replace(/[\^_]/g, "").replace(/\s+/g, " ").trim();
  }

  function patch(Search) {
    if (!Search || Search.__bpnet) return;
    Search.__bpnet = true;
    const parse = Search._parseQuery;
    Search._parseQuery = (query) => {
      const mapped = Array.from(query).map((ch) => (ch in SYMBOLS ? ` ${SYMBOLS[ch]} ` : ch)).join("");
      return parse(mapped.replace(/\s+/g, " ").trim());
    };
    const toText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(".math").forEach((el) => { el.textContent = plainMath(el.textContent); });
      // code cells hold TeX in strings (r"\delta^{(2)}_1") and widget data: snippets come from the prose
      doc.querySelectorAll(".cell_input, div.highlight, .bpnet-widget, script").forEach((el) => el.remove());
      // TeX outside a .math element (a cross-reference's text such as "\sigma' forgotten"): symbols too
      const walk = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        if (/\\[A-Za-z]+|\\[()[\]]/.test(n.data)) n.data = n.data.replace(/\\[A-Za-z]+|\\[()[\]][^]*?\\[)\]]/g, (m) => plainMath(m));
      }
      return toText(doc.documentElement.outerHTML, anchor);
    };
  }

  window.bpnetPlainMath = plainMath; // for the browser tests
  // searchtools.js declares `const Search` at the top level: a global binding, but not a property of window.
  const sphinxSearch = () => (typeof Search === "object" ? Search : null); // eslint-disable-line no-undef
  if (sphinxSearch()) patch(sphinxSearch());
  else document.addEventListener("DOMContentLoaded", () => patch(sphinxSearch()));
})();
