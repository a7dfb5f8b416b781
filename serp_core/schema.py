"""The domain model: every boundary of the engine speaks these pydantic types."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
)

# --- the grid -------------------------------------------------------------------------
GRID_COLS = 12
SURFACE_WIDTH_PX = 1280
ROW_HEIGHT_PX = 90
FOLD_ROWS = 8  # 8 rows x 90 px = the first 720 px screen
MAX_ROWS = 24  # pages may run to three screens; anything below is clipped


class ContentType(StrEnum):
    chat_answer = "chat_answer"
    web = "web"
    images = "images"
    videos = "videos"
    news = "news"
    knowledge_panel = "knowledge_panel"
    places = "places"
    products = "products"


RETRIEVAL_TOOLS = [t for t in ContentType if t != ContentType.chat_answer]  # the answer is written
ANSWER_ID = "answer"
ITEMS_PER_TYPE = 6  # results fetched per tool: one listwise re-rank stays short for small models


class Vertical(StrEnum):
    travel = "travel"
    entertainment = "entertainment"
    shopping = "shopping"
    health = "health"
    other = "other"


# --- items ----------------------------------------------------------------------------
class Visual(BaseModel):
    """A locally drawn thumbnail: a motif glyph on a coloured ground. It stands in for an
    item's picture wherever the engine has none embedded (`thumbnail`)."""

    motif: str = "generic"  # e.g. mountain, beach, city, film, music, pill, shoe, phone
    hue: int = Field(default=210, ge=0, le=359)
    aspect: float = Field(default=16 / 9, gt=0)  # width / height of the natural image


PROVENANCE = ("via", "image_url", "thumbnail")
EMBEDDED_IMAGE = re.compile(r"data:image/(?:jpeg|png);base64,[A-Za-z0-9+/]+={0,2}")


class _ItemBase(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    title: str
    url: str = ""
    # What the search tool knows the item is about beyond its own text (the bundled corpus:
    # its topic's query). Used to judge relevance; never shown or stored.
    about: str = Field(default="", exclude=True)
    via: str = ""  # the search provider that found it, as pages name it; "": the corpus
    image_url: str = ""  # the provider's picture of it (kept as provenance, never loaded)
    # That picture as the engine fetched, checked and downscaled it: a data: URI that pages
    # embed (they load nothing). "": the locally drawn `visual` stands in.
    thumbnail: str = ""

    @field_validator("thumbnail")
    @classmethod
    def _embedded_raster(cls, value: str) -> str:
        # Only what the engine itself embeds gets into a page: anything else is dropped.
        return value if EMBEDDED_IMAGE.fullmatch(value) else ""

    @model_serializer(mode="wrap")
    def _provenance_when_known(self, handler: SerializerFunctionWrapHandler) -> dict:
        # Corpus items dump as they always did: the provider fields only where they say
        # something (result.json and the stored runs gain keys, never lose or change one).
        data = handler(self)
        for name in PROVENANCE:
            if data.get(name) == "":
                del data[name]
        return data


class ChatAnswerItem(_ItemBase):
    type: Literal[ContentType.chat_answer] = ContentType.chat_answer
    text: str
    citations: list[str] = []  # ids of the web items the answer leans on


class WebItem(_ItemBase):
    type: Literal[ContentType.web] = ContentType.web
    site: str = ""
    snippet: str = ""


class ImageItem(_ItemBase):
    type: Literal[ContentType.images] = ContentType.images
    site: str = ""
    visual: Visual = Visual()


class VideoItem(_ItemBase):
    type: Literal[ContentType.videos] = ContentType.videos
    channel: str = ""
    duration: str = ""  # "12:34"
    views: int = 0
    visual: Visual = Visual()


class NewsItem(_ItemBase):
    type: Literal[ContentType.news] = ContentType.news
    source: str = ""
    date: str = ""  # ISO date
    snippet: str = ""
    visual: Visual | None = None


class KnowledgePanelItem(_ItemBase):
    type: Literal[ContentType.knowledge_panel] = ContentType.knowledge_panel
    subtitle: str = ""
    description: str = ""
    facts: dict[str, str] = {}
    visual: Visual | None = None


class PlaceItem(_ItemBase):
    type: Literal[ContentType.places] = ContentType.places
    address: str = ""
    category: str = ""
    rating: float | None = None
    reviews: int = 0
    lat: float = 0.0
    lon: float = 0.0


class ProductItem(_ItemBase):
    type: Literal[ContentType.products] = ContentType.products
    merchant: str = ""
    price: float = 0.0
    currency: str = "USD"
    rating: float | None = None
    reviews: int = 0
    visual: Visual = Visual(aspect=1.0)


Item = Annotated[
    ChatAnswerItem
    | WebItem
    | ImageItem
    | VideoItem
    | NewsItem
    | KnowledgePanelItem
    | PlaceItem
    | ProductItem,
    Field(discriminator="type"),
]


def item_text(item: BaseModel) -> str:
    """The searchable / promptable text of an item, whatever its type."""
    parts = []
    for name in (
        "title",
        "text",
        "snippet",
        "subtitle",
        "description",
        "site",
        "source",
        "channel",
        "merchant",
        "category",
        "address",
    ):
        value = getattr(item, name, "")
        if value:
            parts.append(str(value))
    facts = getattr(item, "facts", None)
    if facts:
        parts.extend(f"{k}: {v}" for k, v in facts.items())
    return " · ".join(parts)


# --- layout ---------------------------------------------------------------------------
Size = Literal["small", "medium", "large"]


class UX(BaseModel):
    """The paper's reduced UX action space for one block."""

    orientation: Literal["vertical", "horizontal"] = "vertical"
    title_font: Size = "medium"
    body_font: Size = "medium"
    media_size: Size = "medium"
    max_items: int = Field(default=4, ge=1, le=10)  # truncate the list to this many
    truncate_text: bool = False  # cut long text with an ellipsis


# What a block looks like before (or without) the model's UX decisions.
DEFAULT_UX: dict[ContentType, UX] = {
    ContentType.chat_answer: UX(max_items=1, truncate_text=True),
    ContentType.web: UX(max_items=5, truncate_text=True),
    ContentType.images: UX(orientation="horizontal", media_size="large", max_items=6),
    ContentType.videos: UX(orientation="horizontal", max_items=4, truncate_text=True),
    ContentType.news: UX(orientation="horizontal", media_size="small", max_items=4,
                         truncate_text=True),
    ContentType.knowledge_panel: UX(title_font="large", max_items=1, truncate_text=True),
    ContentType.places: UX(max_items=3, truncate_text=True),
    ContentType.products: UX(orientation="horizontal", max_items=5, truncate_text=True),
}


class Box(BaseModel):
    """A rectangle on the grid, in cells: its upper-left column and row (0-based), its width
    in columns and its height in rows. What a model proposes for a block, and what a
    few-shot example shows."""

    col: int
    row: int
    width: int
    height: int

    def cells(self) -> set[tuple[int, int]]:
        return {
            (r, c)
            for r in range(self.row, self.row + self.height)
            for c in range(self.col, self.col + self.width)
        }


class Block(Box):
    """A content type's box on the page, with its UX and the items it shows."""

    type: ContentType
    ux: UX = UX()
    item_ids: list[str] = []  # re-ranked items, in display order

    @model_serializer(mode="wrap")
    def _type_first(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # {type, col, row, width, height, ux, item_ids}, as result.json has always had them
        data = handler(self)
        return {"type": data.pop("type"), **data} if "type" in data else data


class Layout(BaseModel):
    blocks: list[Block] = []

    def block(self, type_: ContentType) -> Block | None:
        return next((b for b in self.blocks if b.type == type_), None)

    def rows_used(self) -> int:
        return max((b.row + b.height for b in self.blocks), default=0)


class Repair(BaseModel):
    """One deterministic change the engine made to what the model proposed."""

    kind: Literal["unknown_type", "missing_block", "duplicate", "clip", "min_size",
                  "overlap", "fallback", "ux_default", "polish_rejected",
                  # compaction (serp_core.compaction), the layout floor:
                  "snap", "fit", "pack", "widen", "fill", "restack"]
    block: ContentType | None = None
    detail: str


class PageMetrics(BaseModel):
    rows: int = 0
    coverage: float = 0.0
    whitespace: float = 1.0
    holes: float = 0.0
    raggedness: float = 0.0
    vertical_edges: int = 0
    priority_tau: float = 0.0  # Kendall tau between importance and reading order
    above_fold_share: float = 0.0  # share of importance mass above the fold
    aspect_error: float = 0.0  # mean |log(w/h) - log(target)| over media blocks


class Usage(BaseModel):
    calls: int = 0
    prompt_tokens: int = 0  # sent, over the calls whose counts are known
    completion_tokens: int = 0
    cached_tokens: int = 0  # of the prompt tokens, served from a cache, not evaluated again
    unknown_calls: int = 0  # calls whose token counts nobody could tell

    @property
    def evaluated_tokens(self) -> int:
        return self.prompt_tokens - self.cached_tokens

    @property
    def tokens(self) -> int | None:
        """Prompt + completion tokens; None (unknown, never 0) when no call's are known."""
        if self.calls and self.unknown_calls == self.calls:
            return None
        return self.prompt_tokens + self.completion_tokens

    def describe(self) -> str:
        """E.g. "25 calls, 9,800 prompt tokens sent (2,100 evaluated) + 800 completion"."""
        if self.calls and self.unknown_calls == self.calls:
            return f"{self.calls} calls, token counts unknown (the server sent none)"
        line = (f"{self.calls} calls, {self.prompt_tokens:,} prompt tokens sent "
                f"({self.evaluated_tokens:,} evaluated) + {self.completion_tokens:,} completion")
        if self.unknown_calls:
            line += f"; {self.unknown_calls} calls with unknown counts"
        return line

    def add(self, other: Usage) -> None:
        self.calls += other.calls
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.cached_tokens += other.cached_tokens
        self.unknown_calls += other.unknown_calls


class CallRecord(BaseModel):
    """One model call of a run, in brief (kept on the run; the whole call is a CallTrace)."""

    index: int = 0  # the call's place in the run, from 0
    stage: str
    candidate: int | None = None
    step: int | None = None  # the refinement or polish step, when the stage has steps
    block: str = ""  # the prompt block the call's prompt was filled from
    prompt_version: str = ""
    prompt_tokens: int | None = 0  # None: unknown (the server sent no usage)
    completion_tokens: int | None = 0
    cached_tokens: int | None = 0  # prompt tokens not evaluated again
    latency_s: float = 0.0
    ok: bool = True


class CallTrace(CallRecord):
    """A model call recorded whole: what was sent, what came back, what became of it."""

    started_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    model: str = ""
    kind: Literal["text", "json"] = "json"
    messages: list[dict] = []  # exactly as sent (roles and text)
    json_schema: dict | None = None  # the reply's schema (json calls)
    grammar: bool = False  # the embedded model decoded under a grammar built from the schema
    sampling: dict = {}  # temperature, seed, max_tokens
    attempt: int = 1  # 2: the re-ask after an unusable first reply
    reply: str = ""  # the raw reply text
    parsed: object = None  # the value read from the reply (json calls), JSON-shaped
    error: str = ""  # why the reply could not be used, or the model's error
    fallback: str = ""  # what the step did instead, when this was its last unusable reply
    # What the last user message was filled from (prompts.Filled): the block's text and the
    # values put in, so a replay can fill an edited block the same way.
    template: str = ""
    values: dict[str, str] = {}
    # The reader that validated the reply ("module:function") and its keyword arguments.
    reader: str = ""
    reader_args: dict = {}
    # Message text was not kept (the store's privacy option): messages hold roles and
    # character counts only, and reply, parsed, template and values are empty.
    redacted: bool = False
    reply_chars: int | None = None  # with `redacted`: how long the reply was

    @property
    def evaluated_tokens(self) -> int | None:
        """Prompt tokens the model evaluated (sent less those served from a cache)."""
        if self.prompt_tokens is None:
            return None
        return self.prompt_tokens - (self.cached_tokens or 0)


class Candidate(BaseModel):
    index: int
    layout: Layout
    proposal_confidence: int | None = None
    repairs: list[Repair] = []
    metrics: PageMetrics = PageMetrics()
    score: float | None = None
    score_reason: str = ""
    score_parts: dict[str, float] = {}  # a blended score's components (auto scorer), 0-10
    usage: Usage = Usage()
    latency_s: float = 0.0
    html: str = ""  # path of the rendered page, once written


# --- runs -----------------------------------------------------------------------------
Backend = Literal["local", "openai"]
Mode = Literal["coarse-to-fine", "single-step", "template"]
# The paper's Section 5.3 probes of the chat answer: none, 4 paraphrases added beside it, or
# its text replaced by random words of the same length.
AnswerProbe = Literal["none", "paraphrases", "random_text"]


class RunConfig(BaseModel):
    backend: Backend = "local"
    model: str = ""
    beam: int = Field(default=3, ge=1, le=8)
    mode: Mode = "coarse-to-fine"
    scorer: str = "auto"  # a name in pipeline.score.scorers (auto, llm, metrics, reward, ...)
    theta: int = Field(default=7, ge=0, le=10)  # stop refining once confidence >= theta
    max_gather_steps: int = Field(default=2, ge=1, le=6)
    max_polish_steps: int = Field(default=1, ge=0, le=6)
    seed: int = 0
    temperature: float = Field(default=0.7, ge=0.0, le=2.0)
    # Probes of Section 5 (defaults leave the pipeline as the paper describes it):
    content_first: ContentType | None = None  # listed first in the layout prompt (Fig. 8-9)
    answer_probe: AnswerProbe = "none"
    # How the model's text is made (the intent and the chat answer): "free", written and then
    # checked, or "choices" among numbered options (goals, the sources' sentences); auto:
    # choices on the embedded model, whose free text cannot be trusted, free on an endpoint.
    writing: Literal["auto", "free", "choices"] = "auto"
    reward_model: str = ""  # scorer "reward": the saved model (a model.json or its folder)


def utcnow() -> datetime:
    return datetime.now(UTC)


class SearchSource(BaseModel):
    """What answered one tool of a run: the provider, and the cached response it was served
    from, so that a rerun can be served the very same results."""

    provider: str = "corpus"  # the provider's name (serp_core.search.providers)
    entry: int | None = None  # the response's row in the run store's search cache
    fetched_at: datetime | None = None  # when the provider sent it
    cached: bool = False  # served from the cache, without asking the provider
    wanted: str = ""  # the provider chosen for the tool, when another one had to answer
    error: str = ""  # why the chosen provider's answer could not be used (one line)


class Run(BaseModel):
    id: str
    query: str
    vertical: Vertical = Vertical.other
    config: RunConfig
    prompt_version: str = ""
    # interrupted: its process died mid-run (RunStore.recover); it can be redone
    status: Literal["queued", "running", "done", "failed", "interrupted"] = "running"
    error: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    worker: str = ""  # the process running it (serp_core.workers)
    interrupted_at: datetime | None = None
    redo_of: str = ""  # the run this one redoes (python -m serp_core resume)
    items: dict[str, Item] = {}
    candidates: list[Candidate] = []
    best: int | None = None
    timings: dict[str, float] = {}
    usage: Usage = Usage()
    calls: list[CallRecord] = []  # every model call: stage, candidate, tokens, latency
    sources: dict[ContentType, SearchSource] = {}  # what answered each tool called

    @property
    def winner(self) -> Candidate | None:
        """The chosen candidate (`best`), or None while there is none."""
        if self.best is None or not 0 <= self.best < len(self.candidates):
            return None
        return self.candidates[self.best]

    @property
    def outside_the_corpus(self) -> bool:
        """Only the bundled demo corpus was searched and nothing in it is about the query:
        the page is the one sentence that says so. A real search provider may find some."""
        return (self.status == "done" and set(self.items) <= {ANSWER_ID}
                and all(s.provider == "corpus" for s in self.sources.values()))


# --- events ---------------------------------------------------------------------------
Stage = Literal["gather", "populate", "polish", "score"]


class _EventBase(BaseModel):
    ts: datetime = Field(default_factory=utcnow)


class StageStart(_EventBase):
    kind: Literal["stage_start"] = "stage_start"
    stage: Stage
    candidate: int | None = None


class StageEnd(_EventBase):
    kind: Literal["stage_end"] = "stage_end"
    stage: Stage
    candidate: int | None = None
    seconds: float


class Reasoning(_EventBase):
    """A piece of first-person monologue as it is produced (streamed deltas)."""

    kind: Literal["reasoning"] = "reasoning"
    stage: Stage
    candidate: int | None = None
    text: str
    delta: bool = False  # a fragment of streamed text, not a whole sentence


class ToolCall(_EventBase):
    kind: Literal["tool_call"] = "tool_call"
    tool: ContentType
    query: str


class ToolResult(_EventBase):
    kind: Literal["tool_result"] = "tool_result"
    tool: ContentType
    item_ids: list[str]
    titles: list[str]
    source: SearchSource | None = None  # None: recorded before providers existed


class LayoutProposed(_EventBase):
    kind: Literal["layout_proposed"] = "layout_proposed"
    candidate: int
    step: int
    layout: Layout
    confidence: int
    repairs: list[Repair] = []


class CandidatePopulated(_EventBase):
    kind: Literal["candidate_populated"] = "candidate_populated"
    candidate: Candidate


class PolishStep(_EventBase):
    kind: Literal["polish_step"] = "polish_step"
    candidate: int
    step: int
    action: str
    detail: str
    layout: Layout


class Scored(_EventBase):
    kind: Literal["scored"] = "scored"
    candidate: int
    score: float
    reason: str = ""
    parts: dict[str, float] = {}


class CallTraced(_EventBase):
    """A model call has finished (its trace, stored whole; the live view ignores it)."""

    kind: Literal["call"] = "call"
    trace: CallTrace


class Final(_EventBase):
    kind: Literal["final"] = "final"
    run: Run


class ErrorEvent(_EventBase):
    kind: Literal["error"] = "error"
    message: str
    stage: Stage | None = None
    candidate: int | None = None
    fatal: bool = False


Event = Annotated[
    StageStart
    | StageEnd
    | Reasoning
    | ToolCall
    | ToolResult
    | LayoutProposed
    | CandidatePopulated
    | PolishStep
    | Scored
    | CallTraced
    | Final
    | ErrorEvent,
    Field(discriminator="kind"),
]
