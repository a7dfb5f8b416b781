"""One colour and one name per content type, for every diagram, chart and legend."""

from __future__ import annotations

from .schema import ContentType

# One colour per content type, shared by every diagram and legend in the app.
TYPE_COLORS: dict[ContentType, str] = {
    ContentType.chat_answer: "#7c3aed",
    ContentType.web: "#2563eb",
    ContentType.images: "#059669",
    ContentType.videos: "#dc2626",
    ContentType.news: "#d97706",
    ContentType.knowledge_panel: "#0891b2",
    ContentType.places: "#65a30d",
    ContentType.products: "#db2777",
}
TYPE_LABELS: dict[ContentType, str] = {
    ContentType.chat_answer: "Chat answer",
    ContentType.web: "Web",
    ContentType.images: "Images",
    ContentType.videos: "Videos",
    ContentType.news: "News",
    ContentType.knowledge_panel: "Knowledge panel",
    ContentType.places: "Places",
    ContentType.products: "Products",
}
