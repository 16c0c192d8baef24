// WCAG contrast of every text and control of the widgets under each of `roots` (tests/browser/test_widgets_look.py):
// the color of the text (SVG: its fill) over the backgrounds of its ancestors composited from the page down (SVG
// text: over its halo, where it has one, or over the shape it names), opacities included. Evaluated by Playwright
// with [roots, min]; returns {bad: the texts below min, n: how many were checked}.
([roots, min]) => {
  const parse = (c) => {
    const m = /rgba?\(([^)]*)\)/.exec(c || "");
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const lum = (c) => {
    const linear = (u) => (u <= 0.03928 ? u / 12.92 : ((u + 0.055) / 1.055) ** 2.4);
    const [r, g, b] = c.slice(0, 3).map((v) => linear(v / 255));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const chain = (e) => {
    const out = [];
    for (; e; e = e.parentElement) out.push(e);
    return out.reverse();
  };
  const opacity = (e) => chain(e).reduce((o, x) => o * parseFloat(getComputedStyle(x).opacity), 1);
  const backdrop = (e) => chain(e).reduce((bg, x) => {
    const c = parse(getComputedStyle(x).backgroundColor);
    return c && c[3] > 0 ? over(c, bg) : bg;
  }, [255, 255, 255, 1]);
  const faded = (c, e) => [...c.slice(0, 3), c[3] * opacity(e)];
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility === "visible";
  const bad = [];
  let n = 0;
  const check = (e, fg, bg, what) => {
    const r = ratio(fg, bg);
    n += 1;
    if (r >= min) return;
    const text = (e.textContent || e.value || "").trim().slice(0, 30);
    bad.push(`${what} "${text}": ${r.toFixed(2)} (${fg.map(Math.round)} on ${bg.map(Math.round)})`);
  };
  for (const root of roots) {
    for (const e of root.querySelectorAll("*")) {
      if (!visible(e) || ["SCRIPT", "STYLE", "OPTION", "title"].includes(e.tagName)) continue;
      const cs = getComputedStyle(e);
      if (e.namespaceURI === "http://www.w3.org/2000/svg") {
        if (e.tagName !== "text" || !e.textContent.trim()) continue;
        const fill = parse(cs.fill);
        if (!fill) continue;
        const under = backdrop(e), halo = parse(cs.stroke);
        const shape = e.parentNode.querySelector(":scope > circle, :scope > rect");
        let bg = under;
        if (halo && cs.paintOrder.startsWith("stroke") && parseFloat(cs.strokeWidth) >= 2) {
          bg = over(faded(halo, e), under);
        } else if (shape && e.classList.contains("bp-nname")) {
          const f = parse(getComputedStyle(shape).fill);
          if (f) bg = over(faded(f, shape), under);
        }
        check(e, over([...fill.slice(0, 3), fill[3] * parseFloat(cs.fillOpacity) * opacity(e)], bg), bg, "svg text");
        continue;
      }
      const own = [...e.childNodes].some((c) => c.nodeType === 3 && c.data.trim());
      if (!own && !e.matches("button, select, input[type=text], input[type=number], output")) continue;
      const fg = parse(cs.color), bg = backdrop(e);
      check(e, over(faded(fg, e), bg), bg, e.tagName.toLowerCase());
    }
  }
  return { bad, n };
}
