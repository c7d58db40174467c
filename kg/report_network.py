"""The cooperation network of `kg report`: countries (or agencies) linked by the operations they
share, each node sized by its operations, each link as thick as the operations of the pair.

Why a circle: a force layout (networkx's spring layout, with a fixed seed) was tried first; on
the 10k benchmark build the European countries, which all share operations, fell on top of each
other in one blot while the other countries drifted to the corners. On a circle, in the order
of the ranking (the most active first, then by name), every node and its label stand apart and
the same graph gives the same picture, byte for byte. Only the most active nodes (`TOP`) and
the strongest links among them (`LINKS`) are drawn, so that a graph of ten thousand agencies
still gives a picture one can read; the caption says what is left out.
"""
from __future__ import annotations

import networkx as nx

from kg.report_charts import PALETTE, figure, short, to_svg
from kg.report_data import Answer

TOP = 30  # as many as top-agency-pairs.rq counts the pairs of (its LIMIT)
LINKS = 3 * TOP  # the strongest links among them: all of them make a hairball of a big graph


def network(nodes: Answer, pairs: Answer, label: str, first: str, second: str) -> tuple[str, int]:
    """The network as SVG, and how many nodes were left out. `nodes` ranks the nodes (its `label`
    and `operations` columns), `pairs` links them (`first`, `second`, `operations`)."""
    sizes = {str(n): int(c) for n, c in zip(nodes.column(label), nodes.column("operations"), strict=True)}
    kept = sorted(sizes, key=lambda n: (-sizes[n], n))[:TOP]
    graph = nx.Graph()
    graph.add_nodes_from(kept)
    for a, b, n in zip(pairs.column(first), pairs.column(second), pairs.column("operations"), strict=True):
        if str(a) in graph and str(b) in graph and a != b and graph.number_of_edges() < LINKS:
            graph.add_edge(str(a), str(b), weight=int(n))  # the pairs come strongest first
    return _draw(graph, sizes, nodes.query + "-" + pairs.query), max(len(sizes) - len(kept), 0)


def _draw(graph: nx.Graph, sizes: dict[str, int], salt: str) -> str:
    layout = nx.circular_layout(graph) if len(graph) else {}  # in the order the nodes were added
    at = {n: (round(float(x), 4), round(float(y), 4)) for n, (x, y) in layout.items()}
    least, most = min((sizes[n] for n in graph), default=0), max((sizes[n] for n in graph), default=1)
    heaviest = max((d["weight"] for _, _, d in graph.edges(data=True)), default=1)
    with figure(salt, width=7.0, height=6.0) as fig:
        ax = fig.add_subplot()
        for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[2]["weight"], e[0], e[1])):
            (xa, ya), (xb, yb) = at[a], at[b]
            ax.plot([xa, xb], [ya, yb], color="#9498a0", alpha=0.6, zorder=1,
                    linewidth=0.6 + 4.0 * data["weight"] / heaviest, solid_capstyle="round")
        for node in graph:
            x, y = at[node]
            ax.scatter([x], [y], s=40 + 900 * _share(sizes[node], least, most), color=PALETTE[0], alpha=0.85,
                       edgecolors="white", linewidths=0.8, zorder=2)
            away = 8 + 12 * _share(sizes[node], least, most)  # the label outside the circle, beyond the node
            ax.annotate(short(node, 24), (x, y), fontsize=8, va="center", zorder=3,
                        ha="left" if x > 0.2 else "right" if x < -0.2 else "center",
                        xytext=(away * x, away * y), textcoords="offset points")
        ax.margins(0.3, 0.08)
        ax.set_axis_off()
        return to_svg(fig)


def _share(value: int, least: int, most: int) -> float:
    """Where a node's operations stand between the fewest and the most drawn, from 0.1 to 1: sizes
    that differ by a few percent at the top of a big graph still look different."""
    return 1.0 if most == least else 0.1 + 0.9 * (value - least) / (most - least)
