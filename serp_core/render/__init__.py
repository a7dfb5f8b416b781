"""Rendering: a Layout plus its items -> one self-contained, script-free HTML page."""

from serp_core.render.html import render_page, safe_url
from serp_core.render.svg import places_map_svg, project_pins, thumbnail_data_uri, thumbnail_svg

__all__ = [
    "places_map_svg",
    "project_pins",
    "render_page",
    "safe_url",
    "thumbnail_data_uri",
    "thumbnail_svg",
]
