"""The corpus generator: every topic's results, filled from the kinds' templates and the topic's
own facts (data.py reads them from data/). Output is deterministic: every topic has its own RNG
seeded from its query, so adding or reordering topics does not change the others."""

# ruff: noqa: E501  -- long template-filling expressions read better unwrapped.

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import random
import re
import string
import unicodedata
from pathlib import Path

from serp_core.schema import (
    ContentType,
    ImageItem,
    KnowledgePanelItem,
    NewsItem,
    PlaceItem,
    ProductItem,
    VideoItem,
    Visual,
    WebItem,
)

from .data import (
    CAT_CHANNELS,
    CHANNELS,
    CITIES,
    FIX_CASE,
    HOME,
    IMAGE_SITES,
    KINDS,
    MERCHANT_DOMAINS,
    MERCHANTS,
    MOTIFS,
    MULTI_WORD_BRANDS,
    NEWS_SOURCES,
    PLACE_CATEGORY,
    PLAIN_WORDS,
    REVIEWERS,
    SMALL_WORDS,
    SOURCE_DOMAINS,
    TOPICS,
    TRAVEL_WEB,
    WIDE,
    YEAR,
    Topic,
)

ROOT = Path(__file__).resolve().parents[2]
CORPUS_OUT = ROOT / "assets" / "corpus" / "corpus.jsonl"
QUERIES_OUT = ROOT / "assets" / "queries" / "demo.csv"


# Item id suffix per type: ids read like "t042-web-3".
ID_TAG = {
    ContentType.knowledge_panel: "kp", ContentType.web: "web", ContentType.news: "news",
    ContentType.videos: "vid", ContentType.images: "img", ContentType.places: "place",
    ContentType.products: "prod",
}  # fmt: skip


_FMT = string.Formatter()
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def title_case(text: str) -> str:
    out = []
    for i, word in enumerate(text.split(" ")):
        low = word.lower()
        if low in FIX_CASE:
            out.append(FIX_CASE[low])
        elif i and low in SMALL_WORDS:
            out.append(low)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def slug(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].rstrip("-")


def web_url(site: str, title: str, rng: random.Random) -> str:
    if site == "reddit.com":  # reddit threads live under their subreddit
        sub = re.search(r"r/(\w+)", title)
        post = "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(7))
        return f"https://www.reddit.com/r/{sub.group(1) if sub else 'AskReddit'}/comments/{post}/{slug(title)}/"
    return f"https://{host(site)}/{slug(title)}"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def natural_case(query: str, t: Topic) -> str:
    """The query with proper nouns spelled as the topic's own data spells them.

    "the bear season 4" -> "The Bear Season 4", "beyonce ..." -> "Beyoncé ...". Only names are
    used as sources (subject, knowledge panel, city, people, a few spec fields); a word the
    topic also uses in lower case ("jackets", "hikes") stays as typed.
    """
    x = [t.x.get(k, "") for k in ("a", "b", "work", "author", "proper", "city", "where", "what")]
    known = [t.s, *t.people, *x, t.kp[0] if t.kp else ""]
    if t.city:
        known.append(CITIES[t.city].name)
    lower_text = " ".join([t.s, t.x.get("what", KINDS[t.kind].what), t.x.get("thing", "")])
    common = set(re.findall(r"\b[a-z][\w-]*", lower_text + " " + (t.kp[2] if t.kp else "")))
    phrases, words = {}, {}
    for text in filter(None, known):
        if all(w[:1].isupper() or w[:1].isdigit() or w in SMALL_WORDS for w in text.split()):
            phrases.setdefault(_fold(text), text)  # whole names first: "the bear" -> "The Bear"
        for word in re.findall(r"[\w-]+", text):
            key = _fold(word)
            if word[:1].isupper() and len(word) > 1 and key not in PLAIN_WORDS | common:
                words.setdefault(key, word)
    words |= {m.lower(): m for m in MONTHS} | FIX_CASE
    out = query
    for key in sorted(phrases, key=len, reverse=True):
        if " " in key:
            out = re.sub(rf"\b{re.escape(key)}\b", phrases[key], out)
    return re.sub(r"[\w-]+", lambda m: words.get(_fold(m.group()), m.group()), out)


def cap_first(text: str) -> str:
    """Sentence-case a headline without breaking names like "iPhone"."""
    if text[:1].islower() and not text[1:2].isupper():
        return text[:1].upper() + text[1:]
    return text


def host(site: str) -> str:
    return site if site.count(".") > 1 else f"www.{site}"


def fields(*templates: str) -> set[str]:
    return {name for t in templates for _, name, _, _ in _FMT.parse(t) if name}


def fits(t: Topic, title: str) -> bool:
    """False if the title template mentions a word the topic asks to avoid."""
    avoid = [w for w in t.x.get("avoid", "").split(",") if w]
    return not any(w in title.lower() for w in avoid)


class Picker:
    """Fills templates for one topic: fixed context plus fresh random picks per item."""

    def __init__(self, t: Topic, rng: random.Random):
        self.t, self.rng, self.kind = t, rng, KINDS[t.kind]
        self.used_sites: set[str] = set()
        self.used_titles: set[str] = set()
        names = [p.split("|")[0] for p in t.places] or [p.split("|")[0] for p in t.products]
        self.names = names or list(t.people)
        self.people = list(t.people)
        cat = t.x.get("cat", "books" if t.kind == "book" else "tech")
        self.reviewers = list(REVIEWERS.get(cat, REVIEWERS["tech"]))
        self.merchants = MERCHANTS.get(cat, MERCHANTS["tech"])
        self.cat = cat
        brands = []
        for n in (p.split("|")[0] for p in t.products):
            if brand(n)[0] not in brands:
                brands.append(brand(n)[0])
        city = CITIES[t.city] if t.city else None
        base: dict[str, str] = {
            "q": natural_case(t.query, t),
            "Qs": t.query[:1].upper() + t.query[1:],
            "Q": title_case(t.query),
            "s": t.s,
            "S": title_case(t.s),
            "year": str(YEAR),
            "sub": t.x.get("sub", self.kind.sub),
        }
        if city:
            base |= {"city": city.name, "dom": city.dom, "csub": city.sub}
        if len(brands) >= 2:
            base |= {"b1": brands[0], "b2": brands[1]}
        if t.kp:
            kpt = t.kp[0]
            base |= {"kpt": kpt, "Kpt": kpt, "desc": t.kp[2]}
            base["kpt_l"] = t.x.get(
                "kpt_l", kpt[:1].lower() + kpt[1:] if kpt[1:2].islower() else kpt
            )
        what = t.x.get("what", self.kind.what)
        if what:
            base |= {"what": what, "What": title_case(what)}
        base |= {k: v for k, v in t.x.items() if k not in ("what", "where")}
        where = t.x.get("where", self.kind.where)
        with contextlib.suppress(KeyError):  # a "where" needing a city the topic lacks
            base["where"] = where.format_map(base)
        if "thing" in base:
            base["Thing"] = title_case(base["thing"])
        self.base = {k: v for k, v in base.items() if v}

    def ctx(self) -> dict[str, str]:
        rng, c = self.rng, dict(self.base)
        if len(self.names) >= 3:
            c["n1"], c["n2"], c["n3"] = rng.sample(self.names, 3)
            if self.t.products:
                for key in ("n1", "n2", "n3"):
                    c[key + "b"], c[key + "m"] = brand(c[key])
        if len(self.people) >= 3:
            c["p1"], c["p2"], c["p3"] = rng.sample(self.people, 3)
        c["num"] = str(rng.choice([7, 8, 10, 12, 15, 18, 20, 25]))
        c["tested"] = str(rng.choice([12, 15, 18, 20, 24, 30, 35, 40]))
        unused = [r for r in self.reviewers if r[0] not in self.used_sites]
        if unused:
            c["rsite"], c["rname"] = rng.choice(unused)
        c["mname"] = rng.choice(self.merchants)
        c["msite"] = MERCHANT_DOMAINS[c["mname"]]
        return c

    def fill(self, *templates: str) -> list[str] | None:
        """Fill the templates with one context, or None if a placeholder has no value."""
        c = self.ctx()
        if not fields(*templates) <= c.keys():
            return None
        # "the {n1}" with n1 = "The North Face ..." would read "the The North Face ...".
        return [re.sub(r"\b[Tt]he (The )", r"\1", tmpl.format_map(c)) for tmpl in templates]

    def hue(self) -> int:
        return (self.t.hue + self.rng.randint(-18, 18)) % 360


def brand(product: str) -> tuple[str, str]:
    """Split a product name into (brand, model)."""
    for b in MULTI_WORD_BRANDS:
        if product.startswith(b + " "):
            return b, product[len(b) + 1 :]
    first, _, rest = product.partition(" ")
    return first, rest or product


def count(rng: random.Random, spec: tuple | None) -> int:
    if not spec:
        return 0
    lo, hi, *p = spec
    if p and rng.random() > p[0]:
        return 0
    return rng.randint(lo, hi)


def gen_web(pk: Picker, n: int) -> list[dict]:
    out = []
    pool = list(pk.kind.web) + (TRAVEL_WEB if pk.kind.vertical == "travel" else [])
    pk.rng.shuffle(pool)
    skip = set(pk.t.x.get("skip", "").split(","))  # sites that don't fit this topic
    pool = [tmpl for tmpl in pool if tmpl[0] not in skip and fits(pk.t, tmpl[1])]
    for i, tmpl in enumerate(list(pk.t.web) + pool):
        if len(out) >= n and i >= len(pk.t.web):
            break
        filled = pk.fill(*tmpl)
        if not filled:
            continue
        site, title, snippet = filled
        title = cap_first(title)
        if site in pk.used_sites or title in pk.used_titles:
            continue
        pk.used_sites.add(site)
        pk.used_titles.add(title)
        url = web_url(site, title, pk.rng)
        out.append({"title": title, "url": url, "site": site, "snippet": snippet})
    return out


def gen_news(pk: Picker, n: int) -> list[dict]:
    rng, out = pk.rng, []
    pool = [tmpl for tmpl in pk.kind.news if fits(pk.t, tmpl[0])]
    rng.shuffle(pool)
    sources = list(NEWS_SOURCES[pk.kind.vertical])
    rng.shuffle(sources)
    window = _window(pk.t.x.get("dates", "01-03:11-20"))  # the corpus is "as of" late November
    for i, tmpl in enumerate(list(pk.t.news) + pool):
        if len(out) >= n and i >= len(pk.t.news):
            break
        filled = pk.fill(*tmpl)
        if not filled or filled[0] in pk.used_titles:
            continue
        headline, snippet = filled
        headline = cap_first(headline)
        pk.used_titles.add(headline)
        source = sources[len(out) % len(sources)]
        date = f"{YEAR}-{_month_day(rng.randint(*window))}"
        item = {"title": headline, "url": f"https://{host(source_domain(source))}/{YEAR}/{slug(headline)}",
                "source": source, "date": date, "snippet": snippet}  # fmt: skip
        if rng.random() < 0.6:
            item["visual"] = Visual(
                motif=pk.t.motif, hue=pk.hue(), aspect=rng.choice([3 / 2, 16 / 9])
            )
        out.append(item)
    out.sort(key=lambda it: it["date"], reverse=True)  # newest first, as news carousels are
    return out


_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def _window(spec: str) -> tuple[int, int]:
    """ "MM-DD:MM-DD" -> (first, last) day of the year."""
    days = []
    for md in spec.split(":"):
        month, day = (int(v) for v in md.split("-"))
        days.append(sum(_LENGTHS[: month - 1]) + day)
    return days[0], days[1]


def _month_day(day_of_year: int) -> str:
    for month, length in enumerate(_LENGTHS, start=1):
        if day_of_year <= length:
            return f"{month:02d}-{day_of_year:02d}"
        day_of_year -= length
    return "12-31"


def source_domain(source: str) -> str:
    return SOURCE_DOMAINS[source]


def gen_videos(pk: Picker, n: int) -> list[dict]:
    rng, out = pk.rng, []
    pool = [tmpl for tmpl in pk.kind.videos if fits(pk.t, tmpl[0])]
    rng.shuffle(pool)
    for title_t, chan in pool:
        if len(out) >= n:
            break
        filled = pk.fill(title_t)
        if not filled or filled[0] in pk.used_titles:
            continue
        title = cap_first(filled[0])
        pk.used_titles.add(title)
        if chan == "tech" and pk.kind.vertical == "shopping":
            chan = CAT_CHANNELS.get(pk.cat, "tech")
        chan = pk.t.x.get("vpool", chan)
        # Trailers come from the studio or publisher that owns the title, when the spec says.
        owner = pk.t.x.get("studio") if chan in ("studio", "publisher") else None
        if chan in ("music", "studio", "publisher"):
            secs = rng.randint(95, 290)
        elif chan in ("walk", "nature"):
            secs = rng.randint(1200, 4500)
        else:
            secs = rng.randint(240, 1500)
        h, rem = divmod(secs, 3600)
        duration = f"{h}:{rem // 60:02d}:{rem % 60:02d}" if h else f"{rem // 60}:{rem % 60:02d}"
        views = int(round(10 ** rng.uniform(3.6, 6.9), -2))
        vid = "".join(rng.choice(string.ascii_letters + string.digits + "_-") for _ in range(11))
        out.append({"title": title, "url": f"https://www.youtube.com/watch?v={vid}",
                    "channel": owner or rng.choice(CHANNELS[chan]), "duration": duration, "views": views,
                    "visual": Visual(motif=pk.t.motif, hue=pk.hue(), aspect=16 / 9)})  # fmt: skip
    return out


def gen_images(pk: Picker, n: int) -> list[dict]:
    rng, out = pk.rng, []
    pool = list(pk.kind.images)
    rng.shuffle(pool)
    sites = IMAGE_SITES[pk.kind.vertical]
    for title_t in pool:
        if len(out) >= n:
            break
        filled = pk.fill(title_t)
        if not filled or filled[0] in pk.used_titles:
            continue
        title = cap_first(filled[0])
        pk.used_titles.add(title)
        site = rng.choice(sites)
        out.append({"title": title, "url": f"https://{host(site)}/photos/{slug(title)}-{rng.randint(1000, 99999)}",
                    "site": site, "visual": Visual(motif=pk.t.motif, hue=pk.hue(), aspect=rng.choice([4 / 3, 3 / 2]))})  # fmt: skip
    return out


def gen_places(pk: Picker, n: int) -> list[dict]:
    rng, t, out = pk.rng, pk.t, []
    city = CITIES[t.city] if t.city else CITIES[HOME]
    sigma = 0.12 if t.kind in WIDE else 0.02
    for spec in t.places[:n]:
        name, category, address, coords = (spec.split("|") + ["", "", ""])[:4]
        category = category or PLACE_CATEGORY.get(t.kind, "Point of interest")
        if not address:
            address = city.fmt.format(n=rng.randint(100, 2999), m=rng.randint(1, 120),
                                      k=rng.randint(1, 30), street=rng.choice(city.streets))  # fmt: skip
        if coords:
            lat, lon = (float(v) for v in coords.split(","))
        else:
            lat, lon = city.lat + rng.gauss(0, sigma), city.lon + rng.gauss(0, sigma)
        out.append({"title": name, "url": f"https://www.google.com/maps/place/{slug(name + ' ' + city.name)}",
                    "address": address, "category": category, "rating": round(rng.uniform(3.9, 4.9), 1),
                    "reviews": int(10 ** rng.uniform(2.1, 4.6)), "lat": round(lat, 5), "lon": round(lon, 5)})  # fmt: skip
    return out


def gen_products(pk: Picker, n: int) -> list[dict]:
    rng, t, out = pk.rng, pk.t, []
    merchants = MERCHANTS.get(pk.cat, MERCHANTS["tech"])
    for spec in t.products[:n]:
        name, price_s = spec.split("|")
        price = float(price_s)
        if t.kind == "deals" or rng.random() < 0.3:  # on sale
            price = math.floor(price * rng.uniform(0.72, 0.92)) + 0.99
        merchant = rng.choice(merchants)
        out.append({"title": name, "url": f"https://{host(MERCHANT_DOMAINS[merchant])}/p/{slug(name)}",
                    "merchant": merchant, "price": round(price, 2), "rating": round(rng.uniform(3.9, 4.9), 1),
                    "reviews": int(10 ** rng.uniform(1.6, 4.5)),
                    "visual": Visual(motif=t.motif, hue=pk.hue(), aspect=1.0)})  # fmt: skip
    return out


def gen_kp(pk: Picker) -> list[dict]:
    title, subtitle, description, facts = pk.t.kp
    url = "https://en.wikipedia.org/wiki/" + re.sub(r"\s+", "_", title)
    return [{"title": title, "url": url, "subtitle": subtitle, "description": description,
             "facts": facts, "visual": Visual(motif=pk.t.motif, hue=pk.t.hue, aspect=4 / 3)}]  # fmt: skip


MODELS = {
    ContentType.knowledge_panel: KnowledgePanelItem, ContentType.web: WebItem,
    ContentType.news: NewsItem, ContentType.videos: VideoItem, ContentType.images: ImageItem,
    ContentType.places: PlaceItem, ContentType.products: ProductItem,
}  # fmt: skip


def build_topic(tid: str, t: Topic) -> dict:
    rng = random.Random(f"genserp-corpus:{t.query}")
    pk = Picker(t, rng)
    m = dict(pk.kind.mix)
    if t.places:
        m.setdefault("places", (3, 5))
    if t.products:
        m.setdefault("products", (4, 6))
    # Draw every count first so one type's templates do not shift another type's numbers.
    counts = {ct: count(rng, m.get(ct.value)) for ct in MODELS}
    counts[ContentType.knowledge_panel] = 1 if t.kp else 0
    # Hand-written results always make it in.
    counts[ContentType.web] = max(counts[ContentType.web], len(t.web))
    if t.news:
        counts[ContentType.news] = max(counts[ContentType.news], len(t.news), 3)
    if not t.places:
        counts[ContentType.places] = 0
    if not t.products:
        counts[ContentType.products] = 0
    gens = {
        ContentType.knowledge_panel: lambda n: gen_kp(pk),
        ContentType.web: lambda n: gen_web(pk, n),
        ContentType.news: lambda n: gen_news(pk, n),
        ContentType.videos: lambda n: gen_videos(pk, n),
        ContentType.images: lambda n: gen_images(pk, n),
        ContentType.places: lambda n: gen_places(pk, n),
        ContentType.products: lambda n: gen_products(pk, n),
    }
    items = []
    for ct, n in counts.items():
        if not n:
            continue
        for i, raw in enumerate(gens[ct](n), start=1):
            item = MODELS[ct](id=f"{tid}-{ID_TAG[ct]}-{i}", **raw)
            items.append(item.model_dump(mode="json", exclude_none=True))
    return {"id": tid, "query": t.query, "vertical": t.vertical, "items": items}


def build() -> tuple[str, str]:
    """The corpus (jsonl) and the query list (csv), as text."""
    lines = []
    for i, t in enumerate(TOPICS, start=1):
        assert t.motif in MOTIFS, (t.query, t.motif)
        lines.append(
            json.dumps(build_topic(f"t{i:03d}", t), ensure_ascii=False, separators=(",", ":"))
        )
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["query", "vertical"])
    writer.writerows([t.query, t.vertical] for t in TOPICS)
    return "\n".join(lines) + "\n", buf.getvalue()


def main(argv: list[str]) -> int:
    corpus, queries = build()
    if "--check" in argv:
        stale = [p for p, text in ((CORPUS_OUT, corpus), (QUERIES_OUT, queries))
                 if not p.exists() or p.read_text(encoding="utf-8") != text]  # fmt: skip
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)} (run python -m tools.build_corpus)")
        return 1 if stale else 0
    for path, text in ((CORPUS_OUT, corpus), (QUERIES_OUT, queries)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(
        f"wrote {len(TOPICS)} topics to {CORPUS_OUT.relative_to(ROOT)} ({len(corpus) / 1e6:.2f} MB)"
    )
    return 0
