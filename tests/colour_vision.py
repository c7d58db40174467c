"""Colours as colour-blind readers see them, and how far apart two colours look, for tests.

Why: "distinguishable for a deuteranope" must be a number a test can hold a palette to.
A colour is simulated for a dichromat with the matrices of Machado, Oliveira and Fernandes,
"A Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6),
2009, severity 1.0 (their table, https://www.inf.ufrgs.br/~oliveira/pubs_files/CVD_Simulation/
CVD_Simulation.html), applied to linear sRGB as Chromium's and Firefox's DevTools do; their
tritanopia model is the least validated of the three. Two colours are compared by CIEDE2000
(CIE 142-2001; the formulas and test data of Sharma, Wu and Dalal, "The CIEDE2000
Color-Difference Formula", Color Research & Application 30(1), 2005) in CIELAB under D65.
"""
from __future__ import annotations

import math
from itertools import combinations

Rgb = tuple[float, float, float]
Lab = tuple[float, float, float]

MACHADO_2009 = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
VISIONS = ("normal", *MACHADO_2009)

_SRGB_TO_XYZ = ((0.4124564, 0.3575761, 0.1804375), (0.2126729, 0.7151522, 0.0721750),
                (0.0193339, 0.1191920, 0.9503041))
_WHITE = tuple(sum(row) for row in _SRGB_TO_XYZ)  # D65, the white of sRGB


def parse_colour(text: str) -> Rgb:
    """An sRGB colour in [0, 1] from '#RRGGBB' or a browser's computed 'rgb(r, g, b)'."""
    if text.startswith("#") and len(text) == 7:
        return tuple(int(text[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]
    if text.startswith("rgb(") and text.endswith(")"):
        parts = [float(p) for p in text[4:-1].split(",")]
        if len(parts) == 3:
            return tuple(p / 255 for p in parts)  # type: ignore[return-value]
    raise ValueError(f"not an opaque sRGB colour: {text!r}")


def linear(srgb: Rgb) -> Rgb:
    """sRGB decoded to linear light (IEC 61966-2-1)."""
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb)  # type: ignore[return-value]


def simulate(srgb: Rgb, vision: str) -> Rgb:
    """The colour (linear sRGB) a reader with `vision` ('normal' or a key of MACHADO_2009) sees."""
    light = linear(srgb)
    if vision == "normal":
        return light
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, light))))  # type: ignore[return-value]
                 for row in MACHADO_2009[vision])


def lab(light: Rgb) -> Lab:
    """CIELAB (D65) of a linear sRGB colour."""
    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29
    x, y, z = (f(sum(m * c for m, c in zip(row, light)) / w) for row, w in zip(_SRGB_TO_XYZ, _WHITE))
    return 116 * y - 16, 500 * (x - y), 200 * (y - z)


def ciede2000(one: Lab, two: Lab) -> float:
    """The CIEDE2000 difference of two CIELAB colours (kL = kC = kH = 1)."""
    (l1, a1, b1), (l2, a2, b2) = one, two
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2)) % 360 if c2 else 0.0
    if c1 * c2 == 0:
        dh = 0.0
    elif abs(h2 - h1) <= 180:
        dh = h2 - h1
    else:
        dh = h2 - h1 - 360 if h2 > h1 else h2 - h1 + 360
    big_dh = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_mean, 1 + 0.015 * c_mean * t
    r_t = (-2 * math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7))
           * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2)))))
    dl, dc, dhh = (l2 - l1) / s_l, (c2 - c1) / s_c, big_dh / s_h
    return math.sqrt(dl ** 2 + dc ** 2 + dhh ** 2 + r_t * dc * dhh)


def closest_pair(colours: dict[str, str], vision: str) -> tuple[float, str, str]:
    """The two names whose colours look closest to a reader with `vision`, and how far apart."""
    seen = {name: lab(simulate(parse_colour(c), vision)) for name, c in colours.items()}
    return min((ciede2000(seen[a], seen[b]), a, b) for a, b in combinations(seen, 2))


def contrast(one: str, two: str) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""
    def luminance(colour: str) -> float:
        r, g, b = linear(parse_colour(colour))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    low, high = sorted((luminance(one), luminance(two)))
    return (high + 0.05) / (low + 0.05)
