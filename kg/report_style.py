"""The style sheet of `kg report`, kept apart from the page's structure.

Why these rules: the page must read on a phone (420 px: one column, charts scaled to the width,
tables scrolled sideways rather than squeezed) and on a laptop (1400 px: two columns of charts,
the map and the network across both); system fonts only, as nothing may be fetched.
"""

CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; --accent: #4269d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: #fafafa; }
header, main { max-width: 1320px; margin: 0 auto; padding: 0 16px; }
h1 { font-size: 1.6rem; margin: 20px 0 4px; }
h2 { font-size: 1.15rem; margin: 0 0 8px; }
.note, .source, figcaption { color: var(--muted); font-size: 0.85rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px; margin: 0 0 16px;
          min-width: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.figure { display: block; font-size: 1.5rem; font-weight: 600; color: var(--accent); }
.what { color: var(--muted); font-size: 0.9rem; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 16px; }
figure { margin: 0; min-width: 0; overflow-x: auto; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 560px), 1fr)); gap: 0 16px; }
.wide { grid-column: 1 / -1; }
svg { display: block; width: 100%; height: auto; max-height: 80vh; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 6px 0; }
th, td { text-align: left; padding: 2px 10px 2px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
details { overflow-x: auto; font-size: 0.9rem; }
code { font-size: 0.85em; background: #f1f3f4; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
.networks input { position: absolute; opacity: 0; }
.networks label { display: inline-block; padding: 4px 14px; border: 1px solid var(--accent); cursor: pointer;
                  color: var(--accent); margin: 0 4px 8px 0; border-radius: 16px; }
.networks input:checked + label { background: var(--accent); color: #fff; }
.networks input:focus-visible + label { outline: 2px solid var(--ink); }
.network { display: none; }
#network-countries:checked ~ .network-countries, #network-agencies:checked ~ .network-agencies { display: block; }
.network svg { max-width: 820px; margin: 0 auto; }
.empty { color: var(--muted); font-style: italic; }
"""
