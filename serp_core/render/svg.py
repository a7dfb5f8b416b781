"""Locally drawn pictures: motif thumbnails and a sketched places map.

Nothing here fetches anything. Every picture is built from numbers and from the fixed
glyph table below, never from model or corpus text, so the output may be marked safe.
Everything is deterministic: the same input always yields the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import math
import random
from collections.abc import Sequence

from markupsafe import Markup

from serp_core.schema import PlaceItem, Visual

# --- motif glyphs ---------------------------------------------------------------------
# Each glyph is a few SVG shapes in a 100x100 box, white on the coloured ground. Shapes are
# filled white by default; `{S}` marks an outlined (stroked) shape, `{D}`/`{DS}` a dark
# filled/stroked detail.
_S = 'fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"'
_D = 'fill="#000" fill-opacity=".28"'
_DS = 'fill="none" stroke="#000" stroke-opacity=".28" stroke-width="5" stroke-linecap="round"'

MOTIFS: dict[str, tuple[str, ...]] = {
    "mountain": (
        '<path d="M4 86 L36 30 L52 56 L65 40 L96 86Z"/>',
        '<circle cx="78" cy="20" r="9"/>',
        '<path d="M36 30 L45 46 L37 42 L29 48Z" {D}/>',
    ),
    "beach": (
        '<circle cx="70" cy="26" r="13"/>',
        '<path d="M0 62 Q12 55 25 62 T50 62 T75 62 T100 62 V100 H0Z" fill-opacity=".55"/>',
        '<path d="M0 82 Q50 68 100 82 V100 H0Z"/>',
    ),
    "city": (
        '<rect x="8" y="44" width="18" height="48"/>',
        '<rect x="30" y="18" width="22" height="74"/>',
        '<rect x="56" y="34" width="16" height="58"/>',
        '<rect x="76" y="52" width="16" height="40"/>',
        '<path d="M36 30 V80 M46 30 V80" {DS}/>',
    ),
    "forest": (
        '<path d="M18 88 L33 40 L48 88Z"/>',
        '<path d="M41 88 L60 14 L79 88Z"/>',
        '<path d="M68 88 L81 50 L94 88Z" fill-opacity=".7"/>',
    ),
    "food": (
        '<circle cx="52" cy="54" r="27" {S}/>',
        '<circle cx="52" cy="54" r="14" fill-opacity=".5"/>',
        '<path d="M12 22 V84 M6 22 V40 Q12 48 18 40 V22" {S}/>',
        '<path d="M92 22 Q80 40 92 58 V84" {S}/>',
    ),
    "museum": (
        '<path d="M8 34 L50 10 L92 34Z"/>',
        '<rect x="16" y="40" width="9" height="38"/>',
        '<rect x="35" y="40" width="9" height="38"/>',
        '<rect x="56" y="40" width="9" height="38"/>',
        '<rect x="75" y="40" width="9" height="38"/>',
        '<rect x="8" y="80" width="84" height="9"/>',
    ),
    "film": (
        '<rect x="10" y="40" width="80" height="48" rx="5"/>',
        '<path d="M10 24 L84 12 L88 28 L14 40Z" fill-opacity=".75"/>',
        '<path d="M30 20 L36 34 M52 16 L58 31 M72 13 L78 28" {DS}/>',
    ),
    "music": (
        '<circle cx="28" cy="76" r="13"/>',
        '<circle cx="72" cy="68" r="13"/>',
        '<path d="M38 76 V22 L82 12 V68" {S}/>',
    ),
    "tv": (
        '<rect x="8" y="24" width="84" height="56" rx="7" {S}/>',
        '<path d="M36 92 H64 M50 80 V92" {S}/>',
        '<path d="M36 6 L50 22 L64 6" {S}/>',
    ),
    "game": (
        '<rect x="6" y="30" width="88" height="44" rx="22"/>',
        '<path d="M22 52 H42 M32 42 V62" {DS}/>',
        '<circle cx="66" cy="47" r="5" {D}/>',
        '<circle cx="77" cy="58" r="5" {D}/>',
    ),
    "book": (
        '<path d="M50 28 Q30 14 8 20 V82 Q30 76 50 88Z"/>',
        '<path d="M50 28 Q70 14 92 20 V82 Q70 76 50 88Z" fill-opacity=".7"/>',
    ),
    "star": ('<polygon points="50,6 62,38 96,38 68,59 79,92 50,72 21,92 32,59 4,38 38,38"/>',),
    "headphones": (
        '<path d="M18 66 V52 A32 32 0 0 1 82 52 V66" {S}/>',
        '<rect x="8" y="56" width="20" height="34" rx="7"/>',
        '<rect x="72" y="56" width="20" height="34" rx="7"/>',
    ),
    "laptop": (
        '<rect x="20" y="20" width="60" height="44" rx="4" {S}/>',
        '<path d="M4 74 H96 L88 86 H12Z"/>',
    ),
    "phone": (
        '<rect x="28" y="6" width="44" height="88" rx="9" {S}/>',
        '<circle cx="50" cy="80" r="4"/>',
    ),
    "shoe": (
        '<path d="M6 72 L9 38 Q22 44 34 38 L46 54 Q72 58 90 64 Q96 70 94 80 H6Z"/>',
        '<path d="M20 48 L30 52 M24 42 L34 46" {DS}/>',
    ),
    "watch": (
        '<rect x="37" y="4" width="26" height="92" rx="6" fill-opacity=".55"/>',
        '<circle cx="50" cy="50" r="26"/>',
        '<path d="M50 36 V50 L60 57" {DS}/>',
    ),
    "camera": (
        '<rect x="6" y="30" width="88" height="58" rx="9"/>',
        '<rect x="30" y="18" width="28" height="14" rx="3"/>',
        '<circle cx="50" cy="59" r="18" {D}/>',
        '<circle cx="50" cy="59" r="10"/>',
    ),
    "kitchen": (
        '<path d="M16 44 H84 V74 Q84 88 70 88 H30 Q16 88 16 74Z"/>',
        '<rect x="10" y="35" width="80" height="9" rx="3"/>',
        '<path d="M4 54 H16 M84 54 H96" {S}/>',
        '<path d="M40 26 Q45 18 40 8 M58 26 Q63 18 58 8" {S}/>',
    ),
    "furniture": (
        '<rect x="20" y="22" width="60" height="38" rx="9" fill-opacity=".7"/>',
        '<rect x="8" y="46" width="84" height="28" rx="9"/>',
        '<path d="M18 74 V88 M82 74 V88" {S}/>',
    ),
    "pill": (
        '<g transform="rotate(-40 50 50)"><rect x="12" y="33" width="76" height="34"'
        ' rx="17" fill-opacity=".55"/><path d="M50 33 H71 A17 17 0 0 1 71 67 H50Z"/></g>',
    ),
    "heart": (
        '<path d="M50 90 C20 68 6 52 6 34 A22 22 0 0 1 50 24 A22 22 0 0 1 94 34 C94 52'
        ' 80 68 50 90Z"/>',
    ),
    "leaf": (
        '<path d="M14 88 Q8 22 88 10 Q94 84 14 88Z"/>',
        '<path d="M14 88 Q42 56 70 30" {DS}/>',
    ),
    "fitness": (
        '<rect x="6" y="34" width="12" height="32" rx="3"/>',
        '<rect x="20" y="24" width="13" height="52" rx="3"/>',
        '<rect x="67" y="24" width="13" height="52" rx="3"/>',
        '<rect x="82" y="34" width="12" height="32" rx="3"/>',
        '<rect x="33" y="45" width="34" height="10"/>',
    ),
    "doctor": ('<path d="M37 10 H63 V37 H90 V63 H63 V90 H37 V63 H10 V37 H37Z"/>',),
    "generic": (
        '<rect x="8" y="16" width="84" height="68" rx="7" {S}/>',
        '<circle cx="33" cy="39" r="8"/>',
        '<path d="M14 78 L40 54 L56 68 L68 58 L86 78Z"/>',
    ),
}

# Common synonyms a model or a corpus might use for the motifs above.
MOTIF_ALIASES: dict[str, str] = {
    "hotel": "city",
    "skyline": "city",
    "travel": "mountain",
    "hiking": "mountain",
    "park": "forest",
    "nature": "forest",
    "restaurant": "food",
    "recipe": "food",
    "art": "museum",
    "landmark": "museum",
    "movie": "film",
    "cinema": "film",
    "concert": "music",
    "show": "tv",
    "series": "tv",
    "gaming": "game",
    "novel": "book",
    "celebrity": "star",
    "audio": "headphones",
    "computer": "laptop",
    "smartphone": "phone",
    "sneaker": "shoe",
    "photo": "camera",
    "appliance": "kitchen",
    "sofa": "furniture",
    "medicine": "pill",
    "drug": "pill",
    "health": "heart",
    "plant": "leaf",
    "gym": "fitness",
    "hospital": "doctor",
    "clinic": "doctor",
}


def glyph(motif: str) -> str:
    """The SVG fragment (100x100 box) for a motif name; unknown names get a generic glyph."""
    key = (motif or "").strip().lower()
    key = MOTIF_ALIASES.get(key, key)
    shapes = MOTIFS.get(key, MOTIFS["generic"])
    return "".join(shapes).format(S=_S, D=_D, DS=_DS)


def _seed(*parts: object) -> int:
    text = "|".join(str(p) for p in parts)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


# --- thumbnails -----------------------------------------------------------------------
THUMB_HEIGHT = 120


def thumbnail_svg(visual: Visual, *, play: bool = False) -> str:
    """A standalone SVG document: gradient ground, soft bokeh, the motif glyph.

    The picture has the visual's natural aspect ratio; `play=True` adds a video play button.
    """
    h = THUMB_HEIGHT
    w = max(40, min(480, round(h * visual.aspect)))
    hue = visual.hue % 360
    rng = random.Random(_seed(visual.motif, hue, w))
    size = 0.56 * min(w, h)
    gx, gy = (w - size) / 2, (h - size) / 2 + 0.04 * h
    bokeh = "".join(
        f'<circle cx="{rng.uniform(0, w):.0f}" cy="{rng.uniform(0, h):.0f}" '
        f'r="{rng.uniform(0.15, 0.45) * h:.0f}" fill="#fff" fill-opacity=".09"/>'
        for _ in range(3)
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}">',
        '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">',
        f'<stop offset="0" stop-color="hsl({hue},72%,68%)"/>',
        f'<stop offset="1" stop-color="hsl({(hue + 28) % 360},58%,38%)"/>',
        "</linearGradient></defs>",
        f'<rect width="{w}" height="{h}" fill="url(#g)"/>',
        bokeh,
        f'<g transform="translate({gx:.1f} {gy:.1f}) scale({size / 100:.3f})" fill="#fff" '
        f'opacity="{0.55 if play else 0.92}">{glyph(visual.motif)}</g>',
    ]
    if play:
        r = 0.19 * h
        cx, cy = w / 2, h / 2
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="#000" fill-opacity=".55"/>'
            f'<path d="M{cx - r * 0.32:.1f} {cy - r * 0.45:.1f} L{cx + r * 0.5:.1f} {cy:.1f} '
            f'L{cx - r * 0.32:.1f} {cy + r * 0.45:.1f}Z" fill="#fff"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def thumbnail_data_uri(visual: Visual, *, play: bool = False) -> str:
    """`thumbnail_svg` as a `data:image/svg+xml;base64,...` URI for an `<img src>`."""
    payload = base64.b64encode(thumbnail_svg(visual, play=play).encode()).decode("ascii")
    return "data:image/svg+xml;base64," + payload


# --- the places map -------------------------------------------------------------------
PIN_PAD_X = 26
PIN_PAD_TOP = 34  # a pin is drawn above its point
PIN_PAD_BOTTOM = 14


def project_pins(
    coords: Sequence[tuple[float, float]], width: float, height: float
) -> list[tuple[float, float]]:
    """Project (lat, lon) pairs into a width x height box, north up.

    Equirectangular with a cos(latitude) correction and one uniform scale for both axes,
    so distances and directions between places are kept; the group is centred in the box.
    """
    if not coords:
        return []
    mean_lat = math.radians(sum(lat for lat, _ in coords) / len(coords))
    xs = [lon * math.cos(mean_lat) for _, lon in coords]
    ys = [-lat for lat, _ in coords]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    box_w = max(1.0, width - 2 * PIN_PAD_X)
    box_h = max(1.0, height - PIN_PAD_TOP - PIN_PAD_BOTTOM)
    # one scale for both axes (the tighter fit); 0 when all points coincide
    fits = [box / span for box, span in ((box_w, span_x), (box_h, span_y)) if span > 1e-12]
    scale = min(fits, default=0.0)
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    cx, cy = PIN_PAD_X + box_w / 2, PIN_PAD_TOP + box_h / 2
    return [
        (cx + (x - mid_x) * scale, cy + (y - mid_y) * scale) for x, y in zip(xs, ys, strict=True)
    ]


_LAND, _WATER, _PARK = "#eef0ea", "#a9d3f0", "#c5e3bd"
_STREET, _MAJOR, _MAJOR_EDGE = "#ffffff", "#fbe7a1", "#eccf72"
_PIN_PATH = "M0 0 C-2 -7 -10 -11 -10 -19 A10 10 0 1 1 10 -19 C10 -11 2 -7 0 0Z"


def _background(rng: random.Random, w: int, h: int) -> list[str]:
    """Land, a street grid, parks, water, then two major roads (layers bottom to top)."""
    out = [f'<rect width="{w}" height="{h}" fill="{_LAND}"/>']
    # a street grid, slightly rotated, drawn oversize so rotation leaves no bare corners
    angle, step = rng.uniform(-14, 14), rng.uniform(26, 40)
    reach = int(max(w, h) * 0.8 / step) + 2
    cx, cy = w / 2, h / 2
    lines = []
    for i in range(-reach, reach + 1):
        off = i * step
        lines.append(f"M{cx + off:.0f} {cy - reach * step:.0f} V{cy + reach * step:.0f}")
        lines.append(f"M{cx - reach * step:.0f} {cy + off:.0f} H{cx + reach * step:.0f}")
    out.append(
        f'<g transform="rotate({angle:.1f} {cx:.0f} {cy:.0f})" opacity=".9">'
        f'<path d="{" ".join(lines)}" stroke="{_STREET}" stroke-width="3" fill="none"/></g>'
    )
    for _ in range(rng.randint(1, 3)):  # parks
        pw, ph = rng.uniform(0.1, 0.22) * w, rng.uniform(0.15, 0.35) * h
        out.append(
            f'<rect x="{rng.uniform(0, w - pw):.0f}" y="{rng.uniform(0, h - ph):.0f}" '
            f'width="{pw:.0f}" height="{ph:.0f}" rx="8" fill="{_PARK}"/>'
        )
    # water: either a river winding across, or a coast along the east edge
    if rng.random() < 0.5:
        y0, y1 = rng.uniform(0.2, 0.8) * h, rng.uniform(0.2, 0.8) * h
        out.append(
            f'<path d="M-10 {y0:.0f} C{w * 0.3:.0f} {y0 + rng.uniform(-60, 60):.0f} '
            f'{w * 0.6:.0f} {y1 + rng.uniform(-60, 60):.0f} {w + 10} {y1:.0f}" fill="none" '
            f'stroke="{_WATER}" stroke-width="{rng.uniform(14, 26):.0f}"/>'
        )
    else:
        depth = rng.uniform(0.08, 0.16) * w
        shore = " ".join(
            f"L{w - depth + rng.uniform(-12, 12):.0f} {h * t / 6:.0f}" for t in range(7)
        )
        out.append(f'<path d="M{w} 0 {shore} L{w} {h}Z" fill="{_WATER}"/>')
    for _ in range(2):  # two major roads (bridges where they cross the river)
        a, b = rng.uniform(0, h), rng.uniform(0, h)
        d = f"M-10 {a:.0f} L{w + 10} {b:.0f}"
        out.append(f'<path d="{d}" stroke="{_MAJOR_EDGE}" stroke-width="8" fill="none"/>')
        out.append(f'<path d="{d}" stroke="{_MAJOR}" stroke-width="5" fill="none"/>')
    return out


def places_map_svg(places: Sequence[PlaceItem], width: int, height: int) -> Markup:
    """An inline SVG map: a sketched city seeded from the coordinates, with numbered pins.

    Pin *n* marks `places[n-1]`; each pin group carries `data-pin`, `data-x` and `data-y`.
    """
    w, h = max(60, int(width)), max(60, int(height))
    coords = [(p.lat, p.lon) for p in places]
    rng = random.Random(_seed(*(f"{lat:.4f},{lon:.4f}" for lat, lon in coords), w, h))
    parts = [
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        f'width="{w}" height="{h}" role="img" aria-label="Map of results">',
        *_background(rng, w, h),
    ]
    for n, (x, y) in enumerate(project_pins(coords, w, h), start=1):
        parts.append(
            f'<g class="pin" data-pin="{n}" data-x="{x:.1f}" data-y="{y:.1f}" '
            f'transform="translate({x:.1f} {y:.1f})">'
            f'<ellipse cx="0" cy="0" rx="5" ry="2" fill="#000" fill-opacity=".25"/>'
            f'<path d="{_PIN_PATH}" fill="#e8453c" stroke="#fff" stroke-width="1.5"/>'
            f'<text x="0" y="-15" text-anchor="middle" font-size="11" font-weight="700" '
            f'font-family="Arial, sans-serif" fill="#fff">{n}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
