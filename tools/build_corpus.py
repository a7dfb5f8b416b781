"""Generate the bundled demo corpus: assets/corpus/corpus.jsonl and assets/queries/demo.csv.

Each demo query ("topic") gets a realistic mix of search results built from hand-curated
facts (places, products, people, knowledge-panel facts) poured into varied templates.
Output is deterministic: every topic has its own RNG seeded from its query, so adding or
reordering topics does not change the others.

    python tools/build_corpus.py          # (re)write the corpus files
    python tools/build_corpus.py --check  # exit 1 if the committed files are stale
"""

# ruff: noqa: E501  -- this is a data file; template strings read better unwrapped.

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import random
import re
import string
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from serp_core.schema import (  # noqa: E402
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

CORPUS_OUT = ROOT / "assets" / "corpus" / "corpus.jsonl"
QUERIES_OUT = ROOT / "assets" / "queries" / "demo.csv"
YEAR = 2026
HOME = "seattle"  # where "near me" queries are assumed to be asked from

# Every motif a Visual in the corpus may use: names serp_core/render/svg.py can draw.
MOTIFS = (
    # travel ("hotel" and "landmark" are drawn through the renderer's aliases)
    "mountain", "beach", "city", "forest", "museum", "landmark", "hotel", "food",
    # entertainment
    "film", "music", "tv", "game", "book", "star",
    # shopping
    "headphones", "laptop", "phone", "shoe", "watch", "camera", "kitchen", "furniture",
    # health
    "pill", "heart", "leaf", "fitness", "doctor",
    "generic",
)  # fmt: skip


# --- topic specs ------------------------------------------------------------------------
@dataclass
class Topic:
    query: str
    kind: str
    s: str  # the subject, as it reads inside a sentence ("Seattle", "Dune: Part Two")
    motif: str
    hue: int
    city: str | None = None
    places: list[str] = field(default_factory=list)  # "Name|Category|Address|lat,lon"
    products: list[str] = field(default_factory=list)  # "Name|price"
    people: list[str] = field(default_factory=list)  # cast, songs, titles, bosses ...
    kp: tuple[str, str, str, dict[str, str]] | None = None  # title, subtitle, description, facts
    web: list[tuple[str, str, str]] = field(default_factory=list)  # hand-written results first
    news: list[tuple[str, str]] = field(default_factory=list)  # hand-written headlines first
    x: dict[str, str] = field(default_factory=dict)  # kind-specific placeholders

    @property
    def vertical(self) -> str:
        return KINDS[self.kind].vertical


def T(query: str, kind: str, s: str, motif: str, hue: int, **kw) -> Topic:
    return Topic(query, kind, s, motif, hue, **kw)


# --- cities: centre, address format, streets --------------------------------------------
@dataclass
class City:
    name: str
    lat: float
    lon: float
    fmt: str  # address format with {n} (house number) and {street}
    streets: tuple[str, ...]
    dom: str = ""  # the tourism board's site
    sub: str = ""  # the city's subreddit


CITIES: dict[str, City] = {
    "seattle": City("Seattle", 47.6062, -122.3321, "{n} {street}, Seattle, WA", ("Pike St", "Pine St", "1st Ave", "NE 45th St", "Westlake Ave N", "Rainier Ave S", "15th Ave E", "NW Market St"), "visitseattle.org", "Seattle"),
    "lisbon": City("Lisbon", 38.7223, -9.1393, "{street} {m}, Lisbon, Portugal", ("Rua Augusta", "Rua Garrett", "Avenida da Liberdade", "Rua do Alecrim", "Largo do Carmo"), "visitlisboa.com", "lisboa"),
    "tokyo": City("Tokyo", 35.6762, 139.6503, "{m}-{k} {street}, Tokyo, Japan", ("Shibuya", "Shinjuku", "Asakusa", "Ginza", "Roppongi", "Ueno"), "gotokyo.org", "JapanTravel"),
    "reykjavik": City("Reykjavík", 64.1466, -21.9426, "{street} {m}, Reykjavík, Iceland", ("Laugavegur", "Skólavörðustígur", "Hverfisgata", "Bankastræti"), "visiticeland.com", "VisitingIceland"),
    "yosemite": City("Yosemite", 37.7456, -119.5936, "{street}, Yosemite National Park, CA", ("Southside Dr", "Northside Dr", "Tioga Rd", "Glacier Point Rd", "Wawona Rd"), "travelyosemite.com", "Yosemite"),
    "cdmx": City("Mexico City", 19.4326, -99.1332, "{street} {m}, Ciudad de México, CDMX, Mexico", ("Av. Álvaro Obregón", "Calle Colima", "Av. Ámsterdam", "Calle Durango", "Av. Presidente Masaryk"), "cdmxtravel.com", "MexicoCity"),
    "maui": City("Maui", 20.7984, -156.3319, "{n} {street}, Maui, HI", ("Honoapiilani Hwy", "S Kihei Rd", "Makena Alanui", "Hana Hwy", "Lower Honoapiilani Rd"), "gohawaii.com", "maui"),
    "nola": City("New Orleans", 29.9511, -90.0715, "{n} {street}, New Orleans, LA", ("Bourbon St", "Royal St", "Decatur St", "Frenchmen St", "Magazine St"), "neworleans.com", "NewOrleans"),
    "kyoto": City("Kyoto", 35.0116, 135.7681, "{street}, Kyoto, Japan", ("Higashiyama Ward", "Sakyo Ward", "Kita Ward", "Fushimi Ward", "Ukyo Ward"), "kyoto.travel", "JapanTravel"),
    "grandcanyon": City("Grand Canyon", 36.0544, -112.1401, "{street}, Grand Canyon, AZ", ("Desert View Dr", "Hermit Rd", "Village Loop Dr", "AZ-64"), "visitarizona.com", "GrandCanyon"),
    "banff": City("Banff", 51.1784, -115.5708, "{n} {street}, Banff, AB, Canada", ("Banff Ave", "Mountain Ave", "Lake Louise Dr", "Bow Valley Pkwy", "Norquay Rd"), "banfflakelouise.com", "Banff"),
    "rome": City("Rome", 41.9028, 12.4964, "{street} {m}, Rome, Italy", ("Via del Corso", "Via dei Fori Imperiali", "Via Cavour", "Via della Conciliazione", "Via Nazionale"), "turismoroma.it", "rome"),
    "barcelona": City("Barcelona", 41.3874, 2.1686, "{street}, {m}, Barcelona, Spain", ("Carrer de Blai", "Carrer de Verdi", "La Rambla", "Passeig de Gràcia", "Carrer del Rec"), "barcelonaturisme.com", "Barcelona"),
    "amsterdam": City("Amsterdam", 52.3676, 4.9041, "{street} {m}, Amsterdam, Netherlands", ("Prinsengracht", "Herengracht", "Damrak", "Keizersgracht", "Leidseplein"), "iamsterdam.com", "Amsterdam"),
    "zion": City("Zion National Park", 37.2982, -113.0263, "{street}, Springdale, UT", ("Zion-Mt Carmel Hwy", "Zion Park Blvd", "Kolob Terrace Rd", "Floor of the Valley Rd"), "visitutah.com", "ZionNationalPark"),
    "colorado": City("Colorado", 39.55, -106.1, "{street}, CO", ("I-70", "CO-9", "US-40", "CO-82"), "colorado.com", "COsnow"),
    "bigsur": City("Big Sur", 36.2704, -121.8081, "{n} Highway 1, Big Sur, CA", ("Highway 1",), "visitcalifornia.com", "roadtrip"),
    "sandiego": City("San Diego", 32.7157, -117.1611, "{n} {street}, San Diego, CA", ("Harbor Dr", "Park Blvd", "Prospect St", "Mission Blvd", "Rosecrans St"), "sandiego.org", "sandiego"),
    "london": City("London", 51.5072, -0.1276, "{m} {street}, London, UK", ("Strand", "Kensington High St", "Southampton Row", "Bayswater Rd", "Great Russell St"), "visitlondon.com", "london"),
    "santorini": City("Santorini", 36.4618, 25.3753, "{street}, Santorini 847 02, Greece", ("Oia", "Fira", "Imerovigli", "Pyrgos", "Akrotiri"), "santorini.gr", "GreeceTravel"),
    "chicago": City("Chicago", 41.8781, -87.6298, "{n} {street}, Chicago, IL", ("N Wells St", "N Wabash Ave", "W Randolph St", "N Clark St", "N Milwaukee Ave", "W Armitage Ave"), "choosechicago.com", "chicago"),
    "nashville": City("Nashville", 36.1627, -86.7816, "{n} {street}, Nashville, TN", ("Broadway", "2nd Ave N", "12th Ave S", "Demonbreun St", "Music Square E"), "visitmusiccity.com", "nashville"),
    "zermatt": City("the Swiss Alps", 46.0207, 7.7491, "{street} {m}, 3920 Zermatt, Switzerland", ("Bahnhofstrasse", "Hofmattstrasse", "Riedweg", "Schluhmattstrasse"), "myswitzerland.com", "Switzerland"),
    "ubud": City("Bali", -8.5069, 115.2625, "{street} No.{m}, Ubud, Bali, Indonesia", ("Jl. Monkey Forest", "Jl. Raya Ubud", "Jl. Hanoman", "Jl. Kajeng"), "indonesia.travel", "bali"),
    "austin": City("Austin", 30.2672, -97.7431, "{n} {street}, Austin, TX", ("S Congress Ave", "E 6th St", "Barton Springs Rd", "S Lamar Blvd", "E Cesar Chavez St"), "austintexas.org", "Austin"),
    "portland": City("Portland", 45.5152, -122.6784, "{n} {street}, Portland, OR", ("SE Division St", "NE Alberta St", "SW 5th Ave", "N Mississippi Ave", "SE Hawthorne Blvd"), "travelportland.com", "Portland"),
    "nyc": City("New York City", 40.7128, -74.0060, "{n} {street}, New York, NY", ("Broadway", "W 42nd St", "Bleecker St", "7th Ave S", "E Houston St", "W 14th St"), "nyctourism.com", "nyc"),
    "highlands": City("the Scottish Highlands", 57.4778, -4.2247, "{street}, Highlands, Scotland, UK", ("A82", "A87", "A9", "A835"), "visitscotland.com", "Scotland"),
    "moab": City("Moab", 38.5733, -109.5498, "{n} {street}, Moab, UT", ("N Main St", "E Center St", "Kane Creek Blvd"), "visitutah.com", "Utah"),
    "dubrovnik": City("Dubrovnik", 42.6507, 18.0944, "{street} {m}, 20000 Dubrovnik, Croatia", ("Stradun", "Ulica od Puča", "Ul. Svetog Dominika", "Put Iva Vojnovića"), "tzdubrovnik.hr", "croatia"),
    "anaheim": City("Anaheim", 33.8121, -117.9190, "{n} {street}, Anaheim, CA", ("S Harbor Blvd", "Disneyland Dr", "W Katella Ave", "S Anaheim Blvd", "W Ball Rd"), "visitanaheim.org", "Disneyland"),
    "prague": City("Prague", 50.0755, 14.4378, "{street} {m}, 110 00 Prague, Czechia", ("Staroměstské nám.", "Václavské nám.", "Karlova", "Náměstí Míru", "Nerudova"), "prague.eu", "Prague"),
    "whistler": City("Whistler", 50.1163, -122.9574, "{n} {street}, Whistler, BC, Canada", ("Sea to Sky Hwy", "Village Gate Blvd", "Blackcomb Way", "Lorimer Rd"), "whistler.com", "vancouver"),
    "marrakech": City("Marrakech", 31.6295, -7.9811, "{street}, Marrakech 40000, Morocco", ("Jemaa el-Fnaa", "Rue Riad Zitoun el Kedim", "Derb Dabachi", "Rue Mouassine", "Rue Bab Doukkala"), "visitmorocco.com", "Morocco"),
    "boston": City("Boston", 42.3601, -71.0589, "{n} {street}, Boston, MA", ("Tremont St", "Hanover St", "Washington St", "Congress St", "Beacon St"), "meetboston.com", "boston"),
    "cancun": City("Cancún", 21.1619, -86.8515, "{street} Km {m}, Cancún, Q.R., Mexico", ("Blvd. Kukulcan", "Av. Tulum", "Av. Bonampak"), "caribemexicano.travel", "cancun"),
    "glacier": City("Glacier National Park", 48.6966, -113.7180, "{street}, Glacier National Park, MT", ("Going-to-the-Sun Rd", "US-2", "Many Glacier Rd"), "glacier.org", "GlacierNationalPark"),
    "sf": City("San Francisco", 37.7749, -122.4194, "{n} {street}, San Francisco, CA", ("Market St", "Valencia St", "Columbus Ave", "Fillmore St"), "sftravel.com", "sanfrancisco"),
    "sydney": City("Sydney", -33.8688, 151.2093, "{n} {street}, Sydney NSW, Australia", ("George St", "Circular Quay W", "Macquarie St", "Oxford St"), "sydney.com", "sydney"),
    "cusco": City("Cusco", -13.5320, -71.9675, "{street} {m}, Cusco, Peru", ("Av. El Sol", "Calle Plateros", "Av. Pachacutec"), "peru.travel", "peru"),
    "tromso": City("Tromsø", 69.6492, 18.9553, "{street} {m}, 9008 Tromsø, Norway", ("Storgata", "Sjøgata", "Strandvegen", "Fjellheisvegen"), "visittromso.no", "Norway"),
    "berlin": City("Berlin", 52.52, 13.405, "{street} {m}, 10999 Berlin, Germany", ("Oranienstraße", "Kastanienallee", "Torstraße", "Schönhauser Allee", "Weserstraße"), "visitberlin.de", "berlin"),
    "como": City("Lake Como", 45.9870, 9.2610, "{street} {m}, 22021 Bellagio CO, Italy", ("Via Regina", "Lungo Lario Manzoni", "Salita Serbelloni", "Via Garibaldi"), "lakecomo.is", "italy"),
    "bigisland": City("Hawaiʻi Volcanoes National Park", 19.4194, -155.2885, "{street}, Hawaii National Park, HI", ("Crater Rim Dr", "Chain of Craters Rd", "Old Volcano Rd"), "gohawaii.com", "BigIsland"),
    "la": City("Los Angeles", 34.0522, -118.2437, "{n} {street}, Los Angeles, CA", ("Sunset Blvd", "Melrose Ave", "Hollywood Blvd", "N Fairfax Ave", "Santa Monica Blvd"), "discoverlosangeles.com", "LosAngeles"),
    "samui": City("Koh Samui", 9.5120, 100.0136, "{m}/{k} Moo {k}, Koh Samui, Surat Thani, Thailand", ("Moo",), "tourismthailand.org", "Thailand"),
    "route66": City("Route 66", 35.1983, -111.6513, "{n} W Route 66, Flagstaff, AZ", ("W Route 66",), "historic66.com", "roadtrip"),
}  # fmt: skip

# Kinds whose places spread over a region rather than a few city blocks.
WIDE = {"hike", "park", "roadtrip", "ski"}


# --- kinds: per-intent mix of result types and template banks ---------------------------
@dataclass
class Kind:
    vertical: str
    mix: dict[str, tuple]  # type -> (lo, hi) or (lo, hi, probability)
    web: list[tuple[str, str, str]]  # (site, title, snippet)
    videos: list[tuple[str, str]]  # (title, channel pool)
    news: list[tuple[str, str]]  # (headline, snippet)
    images: list[str]  # titles
    what: str = ""  # what the query is after, e.g. "hikes"
    where: str = "in {city}"
    sub: str = ""  # default subreddit


WEB_MIX = {"web": (6, 10), "images": (4, 8), "videos": (3, 5), "news": (3, 5)}


def mix(**kw: tuple) -> dict[str, tuple]:
    return {**WEB_MIX, **kw}


# fmt: off
TRAVEL_WEB = [
    ("tripadvisor.com", "THE {num} BEST {What} {where} (Updated {year})", "{What} {where}: see Tripadvisor traveler reviews and photos of {n1}, {n2} and other top picks."),
    ("lonelyplanet.com", "{num} of the best {what} {where} - Lonely Planet", "Our writers pick the {what} {where} that are worth your time, from {n1} to lesser-known spots locals love."),
    ("reddit.com", "{Qs}? : r/travel", "Planning a trip and wondering about {q}. Top comments recommend {n1} and {n2}, and warn that {n3} gets very busy at peak times."),
    ("{dom}", "{What} {where} | Official Visitor Guide", "The official guide to {city}. Plan your visit with ideas for {what}, seasonal events, maps and visitor information."),
    ("timeout.com", "The {num} best {what} {where} right now", "Our local editors' guide to the best {what} {where}, updated for {year} — including {n1} and {n2}."),
    ("cntraveler.com", "The Ultimate Guide to {city}", "Where to go, what to skip and how to plan: our guide to {city}, with picks like {n1}."),
    ("nomadicmatt.com", "{city} Travel Guide: Costs, Tips & What to Do", "Everything you need to know about visiting {city} on a budget: what things cost, where to stay and the {what} I'd do again."),
    ("wikivoyage.org", "{city} – Travel guide at Wikivoyage", "Open travel guide to {city} covering how to get in, get around, see, do, eat and stay safe."),
    ("travelandleisure.com", "{Q}: An Expert Guide", "We asked locals and travel pros about {q}. Their picks include {n1}, plus timing tips to beat the crowds."),
]

KINDS: dict[str, Kind] = {
    # --- travel ---------------------------------------------------------------------------
    "hike": Kind(
        "travel", mix(places=(4, 6), news=(3, 4, 0.5)),
        [
            ("alltrails.com", "{num} Best Hikes {where} | AllTrails", "Discover the top-rated trails {where}, including {n1} and {n2}. Read reviews, check current conditions and download offline maps before you go."),
            ("hikingproject.com", "{n1} Trail Guide — Distance, Elevation & Tips", "{n1} is one of the most popular hikes {where}. Expect crowds on summer weekends; start early and bring layers."),
            ("reddit.com", "{Qs}? : r/hiking", "Looking for recommendations... Locals suggest {n1} for views, {n2} if you want fewer people and, with a full day, {n3}."),
            ("outsideonline.com", "The Best Day Hikes {where}", "From easy waterfall walks to lung-busting summit climbs, these are the hikes {where} our editors return to every year."),
            ("theoutbound.com", "Hiking {n2}: What to Know Before You Go", "Trail length, parking, permits and the best season to hike {n2}, plus what the last stretch is really like."),
            ("recreation.gov", "Permits & Passes {where} — Recreation.gov", "Check whether trailheads {where} need a day-use pass or timed-entry permit. Parking at {n1} fills early in peak season."),
            ("timeout.com", "The {num} best hikes {where} for every ability", "Whether you want an easy lakeside stroll or a summit with views, here are the best hiking trails {where}, tried and tested."),
            ("earthtrekkers.com", "{num} Epic Hikes {where}: Our Favorite Trails", "We hiked {n1}, {n2} and more {where}. Here's how they compare on difficulty, views and crowds."),
            ("{dom}", "Hiking & Outdoor Adventures | Official Visitor Guide", "Trails, parks and outdoor adventures {where}, with safety tips and seasonal conditions for hikers."),
        ],
        [("{num} Best Hikes {where} (Local's Guide)", "travel"), ("Hiking {n1} — Full Trail Walkthrough", "outdoor"), ("{n2} Hike | Is It Worth It?", "outdoor"), ("Day Hikes {where}: Beginner Tips & Gear", "outdoor"), ("I Hiked {n1} at Sunrise", "outdoor"), ("{n3}: Trail Conditions Update", "outdoor")],
        [("Trail update: {n1} reopens after storm repairs", "Crews finished repairs to washed-out sections; rangers urge hikers to check conditions and carry the Ten Essentials."), ("Record crowds at trailheads {where} prompt parking crackdown", "Officials say overflow parking along the road will be ticketed this season, and recommend carpooling or arriving before 8am."), ("Search and rescue teams urge caution after busy weekend near {n2}", "Volunteers responded to several calls for lost and injured hikers; most involved people without headlamps or enough water."), ("New shuttle service aims to ease congestion at {n1}", "A weekend shuttle will run from a park-and-ride lot this summer, with tickets bookable a week ahead."), ("Wildfire smoke could affect hiking plans {where}", "Forecasters say air quality may dip later this week; check AQI before heading out on longer trails.")],
        ["{n1} summit view", "Trail to {n2} in autumn", "Wildflowers along {n1}", "Hikers above the clouds on {n3}", "Sunrise over {n1}", "Forest path near {n2}", "Alpine lake below {n3}"],
        what="hikes", where="near {city}",
    ),
    "todo": Kind(
        "travel", mix(web=(7, 10), places=(4, 6), videos=(3, 5, 0.8), news=(3, 4, 0.6)),
        [
            ("tripadvisor.com", "THE {num} BEST Things to Do {where} (Updated {year})", "Things to do {where}: check out traveler reviews of {n1}, {n2} and more, with photos, prices and opening hours."),
            ("timeout.com", "{num} best things to do {where} right now", "From {n1} to {n2}, these are the best things to do {where}, chosen by our local editors."),
            ("lonelyplanet.com", "Top things to do {where}", "{city} rewards curious travelers. Our writers' picks include {n1}, {n3} and the neighborhoods where locals actually hang out."),
            ("getyourguide.com", "{city}: Tours, Tickets & Activities", "Book skip-the-line tickets and guided tours {where}, including {n1}. Free cancellation on most activities."),
            ("cntraveler.com", "The Best Things to Do {where}", "A curated list from our editors: iconic sights like {n1}, plus under-the-radar experiences worth planning around."),
            ("thecrazytourist.com", "{num} Best Things to Do {where}", "A visual guide to the top attractions {where}, from {n2} to easy day trips beyond the center."),
            ("atlasobscura.com", "{num} Cool and Unusual Things to Do {where}", "Hidden gems and oddities {where}, beyond the obvious stops like {n1}."),
            ("reddit.com", "{Qs} – what would you not miss? : r/{csub}", "Heading there soon. Top comments: don't skip {n1}, book {n2} ahead, and {n3} is crowded at midday but lovely at sunset."),
        ],
        [("{num} Things to Do {where} ({year} Travel Guide)", "travel"), ("{city} Travel Vlog: 3 Perfect Days", "vlog"), ("What NOT to Do {where}", "travel"), ("{city} on a Budget: Free & Cheap Things to Do", "travel"), ("Is {n1} Worth It? Honest Review", "vlog"), ("Walking Tour: {n2} and Around", "walk")],
        [("{city} sees record visitor numbers as bookings surge", "Tourism officials say demand is running well ahead of last year, with {n1} among the busiest spots."), ("{n1} extends opening hours for the season", "Later closing times and timed tickets are meant to spread out crowds; advance booking is recommended."), ("Overtourism: {city} weighs new visitor fees", "Local leaders are considering a daily fee and caps on tour groups to ease pressure on the historic center."), ("New direct flights make {city} easier to reach this year", "Two carriers announced nonstop routes starting this spring, adding thousands of seats a week."), ("What travelers need to know about visiting {city} right now", "From construction closures to festival dates, here's how to plan a trip this season."), ("{n2} unveils restoration after two-year project", "The landmark reopens to visitors with restored facades, a new visitor center and step-free access.")],
        ["{n1} at golden hour", "Crowds at {n2}", "{city} skyline at dusk", "Inside {n3}", "Street scene in {city}", "{n1} from above", "Evening lights near {n2}"],
        what="things to do",
    ),
    "food": Kind(
        "travel", mix(web=(6, 9), places=(5, 6), images=(4, 7), videos=(3, 4, 0.7), news=(3, 3, 0.3)),
        [
            ("eater.com", "The {num} Essential Restaurants {where}", "The best places to eat {where}, from {n1} to {n2}. Updated quarterly by our local editors."),
            ("theinfatuation.com", "The Best {What} {where}", "Where to eat {where} right now: our favorites include {n1} and {n3}, plus what to order at each."),
            ("guide.michelin.com", "{city} Restaurants – the MICHELIN Guide", "Discover the MICHELIN Guide's selection of restaurants {where}, including Bib Gourmand picks and starred dining rooms."),
            ("yelp.com", "TOP 10 BEST {What} {where} - Updated {year}", "Top picks: {n1}, {n2}, {n3}. Read reviews, browse menus and photos, and see which places take reservations."),
            ("reddit.com", "{Qs}? Locals, where do you actually go? : r/{csub}", "Skip the tourist traps. Locals recommend {n1} for a sit-down meal and {n2} for something quick and cheap."),
            ("bonappetit.com", "Where to Eat {where}: A Local's Guide", "The restaurants, markets and bars we'd send a friend to {where}, including {n1}."),
            ("tripadvisor.com", "THE {num} BEST {What} {where} (Updated {year})", "Best dining {where}: see traveler reviews and photos of {n1}, {n2} and more."),
            ("seriouseats.com", "A Food Lover's Guide to {city}", "What to eat, where to find it and how to order like a regular: our field notes on {what} {where}."),
        ],
        [("Ultimate {city} Food Tour!", "food"), ("I Ate at the {num} Best {What} {where}", "food"), ("{n1} — Worth the Hype?", "food"), ("Eating {where} on $30 a Day", "food"), ("Locals Show Us Their Favorite Spots {where}", "food")],
        [("{n1} named among the best restaurants {where}", "A new ranking puts the spot near the top of the list, citing its signature dishes and friendly prices."), ("New food hall opens {where} with a dozen vendors", "The hall brings together local favorites under one roof, with late hours on weekends."), ("Chef behind {n2} plans a second location", "The new outpost will focus on a shorter menu and walk-ins, opening later this year."), ("Rising costs squeeze {city} restaurants", "Owners say food and rent prices are forcing menu changes, though demand remains strong.")],
        ["Signature dish at {n1}", "Interior of {n2}", "{What} {where}", "Plate of the day at {n3}", "Market stalls in {city}", "Chef at work at {n1}"],
        what="restaurants",
    ),
    "beach": Kind(
        "travel", mix(web=(6, 9), images=(6, 8), places=(4, 6), videos=(3, 5, 0.8), news=(3, 4, 0.4)),
        [
            ("tripadvisor.com", "THE {num} BEST {What} {where} (Updated {year})", "Top {what} {where}: traveler reviews and photos of {n1}, {n2} and more."),
            ("travelandleisure.com", "The {num} Best {What} {where}, According to Locals", "Soft sand, clear water and big views: {n1} and {n2} top our list of the best {what} {where}."),
            ("thebeachguide.com", "{n1}: Parking, Conditions & Tips", "{n1} is one of the most popular spots {where}. Arrive early for parking, check ocean conditions and pack reef-safe sunscreen."),
            ("reddit.com", "{Qs}? : r/{csub}", "Going next month with kids. Locals say {n1} is best in the morning, {n2} has the calmest water, and skip {n3} on weekends."),
            ("lonelyplanet.com", "The best {what} {where}", "From family-friendly bays to wild, wave-battered coves, these are the {what} {where} worth the drive."),
            ("{dom}", "{What} {where} | Official Travel Site", "The official guide to {what} {where}, with ocean safety tips, lifeguard information and parking."),
            ("surfline.com", "{n2} Surf Report & Forecast", "Live cam, wave heights, tide chart and wind for {n2}. Check conditions before you head out."),
            ("cntraveler.com", "The Best {What} {where}", "Our editors' picks for {what} {where}, including {n1} and a few quieter alternatives."),
        ],
        [("Best {What} {where} — Drone Tour 4K", "travel"), ("Snorkeling at {n1}", "vlog"), ("{city} Beach Guide: Where to Go", "travel"), ("Don't Make These Mistakes {where}", "travel"), ("{n2} at Sunset", "vlog")],
        [("Reef protection: new sunscreen rules take effect {where}", "Officials remind visitors that only mineral sunscreens are allowed at protected beaches."), ("Lifeguard hours extended at {n1}", "Extra staff will cover weekends through the busy season after a rise in rescues."), ("Beach parking fees coming to {n2}", "A pilot program will charge non-residents for parking and fund restroom and trail upkeep."), ("Water quality advisory lifted for beaches {where}", "Testing shows bacteria levels back to normal after last week's heavy rain.")],
        ["{n1} at sunset", "Turquoise water at {n2}", "Aerial view of {n1}", "Snorkeler near {n3}", "Palm trees along {n2}", "Golden sand at {n3}", "Waves rolling in at {n1}"],
        what="beaches",
    ),
    "park": Kind(
        "travel", mix(web=(6, 9), images=(5, 8), places=(3, 5), news=(3, 5, 0.8)),
        [
            ("nps.gov", "{s} (U.S. National Park Service)", "Plan your visit to {s}: current conditions, alerts, permits and reservations, fees, and things to do, including {n1}."),
            ("recreation.gov", "{s} – Permits & Reservations | Recreation.gov", "Reserve campsites, timed-entry tickets and permits for {s}. New inventory is released on a rolling schedule and popular dates go fast."),
            ("alltrails.com", "Best Trails in {s} | AllTrails", "Explore the most popular trails in {s} with maps, reviews and photos, including {n1} and {n2}."),
            ("nationalparkstraveler.org", "{Q}: What to Know", "A practical look at {q}: how the system works this year, what changed and how to improve your odds."),
            ("outsideonline.com", "The Ultimate Guide to {s}", "When to go, where to stay and which hikes are worth it: our complete guide to {s}."),
            ("reddit.com", "{Qs} : r/{csub}", "Just got back. Tips: book the moment reservations open, start hikes by 7am, and {n2} was the highlight of the trip."),
            ("earthtrekkers.com", "{num} Best Things to Do in {s}", "Our favorite hikes, viewpoints and scenic drives in {s}, with a sample itinerary and planning tips."),
            ("en.wikipedia.org", "{kpt} - Wikipedia", "{desc}"),
            ("{dom}", "Visiting {s} | Official Travel Guide", "Everything you need to plan a trip to {s}: nearby towns, lodging, seasonal road openings and guided tours."),
        ],
        [("{s}: Complete Travel Guide", "travel"), ("How to Get Reservations for {s}", "outdoor"), ("{n1} — Full Walkthrough", "outdoor"), ("{s} in 4K", "nature"), ("First-Timer Mistakes in {s}", "outdoor"), ("Ranger Tips: {s}", "nature")],
        [("{s} announces summer reservation system", "Visitors will need a timed reservation during peak hours; passes are released in batches on Recreation.gov."), ("Rangers warn of heat and crowds at {s}", "Officials urge visitors to start early, carry extra water and check alerts before driving in."), ("Rockfall closes section near {n1} temporarily", "Crews are assessing the slope; alternate routes remain open and the park expects to reopen within days."), ("Record visitation at {s} strains facilities", "The park logged its busiest year yet, prompting calls for more shuttle service and staff."), ("New visitor center exhibits open at {s}", "Interactive displays cover geology, wildlife and the park's first peoples."), ("Campground upgrades completed at {s}", "Renovated sites, new restrooms and bear boxes are ready for the coming season.")],
        ["{n1}", "{s} panorama", "View from {n2}", "{s} in winter", "Sunset over {n3}", "{s} trail map", "Wildlife near {n1}"],
        what="things to do", where="in {s}",
    ),
    "itinerary": Kind(
        "travel", mix(web=(7, 10), videos=(4, 6), images=(4, 7), places=(3, 5, 0.8), news=(3, 3, 0.3)),
        [
            ("wanderlustchloe.com", "{days} in {city}: The Perfect Itinerary", "A day-by-day plan for {days} in {city}, covering {n1}, {n2} and the best neighborhoods to explore in between."),
            ("reddit.com", "Rate my itinerary: {days} in {city} : r/{csub}", "First visit. Day 1: {n1} and {n2}. Day 2: {n3}. Commenters suggest grouping sights by neighborhood and leaving evenings free."),
            ("timeout.com", "The perfect {days} in {city}", "Our editors' ideal {days} in {city}: what to see, where to eat and how to get around."),
            ("cntraveler.com", "How to Spend {days} in {city}", "A smart plan for a short trip to {city}, with iconic sights like {n1} and a few local favorites."),
            ("goatsontheroad.com", "{city} Itinerary for First-Timers ({year})", "Costs, transport tips and a realistic daily schedule for a first trip to {city}, including {n2}."),
            ("nomadicmatt.com", "{city} Travel Guide: Costs, Tips & What to Do", "How much {city} costs, where to stay and the sights I'd put on any itinerary."),
            ("lonelyplanet.com", "Itinerary: {days} in {city}", "Make the most of {days} in {city} with our expert-planned route, from {n1} to hidden side streets."),
            ("{dom}", "Model Itineraries | Official Travel Guide", "Sample itineraries for {city}, with transport passes, seasonal events and maps."),
        ],
        [("How to Spend {days} in {city}", "travel"), ("{city} Itinerary for First-Timers", "travel"), ("{city} Travel Vlog — Day 1", "vlog"), ("{num} Things I Wish I Knew Before {city}", "travel"), ("{city} on a Budget", "travel"), ("Getting Around {city}: Transit Guide", "travel")],
        [("{city} tourist numbers hit record as currency stays favorable", "Arrivals are up sharply, with officials encouraging visitors to explore beyond the main sights."), ("New transit pass aims to simplify travel in {city}", "The pass covers trains and buses for up to three days and can be loaded on a phone."), ("{n1} introduces timed-entry tickets", "Visitors will need to book a slot online during peak season.")],
        ["{n1} at night", "{n2} in spring", "Street food in {city}", "{city} skyline", "Crowds at {n3}", "Quiet lane near {n1}"],
        what="things to see",
    ),
    "hotel": Kind(
        "travel", mix(web=(6, 9), places=(5, 6), images=(4, 6), videos=(3, 4, 0.5), news=(3, 3, 0.3)),
        [
            ("booking.com", "The {num} best hotels {where} | Booking.com", "Find great deals on hotels {where}, including {n1} and {n2}. Free cancellation on most rooms."),
            ("tripadvisor.com", "THE {num} BEST Hotels {where} {year}", "Compare prices and read traveler reviews for {n1}, {n2} and other top-rated hotels {where}."),
            ("cntraveler.com", "The Best Hotels {where}: Our Editors' Picks", "From boutique stays to grand dames, the hotels {where} our editors love, starting with {n1}."),
            ("reddit.com", "{Qs}? : r/{csub}", "Booking soon. Most replies say stay near a metro line; {n1} and {n2} get recommended for value, {n3} for a splurge."),
            ("thepointsguy.com", "The Best Points Hotels {where}", "Where to redeem hotel points {where}, with picks like {n2} and tips on when award rates are lowest."),
            ("timeout.com", "The {num} best hotels {where}", "Our local experts' favorite hotels {where}, for every budget."),
            ("hotels.com", "Cheap Hotels {where} – Hotel Deals", "Save on hotels {where} with member prices. Popular picks include {n1} and {n3}."),
            ("travelfish.org", "Where to Stay {where}: Best Areas & Neighborhoods", "We compare the best areas to stay {where} for first-timers, families and budget travelers, with hotel picks in each."),
        ],
        [("Where to Stay {where} (Best Areas)", "travel"), ("I Stayed at {n1} — Honest Review", "vlog"), ("Budget vs Luxury Hotels {where}", "vlog"), ("Hotel Room Tour: {n2}", "vlog")],
        [("Hotel rates {where} hit new highs", "Average nightly rates climbed again this year as demand outpaces new supply."), ("{n1} completes multimillion-dollar renovation", "Refreshed rooms, a new lobby bar and a rooftop terrace are now open to guests."), ("New hotel openings {where} this year", "More than a dozen properties are set to open, from budget pods to five-star towers.")],
        ["Room at {n1}", "Lobby of {n2}", "View from {n3}", "Pool at {n1}", "Breakfast at {n2}", "Exterior of {n3}"],
        what="hotels",
    ),
    "tips": Kind(
        "travel", mix(web=(7, 10), news=(3, 5, 0.8), videos=(3, 5, 0.8), images=(4, 5, 0.5)),
        [
            ("lonelyplanet.com", "Things to know before going to {city}", "Etiquette, money, safety and transport: our experts' essential advice before you travel to {city}."),
            ("reddit.com", "{Qs}? : r/travel", "First trip and a bit overwhelmed by {q}. Top answer: plan early, book the big-ticket items ahead and leave a buffer day."),
            ("nomadicmatt.com", "{city} Travel Guide: Costs, Tips & Advice", "How much a trip to {city} costs, the mistakes first-timers make and the tips I give friends."),
            ("travelandleisure.com", "{Q}, According to Experts", "We asked travel pros about {q}. Here's what they recommend, with month-by-month advice."),
            ("thepointsguy.com", "{Q}: What to Know Before You Book", "Timing, costs and booking strategy for {q}, from our travel experts."),
            ("ricksteves.com", "{city} Travel Tips", "Smart, practical advice for {city}: when to go, how to avoid lines and what to pack."),
            ("smartertravel.com", "{city} Travel: {What} Explained", "Straightforward, up-to-date guidance for travelers heading to {city}, updated for {year}."),
            ("wikivoyage.org", "{city} – Travel guide at Wikivoyage", "Open travel guide to {city} covering how to get in, get around, see, do, eat and stay safe."),
        ],
        [("{num} Things I Wish I Knew Before Visiting {city}", "travel"), ("{Q} — Explained", "travel"), ("{city} Travel Tips for First-Timers", "travel"), ("Watch This Before You Go to {city}", "vlog"), ("{city}: Common Tourist Mistakes", "travel")],
        [("Travel to {city} keeps climbing this year", "Tour operators report strong bookings and advise travelers to reserve popular experiences well ahead."), ("{city} updates rules for visitors", "Travelers should check entry requirements and new local fees before departure."), ("Airfares to {city} expected to ease this fall, analysts say", "More seats and competition on key routes could push average fares down in the shoulder season."), ("How to plan a trip to {city} on a budget this year", "Experts share tips on timing, transport passes and where to splurge."), ("Passport wait times ease ahead of peak travel season", "Routine processing is back to a few weeks, but officials still urge travelers to apply early.")],
        ["{city} landscape", "Travel essentials flat lay", "Map of {city}", "{city} at dawn", "Street in {city}"],
        what="travel tips",
    ),
    "roadtrip": Kind(
        "travel", mix(web=(6, 9), images=(5, 8), places=(4, 6), news=(3, 3, 0.3)),
        [
            ("roadtrippers.com", "{s} Road Trip: The Best Stops", "Plan your drive with the best stops along the way: {n1}, {n2}, {n3} and dozens of hidden gems."),
            ("reddit.com", "{Qs} — tips? : r/roadtrip", "Doing it next month. Commenters say don't rush it, fill up when you can, and {n1} is worth the detour."),
            ("lonelyplanet.com", "The ultimate {s} road trip", "Our favorite route, with overnight stops, scenic detours and where to eat along the way."),
            ("cntraveler.com", "How to Plan the Perfect {s} Road Trip", "How many days you need, which direction to drive and the stops we'd never skip, starting with {n1}."),
            ("travelandleisure.com", "{Q}: Routes, Stops and Tips", "Everything you need to plan {q}, including {n2} and the best time of year to go."),
            ("thebrokebackpacker.com", "{s} Road Trip Itinerary ({year})", "A day-by-day itinerary with budget tips, campgrounds and the views that made us pull over."),
            ("{dom}", "Scenic Drives | Official Travel Guide", "Official suggestions for scenic drives and road trips, with road conditions and seasonal closures."),
            ("atlasobscura.com", "Unusual Stops on the {s} Drive", "Quirky roadside attractions and hidden places along the way, beyond well-known stops like {n1}."),
        ],
        [("{s} Road Trip — Complete Guide", "travel"), ("Driving {s}: Best Stops", "vlog"), ("{num} {s} Stops You Can't Miss", "travel"), ("{n1} Drone Footage", "nature"), ("Our {s} Road Trip Vlog", "vlog")],
        [("Road closure: section of the route near {n1} reopens", "Transportation officials reopened the stretch after repairs, ahead of the busy summer season."), ("Road trip season: gas prices and tips for {s}", "Experts share how to budget for fuel, lodging and park fees this year."), ("Scenic byway upgrades planned near {n2}", "New pullouts and restrooms are planned to ease crowding at popular viewpoints.")],
        ["{n1} from the road", "Driving toward {n2}", "{n2} viewpoint", "{n3} at sunset", "Open road near {n1}", "Coastal curve near {n3}"],
        what="road trip stops", where="on the {s}",
    ),
    "ski": Kind(
        "travel", mix(web=(6, 9), images=(5, 7), places=(5, 6)),
        [
            ("onthesnow.com", "Best Ski Resorts in {s} ({year})", "Snow reports, lift ticket prices and reviews for {n1}, {n2} and every ski area in {s}."),
            ("skimag.com", "The Best Ski Resorts in {s}, Ranked by Readers", "Our annual reader survey ranks terrain, snow, value and après, with {n1} on top again."),
            ("reddit.com", "{Qs}? : r/{csub}", "Intermediate skier with a week off. Replies: {n1} for variety, {n2} for value, {n3} if you want fewer crowds."),
            ("colorado.com", "Colorado Ski Resorts | Official Tourism Site", "Compare Colorado ski areas, from destination resorts like {n1} to local hills, with travel tips and deals."),
            ("outsideonline.com", "Where to Ski in {s} This Season", "Our editors break down the best mountains for every kind of skier, including {n2}."),
            ("epicpass.com", "Epic Pass | Ski Resorts & Lift Tickets", "One pass for {n1}, {n2} and dozens more resorts. Buy before prices increase."),
            ("powder.com", "{n3} Resort Guide: Terrain, Tips & Lodging", "Everything you need for a trip to {n3}, from the best runs to where to stay."),
        ],
        [("Best Ski Resorts in {s} Ranked", "outdoor"), ("Skiing {n1} — Full Day", "outdoor"), ("{n2} vs {n3}: Which Is Better?", "outdoor"), ("Powder Day at {n1}", "outdoor")],
        [("{s} resorts report strong early-season snowpack", "Several mountains opened ahead of schedule after a series of storms."), ("Lift ticket prices top $300 at some {s} resorts", "Skiers are turning to multi-resort passes as walk-up prices keep rising."), ("I-70 traffic plan aims to ease ski weekend gridlock", "New express lanes and bus service are meant to cut travel times to the mountains.")],
        ["Groomers at {n1}", "Powder day at {n2}", "Chairlift at {n3}", "Village at {n1} at night", "Skier in the trees at {n2}"],
        what="ski resorts", where="in {s}",
    ),
    "nightlife": Kind(
        "travel", mix(web=(6, 9), places=(5, 6), images=(4, 6), news=(3, 3, 0.3)),
        [
            ("timeout.com", "The best bars {where} right now", "From honky-tonks to rooftop cocktail bars, the best places to drink {where}, including {n1}."),
            ("reddit.com", "{Qs} recs? : r/{csub}", "Group of 10 coming in June. Locals say start at {n1}, do {n2} for live music, and book {n3} ahead."),
            ("visitmusiccity.com", "Nightlife & Live Music | Visit Music City", "Live music every night of the week: honky-tonks on Broadway, listening rooms and rooftop bars."),
            ("thebacheloretteguide.com", "Ultimate {city} Bachelorette Party Guide", "Where to stay, what to do and where to party: a complete {city} bachelorette weekend plan."),
            ("tripadvisor.com", "THE {num} BEST {city} Bars & Clubs (Updated {year})", "Traveler favorites include {n1}, {n2} and {n3}."),
            ("eater.com", "Where to Eat and Drink on a Weekend {where}", "Brunch, barbecue and late-night bites to fuel a big weekend {where}."),
            ("cosmopolitan.com", "{num} Things to Do for a {city} Bachelorette", "Pedal taverns, line dancing and boot shopping: ideas for the bride-to-be and her crew."),
        ],
        [("{city} Nightlife Guide", "travel"), ("Best Bars {where}", "vlog"), ("Bachelorette Weekend {where} Vlog", "vlog"), ("Honky-Tonk Crawl: {n1} to {n2}", "vlog")],
        [("{city} is still the top bachelorette destination, data shows", "Booking platforms say group trips remain strong, with spring weekends filling first."), ("New rooftop bar opens {where}", "The venue adds live music and skyline views near the main strip."), ("{city} considers new rules for party vehicles", "Officials want to limit open-air party buses and pedal taverns downtown.")],
        ["Live band at {n1}", "Neon signs downtown", "Crowd at {n2}", "Rooftop at {n3}", "Boots and hats on Broadway"],
        what="bars and nightlife",
    ),
}

ENT_WEB_WIKI = ("en.wikipedia.org", "{kpt} - Wikipedia", "{desc}")

KINDS |= {
    # --- entertainment --------------------------------------------------------------------
    "film": Kind(
        "entertainment", mix(knowledge_panel=(1, 1), news=(3, 5), videos=(3, 6)),
        [
            ("rottentomatoes.com", "{s} | Rotten Tomatoes", "Read critic reviews and audience ratings for {s}, starring {p1} and {p2}. See the Tomatometer and Popcornmeter scores."),
            ("imdb.com", "{s} - IMDb", "{s}: cast & crew, user reviews, trivia and release info. Starring {p1}, {p2} and {p3}."),
            ("metacritic.com", "{s} Reviews - Metacritic", "See what critics are saying about {s}: aggregated reviews from top publications, plus user scores."),
            ("variety.com", "'{s}' Review: {p1} Anchors a Big-Screen Spectacle", "Our critic calls {s} ambitious and often dazzling, even when the story strains under its own weight."),
            ("theguardian.com", "{s} review – bold, strange and hard to shake", "A four-star review of {s}: {p1} gives a career-best performance in a film that rewards the big screen."),
            ("boxofficemojo.com", "{s} - Box Office Mojo", "Domestic and international box office for {s}, with weekend grosses, theater counts and release calendar."),
            ("screenrant.com", "{s} Ending Explained", "We break down the ending of {s}, what happens to {p1}'s character and what it means for a sequel."),
            ("justwatch.com", "{s} - where to watch streaming online", "Find out where to watch {s} online: stream, rent or buy it on the services available in your country."),
            ("ew.com", "Everything to know about {s}", "Cast, plot, release date and trailers: everything we know about {s}, starring {p1}."),
            ("reddit.com", "Official Discussion - {s} [SPOILERS] : r/movies", "Discussion thread for {s}. Top comment praises {p2}'s performance and the sound design."),
            ENT_WEB_WIKI,
            ("collider.com", "{s} Cast & Character Guide", "Who's who in {s}: {p1}, {p2}, {p3} and the rest of the ensemble, and where you've seen them before."),
        ],
        [("{s} | Official Trailer", "studio"), ("{s} — Review (No Spoilers)", "film"), ("{s} Ending Explained", "film"), ("{p1} & {p2} on Making {s}", "film"), ("Everything You Missed in {s}", "film"), ("{s} | Final Trailer", "studio"), ("{s}: Everything We Know So Far", "film")],
        [("'{s}' crosses major box office milestone", "The film keeps pulling audiences in its latest weekend, boosted by premium-format screens and strong word of mouth."), ("{p1} on the making of '{s}'", "In a new interview, the star talks about preparing for the role and the scenes that nearly broke them."), ("'{s}' sets streaming release date", "The film will arrive on streaming next month after its theatrical run."), ("Review roundup: critics weigh in on '{s}'", "Early reviews praise the performances and visuals, with some reservations about the running time."), ("'{s}' sequel talks heat up, sources say", "The studio is said to be in early conversations with key cast and the director about a follow-up."), ("{p2} joins new project after '{s}'", "The actor has signed on to a high-profile drama shooting later this year.")],
        ["{s} official poster", "{p1} in {s}", "{s} still: {p2}", "{s} premiere red carpet", "Behind the scenes of {s}", "{p3} at the {s} premiere", "{s} IMAX poster"],
        sub="movies",
    ),
    "tv": Kind(
        "entertainment", mix(knowledge_panel=(1, 1), news=(3, 5), videos=(3, 6)),
        [
            ("imdb.com", "{s} (TV Series) - IMDb", "{s}: episode guide, cast & crew, user reviews and trivia. Starring {p1}, {p2} and {p3}."),
            ("rottentomatoes.com", "{s}: {season} | Rotten Tomatoes", "Critic reviews and audience scores for {s} {season}, with episode ratings and where to watch."),
            ("vulture.com", "{s} {season} Recap: Everything That Happened", "Our episode-by-episode recaps of {s} {season}, from the premiere to the finale."),
            ("tvline.com", "{s} {season}: Release Date, Cast, Trailer", "Everything we know about {s} {season}, including returning cast {p1} and {p2}."),
            ("deadline.com", "'{s}' {season}: Cast Additions and Premiere News", "The latest on {s}, including casting news and how the season was filmed."),
            ("justwatch.com", "{s} - watch tv show streaming online", "Find out where to stream every season of {s}, plus free trials and episode availability."),
            ("reddit.com", "{s} - {season} Discussion Thread : r/television", "Season-wide discussion for {s}. Top comment: {p1} deserves every award for this season."),
            ("hollywoodreporter.com", "'{s}' {season} Review", "Our critic on {s} {season}: confident, surprising and sometimes frustrating, with {p2} a standout."),
            ("screenrant.com", "{s} {season} Ending Explained", "What the {s} {season} finale means for {p1}'s character and where the story could go next."),
            ENT_WEB_WIKI,
            ("ew.com", "{Q}: Everything We Know", "Premiere date, plot details and cast for {s}, including what {p1} has said about the new episodes."),
        ],
        [("{s} {season} | Official Trailer", "studio"), ("{s} {season} Recap", "tv"), ("{s} {season} Ending Explained", "tv"), ("{p1} Breaks Down Their Biggest Scenes", "tv"), ("{s}: Every Easter Egg You Missed", "tv")],
        [("'{s}' {season} premiere date announced", "The network confirmed the return date with a new teaser featuring {p1}."), ("'{s}' renewed for another season", "The renewal comes after strong viewership and critical acclaim."), ("{p1} teases what's next on '{s}'", "The star hinted at bigger stakes and a few surprising reunions."), ("'{s}' finale draws record audience", "The finale became the platform's most-watched episode of the show to date."), ("'{s}' leads Emmy nominations", "The series earned nods in drama and acting categories, including for {p2}."), ("Inside the writers' room of '{s}'", "The showrunners explain how they mapped out the season's biggest twists.")],
        ["{s} {season} key art", "{p1} in {s}", "{s} cast photo", "{s} behind the scenes", "{p2} in a scene from {s}", "{s} poster"],
        sub="television",
    ),
    "music": Kind(
        "entertainment", mix(knowledge_panel=(1, 1), news=(3, 5), videos=(4, 6)),
        [
            ("setlist.fm", "{s} Setlist – {work}", "Get the {s} setlist from {work}: every song played, including '{p1}', '{p2}' and surprise songs."),
            ("billboard.com", "{s}'s {work}: Everything to Know", "Dates, songs and records: a complete guide to {s}'s {work}, including the best moments so far."),
            ("rollingstone.com", "Review: {s}'s {work} Is a Triumph", "Our critic on {work}: a generous, career-spanning show built around '{p1}' and '{p3}'."),
            ("pitchfork.com", "{s}: {work}", "{s}'s latest chapter is ambitious and personal; '{p2}' is a standout."),
            ("genius.com", "{s} – {p1} Lyrics", "Lyrics and annotations for '{p1}' by {s}, plus the story behind the song."),
            ("ticketmaster.com", "{s} Tickets, {year} Concert Dates", "Buy {s} tickets and find upcoming concert dates near you. Verified resale tickets available."),
            ("open.spotify.com", "{s} | Spotify", "Listen to {s} on Spotify: top tracks include '{p1}', '{p2}' and '{p3}'."),
            ("reddit.com", "{Qs} : r/popheads", "Thread about {q}. Top comments rank '{p1}' and '{p2}' as the highlights."),
            ENT_WEB_WIKI,
            ("stereogum.com", "{s} Shares New Details About {work}", "{s} opened up about {work} in a new interview, including why '{p2}' made the cut."),
        ],
        [("{s} – {p1} (Live)", "music"), ("{s} – {p2} (Official Video)", "music"), ("{work}: Full Setlist Breakdown", "musicfans"), ("{s} – {p3} (Official Audio)", "music"), ("Reacting to {s} — {work}", "musicfans"), ("{s}: The Story Behind '{p1}'", "musicfans")],
        [("{s} adds new dates to {work}", "Fans can register for presale access; the new shows follow sellouts in several cities."), ("{s}'s '{p1}' returns to the Hot 100 top 10", "The song jumped back up the chart thanks to a viral live moment."), ("Fans decode {s}'s surprise song choices", "Each show has included rotating surprise songs, fueling speculation about what's next."), ("{s} announces new music", "The singer teased a project in a social post, sending fans into a frenzy."), ("Ticket prices for {s} shows draw scrutiny", "Consumer advocates renewed calls for all-in pricing after resale prices spiked."), ("{s} breaks streaming record", "The artist topped global charts for the week, led by '{p2}'.")],
        ["{s} performing live", "{work} stage", "{s} album cover", "{s} on the red carpet", "Crowd at a {s} concert", "{s} backstage", "Fans at {work}"],
        sub="popheads",
    ),
    "festival": Kind(
        "entertainment", mix(knowledge_panel=(1, 1), news=(4, 5), videos=(3, 5)),
        [
            ("coachella.com", "Coachella Valley Music and Arts Festival", "Official site of the {s} festival: lineup, passes, camping, shuttles and FAQs."),
            ("billboard.com", "{s} {year} Lineup: {p1}, {p2} and {p3} to Headline", "The full {s} {year} lineup is here, with {p1}, {p2} and {p3} at the top of the bill."),
            ("rollingstone.com", "{s} {year} Lineup Revealed", "Our take on the biggest names, the best undercard picks and the surprises on this year's {s} poster."),
            ("reddit.com", "{s} {year} Lineup Megathread : r/Coachella", "Lineup reactions: excitement for {p1}, debate about {p2}, and the usual pass-price grumbling."),
            ("pitchfork.com", "{s} {year} Lineup: The Acts You Shouldn't Miss", "Beyond the headliners, the sets we're most excited to see at {s} this year."),
            ENT_WEB_WIKI,
            ("vulture.com", "Every {s} {year} Headliner, Ranked", "From {p1} to {p3}, how this year's headliners stack up."),
            ("timeout.com", "{s} {year}: Dates, Tickets and How to Get There", "Everything you need to know about going to {s}, from passes to shuttles to what to pack."),
        ],
        [("{s} {year} Lineup Reaction", "musicfans"), ("{s} Survival Guide", "vlog"), ("{p1} Live at {s}", "music"), ("{s} Weekend 1 Vlog", "vlog")],
        [("{s} {year} lineup announced with {p1}, {p2} and {p3}", "The festival's two weekends will feature more than 150 acts across seven stages."), ("{s} passes sell out within hours", "Fans scrambled for general admission passes; a waitlist is open for resale."), ("{s} adds new stage and later set times", "Organizers say the changes aim to reduce crowding between headline sets."), ("What to know about {s} shuttles and parking this year", "New shuttle routes and pricing are in place for both weekends."), ("{p1} promises surprises for {s} headline set", "The singer teased special guests and new staging.")],
        ["{s} main stage", "{s} ferris wheel at dusk", "Crowd at {s}", "{p1} on stage", "Art installation at {s}"],
        sub="Coachella",
    ),
    "game": Kind(
        "entertainment", mix(knowledge_panel=(1, 1), news=(3, 5), videos=(4, 6)),
        [
            ("ign.com", "{s} Walkthrough & Guide - IGN", "Our complete {s} guide: walkthrough, tips, collectibles and how to beat {p1}."),
            ("game8.co", "{s} Walkthrough & Guides Wiki", "Complete guides for {s}: story walkthrough, best builds, {p2} tips and more."),
            ("fextralife.com", "{s} Wiki", "Everything about {s}: {p1}, {p2}, items, maps and secrets, maintained by the community."),
            ("gamespot.com", "{s} Review", "{s} is a confident, generous game that rewards curiosity, though a few sections drag."),
            ("polygon.com", "{s} guide: {p1} tips and strategy", "How to handle {p1} in {s}, plus what to do first and what you can safely skip."),
            ("pcgamer.com", "{s}: {num} tips I wish I knew before starting", "Hard-won advice for {s}, from early upgrades to the secrets around {p2}."),
            ("reddit.com", "{Qs} : r/gaming", "Thread about {q}. Top comments share their order for {p1} and {p2}, and one very cursed strategy."),
            ENT_WEB_WIKI,
            ("eurogamer.net", "{s} - everything we know", "Release details, platforms and the latest on {s}."),
            ("metacritic.com", "{s} Reviews - Metacritic", "Critic and user reviews for {s} across platforms."),
        ],
        [("{s} — Full Walkthrough Part 1", "gaming"), ("{s}: {num} Tips I Wish I Knew", "gaming"), ("How to Beat {p1} in {s}", "gaming"), ("{s} Review", "gaming"), ("{s} — Official Trailer", "publisher"), ("{s}: Best Early Upgrades", "gaming"), ("Everything We Know About {s}", "gaming"), ("{s}: Trailer Breakdown", "gaming")],
        [("{s} update adds new content and fixes", "The latest patch brings balance changes, quality-of-life tweaks and performance improvements."), ("{s} sales top milestone", "The publisher says the game has sold millions of copies worldwide."), ("{s} patch notes: {p1} changes explained", "Players noticed a number of adjustments after the latest update."), ("Speedrunners find new skip in {s}", "A new route shaves minutes off the world record."), ("{s} wins big at industry awards", "The game picked up honors for design and art direction.")],
        ["{s} key art", "{s} screenshot: {p1}", "{p2} in {s}", "{s} map", "{s} boxart", "{p1} concept art"],
        sub="gaming",
    ),
    "book": Kind(
        "entertainment", mix(knowledge_panel=(1, 1), news=(3, 4, 0.7), videos=(3, 4), images=(4, 6)),
        [
            ("goodreads.com", "{s} by {author} | Goodreads", "Ratings and reviews for {s} by {author}. Readers rave about {p1} and the pacing of the later books."),
            ("bookriot.com", "{s}: The Complete Reading Order", "Where to start, what order to read in and what's coming next, from {p1} onward."),
            ("nytimes.com", "{author} and the Enduring Appeal of {s}", "Why readers keep coming back to {author}'s {s}, and what the books get right."),
            ("reddit.com", "{Qs}? : r/books", "Readers weigh in on {q}. Most say start with {p1}; {p2} divides opinion."),
            ENT_WEB_WIKI,
            ("barnesandnoble.com", "{s} by {author} | Barnes & Noble", "Shop {s} by {author} in hardcover, paperback, ebook and audiobook."),
            ("penguinrandomhouse.com", "Books by {author}", "Explore books by {author}, including {p1} and {p2}, with excerpts and reading guides."),
            ("fandom.com", "{s} Wiki", "The fan wiki for {s}: characters, places and timeline, including {p3}."),
        ],
        [("{s} Explained", "books"), ("{author} on Writing {s}", "books"), ("{p1} — Book Review (Spoiler Free)", "books"), ("Ranking Every {author} Book", "books")],
        [("{author} announces new book", "The bestselling author revealed the title and release date in a post to fans."), ("'{p1}' tops bestseller list again", "The book returned to No. 1 as new readers discover the series."), ("Adaptation of '{p2}' moves forward", "A studio has hired writers, with casting expected later this year."), ("Booksellers report record preorders for {author}", "Independent stores are planning midnight release parties.")],
        ["{p1} book cover", "{author} portrait", "{p2} fan art", "{s} box set", "{p3} special edition"],
        sub="books",
    ),
    "list": Kind(
        "entertainment", mix(web=(8, 10), videos=(3, 5), images=(4, 8), news=(3, 4, 0.6)),
        [
            ("rottentomatoes.com", "{num} Best {Thing}, Ranked by Tomatometer", "Our guide to the best {thing}, from {p1} to {p2}, ranked by critics' scores."),
            ("imdb.com", "{Q} - IMDb", "A user list of {thing}: {p1}, {p2}, {p3} and more, with ratings and where to watch."),
            ("vulture.com", "The Best {Thing}, According to Our Critics", "Our critics pick the {thing} worth your time, with {p1} at the top."),
            ("reddit.com", "{Qs}? : r/{sub}", "Asking for recommendations: {q}. Top answers: {p1}, {p2} and a very passionate case for {p3}."),
            ("collider.com", "{num} Best {Thing} You Need to See", "From {p1} to {p3}, the essential {thing}, with where to stream each one."),
            ("indiewire.com", "The Best {Thing}, Ranked", "Our staff ranks the best {thing}, including a few you may have missed."),
            ("ranker.com", "The Best {Thing} (Ranked by Fans)", "Vote on the best {thing}. Current top picks: {p1}, {p2} and {p3}."),
            ("npr.org", "{num} {Thing} We Can't Stop Thinking About", "Our critics and producers share the {thing} that stuck with them, led by {p2}."),
            ("theguardian.com", "The best {thing} – ranked!", "Our critics count down the best {thing}, from {p3} to the very top spot: {p1}."),
            ("justwatch.com", "{Thing}: Where to Stream Them", "Find where to stream {p1}, {p2} and other {thing}, updated daily."),
        ],
        [("{Q}: My Top Picks", "film"), ("Top {num} {Thing}", "film"), ("{p1} — Review", "film"), ("{Thing} You Probably Missed", "film"), ("Why {p2} Works So Well", "film")],
        [("'{p1}' leads streaming charts this week", "The title topped viewing charts, pushing {p2} to second place."), ("The best {thing} of the year so far", "Our critics' midyear list highlights {p1} and {p3}."), ("'{p2}' getting a sequel", "The follow-up is in early development with the original team attached."), ("Why {thing} are having a moment", "Audiences are flocking to {thing}, and studios are taking notice."), ("The {thing} everyone is talking about", "From {p1} to {p2}, these are dominating conversation this month."), ("'{p3}' named a critics' pick", "The title earned praise for its ambition and craft.")],
        ["{p1} poster", "{p2} still", "{p3} poster", "{p1} behind the scenes", "{p2} key art", "Collage of {thing}"],
    ),
    "awards": Kind(
        "entertainment", mix(knowledge_panel=(1, 1), news=(4, 5), videos=(3, 5)),
        [
            ("oscars.org", "{kpt} | Oscars.org", "The official list of nominees and winners for the {kpt}, with ceremony details and how to watch."),
            ("variety.com", "{Q}: The Full List", "The complete list of nominees and winners, led by '{p1}' and '{p2}'."),
            ("hollywoodreporter.com", "{kpt}: Snubs and Surprises", "Our take on the biggest snubs and surprises, from '{p3}' to the acting races."),
            ("deadline.com", "{kpt} Winners: Live Updates", "Live updates from the {kpt}, with every winner as it's announced."),
            ("goldderby.com", "{kpt} Predictions: Who Will Win?", "Expert and user predictions in every category, with '{p1}' the current favorite."),
            ("nytimes.com", "{kpt}: What to Know", "When they are, how to watch, who's nominated and who we think will win."),
            ENT_WEB_WIKI,
            ("reddit.com", "{Qs} - Discussion : r/{sub}", "Discussion thread. Top comments: '{p1}' deserved it, and the host was better than expected."),
            ("ew.com", "{kpt}: See the Complete Winners List", "All the winners, from '{p1}' to '{p2}', plus the night's best moments."),
        ],
        [("{kpt}: Nominations Reaction", "film"), ("{kpt} Predictions", "film"), ("Best Moments from the {kpt}", "studio"), ("{kpt} Red Carpet Highlights", "tv")],
        [("{kpt}: '{p1}' leads the field", "The film earned the most nominations, followed closely by '{p2}'."), ("{kpt}: snubs and surprises", "Voters left out several favorites, while '{p3}' scored unexpected nods."), ("Who will win at the {kpt}? Our predictions", "Our critics pick the likely winners and who should win."), ("{kpt} ratings rise for second year", "Viewership climbed, helped by streaming and a well-received host."), ("Producers tease changes for the {kpt} telecast", "Expect a tighter show and new ways to present some categories.")],
        ["{kpt} red carpet", "{p1} team at the ceremony", "Stage at the {kpt}", "Winners backstage at the {kpt}", "{p2} cast on the red carpet"],
    ),
    "venue": Kind(
        "entertainment", mix(web=(6, 8), places=(5, 6), images=(4, 6, 0.6), news=(3, 3, 0.3), videos=(3, 3, 0.4)),
        [
            ("yelp.com", "TOP 10 BEST {S} in {city} - Updated {year}", "Top picks for {s} in {city}: {n1}, {n2} and {n3}. Read reviews and see photos."),
            ("timeout.com", "The best {s} in {city}", "Our local editors' guide to the best {s} in {city}, from {n1} to hidden gems."),
            ("reddit.com", "Best {s} in {city}? : r/{csub}", "Locals recommend {n1}, {n2} for something more low-key, and {n3} if you can get tickets."),
            ("tripadvisor.com", "THE {num} BEST {city} {S} (Updated {year})", "Traveler reviews and photos of {s} in {city}, including {n1} and {n2}."),
            ("eventbrite.com", "{S} in {city}: Events & Tickets", "Discover upcoming shows and events at {s} in {city} this week and book tickets online."),
            ("{dom}", "{S} | Official Visitor Guide", "Find {s} in {city}, with event listings and neighborhood guides."),
            ("theinfatuation.com", "Where to Go Before and After {S} in {city}", "Dinner and drinks near {n1} and {n2}, for a full night out."),
        ],
        [("Best {S} in {city}", "vlog"), ("Inside {n1}", "vlog"), ("A Night Out at {n2}", "vlog")],
        [("New {s} opening in {city}", "The venue promises a packed calendar and a bar with late hours."), ("{n1} marks anniversary with special events", "The beloved venue is celebrating with a month of shows."), ("{city} weekend guide: what to do", "Our picks for the week ahead, from live shows to new openings.")],
        ["Inside {n1}", "{n2} entrance", "Stage at {n3}", "Marquee at {n1}", "Crowd at {n2}"],
    ),
}

KINDS |= {
    # --- shopping: {rsite}/{rname} is a review site, {msite}/{mname} a merchant ----------
    "best": Kind(
        "shopping", mix(web=(7, 10), products=(6, 8), videos=(3, 5), images=(4, 6, 0.6), news=(3, 3, 0.4)),
        [
            ("{rsite}", "The {num} Best {S} of {year} | {rname}", "We tested {tested} {s} side by side. Our top pick is the {n1}; the {n2} is the best value."),
            ("{rsite}", "Best {S} ({year}): Tested and Reviewed", "After weeks of testing, the {n1} is our favorite overall, with the {n3} a close runner-up."),
            ("{rsite}", "The Best {S}, According to Our Tests", "We measured, compared and lived with {tested} {s}. Here are the ones worth buying, starting with the {n2}."),
            ("{rsite}", "{n1} Review: Still the One to Beat?", "The {n1} remains one of the best {s} you can buy, though the {n2} closes the gap."),
            ("{rsite}", "{n1} vs {n2}: Which Should You Buy?", "Two of the most popular {s}, compared on comfort, features and value."),
            ("{rsite}", "Best {S} for Every Budget", "Our picks at every price point, from the {n3} to the {n1}."),
            ("reddit.com", "{Qs}? : r/{sub}", "Been researching {s} for weeks. Most replies recommend the {n1}; a few swear by the {n2} if you can find it on sale."),
            ("amazon.com", "Amazon.com: {q}", "Results for {q}: {n1}, {n2} and more. Free shipping on eligible orders."),
            ("{msite}", "{S} | {mname}", "Shop {s} at {mname}. Compare top brands like {b1} and {b2}, read reviews and get fast shipping."),
        ],
        [("Best {S} in {year} — Tested & Ranked", "tech"), ("{n1} Review: Still the Best?", "tech"), ("{n1} vs {n2}", "tech"), ("Don't Buy {S} Until You Watch This", "tech"), ("{n2} — Long-Term Review", "tech"), ("{n3}: Honest Review After 3 Months", "tech")],
        [("{n1b} cuts prices on the {n1m}", "The discount brings the popular model to one of its lowest prices this year."), ("{n2b} refreshes the {n2m} with new colors and features", "The update keeps the price the same and adds a few long-requested features."), ("Prices on {s} could rise as tariffs bite", "Retailers warn shoppers that some models may cost more later this year."), ("Shoppers flock to budget {s}, data shows", "Sales of midrange models grew fastest as buyers hunted for value.")],
        ["{n1}", "{n2} in use", "{n1} side view", "{n3} color options", "{S} lineup", "{n2} close-up"],
        where="",
    ),
    "compare": Kind(
        "shopping", mix(web=(7, 10), products=(4, 6), videos=(4, 6), news=(3, 4, 0.6), images=(4, 6, 0.5)),
        [
            ("{rsite}", "{a} vs. {b}: Which Is Better?", "We put the {a} and {b} head to head. Here's which one we'd buy, and who should pick the other."),
            ("{rsite}", "{a} vs {b}: {num} Key Differences", "Size, features, performance and price: the differences that actually matter between the {a} and {b}."),
            ("reddit.com", "{a} or {b}? : r/{sub}", "Torn between the two. Most replies lean toward the {b} for value, but the {a} wins if you care about polish."),
            ("{rsite}", "{a} Review", "Our full review of the {a}: what's great, what's not and who it's for."),
            ("{rsite}", "{b} Review", "The {b} gets a lot right, with a few compromises. Our verdict after weeks of use."),
            ("versus.com", "{a} vs {b}: What Is the Difference?", "Side-by-side comparison of the specs and features of the {a} and {b}."),
            ("{rsite}", "I Used the {a} and {b} for a Month — Here's My Verdict", "After a month of daily use, one of these clearly fit my life better."),
            ("{msite}", "{a} | {mname}", "Shop the {a} and compare models, prices and reviews at {mname}."),
        ],
        [("{a} vs {b}: Which Should You Buy?", "tech"), ("{a} vs {b} — Real World Test", "tech"), ("I Switched from {a} to {b}", "tech"), ("{a} vs {b}: Don't Choose Wrong", "tech"), ("{b} — Full Review", "tech")],
        [("{b} gets its first big discount", "Retailers cut the price for a limited time, narrowing the gap with the {a}."), ("{a} vs {b}: early sales numbers", "Analysts say both are selling well, with the {a} ahead in the U.S."), ("What's next after the {a}?", "Leaks point to a refresh next year with a few key upgrades."), ("Review: the {b} is better than you'd expect", "It doesn't win every test, but it gets the basics right.")],
        ["{a}", "{b}", "{a} and {b} side by side", "{n1} close-up", "{n2} in use"],
        where="",
    ),
    "review": Kind(
        "shopping", mix(web=(7, 10), products=(4, 6), videos=(4, 6), news=(3, 4, 0.7), images=(4, 6)),
        [
            ("{rsite}", "{s} Review: Big Upgrade, Bigger Price?", "The {s} delivers where it counts, though a few rivals match it for less."),
            ("{rsite}", "{s} Review", "Our full review of the {s}: performance, comfort, features and value compared with the {n2}."),
            ("{rsite}", "{s} Long-Term Review: Six Months Later", "How the {s} holds up after months of daily use, and what we'd change."),
            ("reddit.com", "{s} — honest thoughts after a few weeks? : r/{sub}", "Owners share their impressions of the {s}: mostly positive, with a few quirks worth knowing."),
            ("{rsite}", "{s} vs {n2}: Which Should You Buy?", "A close comparison on specs, real-world use and price."),
            ("amazon.com", "Amazon.com: {s}", "Shop the {s} with fast, free shipping on eligible orders. Read customer reviews."),
            ("{maker}", "{s} | Official Site", "Discover the {s}: features, specs and where to buy."),
            ("{rsite}", "Is the {s} Worth It?", "We weigh the {s} against its closest competitors, including the {n3}."),
        ],
        [("{s} Review: Is It Worth It?", "tech"), ("{s} — 1 Month Later", "tech"), ("{s} vs {n2}", "tech"), ("{s} Unboxing & Setup", "tech"), ("{s}: Things I Wish I Knew", "tech")],
        [("{s} gets first discount", "Several retailers have cut the price for a limited time."), ("{s} update brings new features", "A software update adds requested features and fixes."), ("Reviewers praise the {s}", "Early reviews are positive, with some quibbles about price."), ("{s} successor rumored for next year", "Leaks suggest a redesign is in the works.")],
        ["{s}", "{s} in use", "{s} close-up", "{s} color options", "{n2} next to {s}", "{s} box contents"],
        where="",
    ),
    "deals": Kind(
        "shopping", mix(web=(6, 9), products=(6, 8), news=(4, 5), videos=(3, 4, 0.6), images=(3, 4, 0.3)),
        [
            ("slickdeals.net", "{S} Deals – Slickdeals", "Community-voted {s} deals, updated throughout the day. Hot right now: the {n1}."),
            ("9to5toys.com", "Best {S} deals this week", "We track {s} prices daily. Today's top pick: the {n1} at one of its lowest prices."),
            ("tomsguide.com", "{Q}: the deals I'd actually buy", "Our deals editor picks the discounts worth your money, from the {n1} to the {n2}."),
            ("{msite}", "{S} Deals | {mname}", "Shop {s} deals at {mname}. Limited-time prices on the {n1}, {n2} and more."),
            ("reddit.com", "{Qs} : r/{sub}", "Deal thread. Price history shows the {n1} has been lower before, but this is close."),
            ("cnet.com", "Best {S} Deals: Save on Top Models", "The best discounts we can find right now, checked against price history."),
            ("camelcamelcamel.com", "{n1} Price History", "Track Amazon price history for the {n1} and set an alert for price drops."),
            ("dealnews.com", "{S} Deals & Coupons", "Today's best {s} coupons and sales, verified by our editors."),
        ],
        [("Best {S} Deals Right Now", "tech"), ("{S} Deals: What's Actually Worth Buying", "tech"), ("Don't Miss These {S} Deals", "tech"), ("{n1} — Is the Deal Worth It?", "tech")],
        [("Early {s} deals are already live", "Retailers kicked off sales early, with the {n1} at a record low."), ("{n1} drops to its lowest price ever", "The discount is available at several retailers for a limited time."), ("How to tell a real deal from a fake one", "Price trackers show some 'sale' prices are the same as last month."), ("Retailers expect record online sales this season", "Analysts predict strong demand despite higher prices."), ("Best {s} deals from {b1} and {b2}", "Our roundup of the discounts worth your money.")],
        ["{n1}", "{n2} deal", "{S} on sale", "{n3}"],
        where="",
    ),
    "store": Kind(
        "shopping", mix(web=(6, 8), places=(5, 6), images=(3, 4, 0.3), news=(3, 3, 0.4), videos=(3, 3, 0.3)),
        [
            ("yelp.com", "TOP 10 BEST {S} near {city} - Updated {year}", "Top picks near you: {n1}, {n2} and {n3}. See hours, photos and reviews."),
            ("reddit.com", "{Qs}? : r/{csub}", "Locals weigh in: {n1} has the best selection, {n2} is easier to park at."),
            ("mapquest.com", "{S} near {city} | MapQuest", "Find {s} locations near you, with hours, phone numbers and directions."),
            ("timeout.com", "The best {s} in {city}", "Our guide to the best {s} in {city}, from big names to local favorites."),
            ("consumerreports.org", "{S}: What to Know Before You Go", "Shopping tips, price comparisons and member reviews."),
        ],
        [("Shopping at {n1}", "vlog"), ("{S}: Tips to Save Money", "tech"), ("Inside {n2}", "vlog")],
        [("New {s} location opening in {city}", "The company confirmed a new store, set to open this fall."), ("{n1} expands hours for the holidays", "Stores will open earlier and close later through December."), ("Retail foot traffic rebounds in {city}", "Data shows more shoppers returning to in-person stores.")],
        ["{n1} storefront", "Inside {n2}", "{S} showroom"],
        where="near {city}",
    ),
}

KINDS |= {
    # --- health -----------------------------------------------------------------------------
    "condition": Kind(
        "health", mix(knowledge_panel=(1, 1), web=(7, 10), videos=(3, 5), news=(3, 4, 0.7), images=(4, 5, 0.4)),
        [
            ("mayoclinic.org", "{kpt} - Symptoms and causes - Mayo Clinic", "Learn about {kpt_l}: common symptoms, what causes it, risk factors and when to see a doctor."),
            ("clevelandclinic.org", "{kpt}: Symptoms, Causes, Treatment & Prevention", "Cleveland Clinic explains {kpt_l}, how it's diagnosed and the treatments that help most people feel better."),
            ("webmd.com", "{kpt}: Signs, Symptoms and What to Do", "The warning signs of {kpt_l}, home care tips and when symptoms mean you should get medical help."),
            ("healthline.com", "{Q}: What to Know", "A medically reviewed look at {q}, including how symptoms compare, how long they last and treatment options."),
            ("medlineplus.gov", "{kpt} | MedlinePlus", "Learn about {kpt_l} from the National Library of Medicine: symptoms, causes, treatment and related health topics."),
            ("nhs.uk", "{kpt} - NHS", "Find out about {kpt_l}, including symptoms, treatments and when to get medical help."),
            ("hopkinsmedicine.org", "{kpt} | Johns Hopkins Medicine", "What {kpt_l} is, who gets it and how it's treated, from Johns Hopkins experts."),
            ("verywellhealth.com", "{Q}", "Doctors explain {q}: the symptoms to watch, what helps at home and when to call your doctor."),
            ("reddit.com", "{Qs}? : r/AskDocs", "Asking about {q}. Replies from verified clinicians explain the usual pattern and the red flags that need urgent care."),
            ("health.harvard.edu", "{S}: What You Should Know", "Harvard Health on {s}: what's normal, what isn't and practical steps you can take today."),
        ],
        [("{kpt}: Symptoms, Causes & Treatment", "health"), ("Doctor Explains {S}", "doctor"), ("{kpt} — When to See a Doctor", "doctor"), ("{Q}? A Doctor Answers", "doctor"), ("{S} in 3 Minutes", "health")],
        [("Doctors explain the warning signs of {s}", "Specialists say many people wait too long to get checked, and share the symptoms that shouldn't be ignored."), ("New guidelines on treating {kpt_l}", "The updated recommendations emphasize earlier diagnosis and shared decision-making."), ("{S}: what the latest research shows", "A new review of studies sheds light on who is most at risk and which treatments work best."), ("Why {kpt_l} often goes undiagnosed", "Experts say symptoms can be subtle or mistaken for something else."), ("Ask the doctor: {q}", "A physician answers a reader's question and explains when to seek care.")],
        ["{kpt} illustration", "Infographic: {s}", "{kpt} diagram", "Doctor examining a patient", "{S} chart"],
    ),
    "howto": Kind(
        "health", mix(web=(7, 10), videos=(4, 6), news=(3, 4, 0.6), images=(4, 6, 0.5)),
        [
            ("mayoclinic.org", "{S}: Tips From Mayo Clinic", "Practical, evidence-based guidance on {s} from Mayo Clinic experts, and when to talk with your doctor."),
            ("health.harvard.edu", "{S}: what the research says", "Harvard Health reviews the evidence on {s} and the changes that make the biggest difference."),
            ("clevelandclinic.org", "{S}: Advice From Our Experts", "Cleveland Clinic specialists share what actually works for {s}."),
            ("webmd.com", "{S}: What Works and What Doesn't", "Tips and myths about {s}, reviewed by doctors."),
            ("healthline.com", "{S}: {num} Evidence-Based Tips", "Simple, science-backed steps for {s}, with notes on how strong the evidence is."),
            ("reddit.com", "{Qs}? : r/{sub}", "Asking about {q}. Top replies share what worked for them, plus a reminder to check with a doctor."),
            ("verywellhealth.com", "{S}: A Practical Guide", "A step-by-step guide to {s}, reviewed by a board-certified physician."),
            ("nytimes.com", "Well: {S}, Explained", "What experts say about {s}, and the small habits that add up."),
            ("nih.gov", "{S} | National Institutes of Health", "Research-based information about {s} from the NIH."),
        ],
        [("{S}: {num} Tips That Actually Work", "doctor"), ("A Doctor's Guide to {S}", "doctor"), ("{Q} (Doctor Explains)", "doctor"), ("{S} — Myths vs Facts", "health")],
        [("What doctors want you to know about {s}", "Simple daily habits can make a meaningful difference, experts say."), ("Study: small changes help with {s}", "Researchers found that modest lifestyle changes had measurable benefits within weeks."), ("{S}: new advice from experts", "Updated guidance stresses consistency over quick fixes."), ("Ask the doctor: {q}", "A physician answers a reader's question and explains the evidence.")],
        ["{S} infographic", "Healthy habits for {s}", "{S} illustration", "Checklist: {s}", "Doctor talking with a patient"],
        sub="AskDocs",
    ),
    "drug": Kind(
        "health", mix(knowledge_panel=(1, 1), web=(7, 10), news=(3, 5), videos=(3, 4, 0.7), images=(3, 4, 0.3)),
        [
            ("drugs.com", "{kpt}: Uses, Dosage, Side Effects, Warnings - Drugs.com", "{kpt} is used for {uses}. Learn about side effects, interactions, dosage and warnings."),
            ("mayoclinic.org", "{kpt} - Mayo Clinic", "Descriptions, proper use, precautions and side effects of {kpt_l}."),
            ("medlineplus.gov", "{kpt}: MedlinePlus Drug Information", "Why {kpt_l} is prescribed or recommended, how to use it and what side effects can occur."),
            ("webmd.com", "{kpt}: Uses, Side Effects, Interactions, Pictures", "Find patient information for {kpt_l}, including uses, side effects and safety."),
            ("healthline.com", "{Q}: What to Know", "A pharmacist-reviewed look at {q}: what the evidence says, typical doses and who should avoid it."),
            ("goodrx.com", "{kpt}: Uses, Side Effects and Prices", "Compare prices and read what a pharmacist wants you to know about {kpt_l}."),
            ("clevelandclinic.org", "{kpt}: What It Is, Uses & Side Effects", "Cleveland Clinic explains how {kpt_l} works and what to watch for."),
            ("reddit.com", "{Qs}? : r/{sub}", "Question about {q}. Pharmacists in the thread explain the basics and recommend checking with your own doctor."),
            ("health.harvard.edu", "{S}: what you need to know", "Harvard Health weighs the benefits and risks of {s}."),
        ],
        [("{kpt}: What You Need to Know", "doctor"), ("Pharmacist Explains {kpt}", "pharmacist"), ("{Q} — Explained", "doctor"), ("{kpt}: Side Effects & Tips", "pharmacist")],
        [("New research on {kpt_l} and long-term use", "A large study adds to evidence on safety, with researchers urging patients to follow labeled doses."), ("FDA updates labeling for {kpt_l}", "The change clarifies warnings and dosing information for patients."), ("{kpt} demand keeps climbing", "Pharmacies report strong demand, and experts urge patients to use it as directed."), ("Doctors answer common questions about {kpt_l}", "What to take with food, how long it lasts and side effects to watch for."), ("Ask the pharmacist: {q}", "A pharmacist answers a reader's question.")],
        ["{kpt} tablets", "{kpt} label", "{kpt} how it works diagram", "Pharmacist with {kpt}"],
        sub="AskDocs",
    ),
    "nearme": Kind(
        "health", mix(web=(6, 8), places=(5, 6), news=(3, 3, 0.3), videos=None),
        [
            ("yelp.com", "TOP 10 BEST {S} near {city}, WA - Updated {year}", "Top picks near you: {n1}, {n2} and {n3}. See hours, photos and patient reviews."),
            ("healthgrades.com", "Best {S} in {city}, WA", "Compare {s} near you by patient ratings, insurance accepted and availability."),
            ("zocdoc.com", "{S} near me in {city}, WA: Book Online", "Find {s} near you who accept your insurance and book an appointment online."),
            ("reddit.com", "Good {s} in {city}? : r/{csub}", "Locals recommend {n1} and {n2}; book online to avoid waiting."),
            ("solvhealth.com", "{S} Near Me | Same-Day Appointments", "See wait times and book same-day visits at {s} near you, including {n1}."),
            ("kingcounty.gov", "{S} | Public Health – Seattle & King County", "Where to find {s} in King County, including low-cost options."),
        ],
        [],
        [("New clinic opens in {city} with same-day visits", "The clinic will offer extended hours and online check-in."), ("Wait times climb at {city} clinics", "Officials encourage patients to check online wait times before going in."), ("{city} health systems expand evening hours", "Patients can now book same-day visits online.")],
        [],
        where="near {city}",
    ),
    "fitness": Kind(
        "health", mix(web=(7, 9), videos=(4, 6), images=(5, 8), news=(3, 4, 0.5)),
        [
            ("healthline.com", "{S}: A Complete Guide", "A complete guide to {s}: how to get started, how often to do it and how to make it part of your routine."),
            ("verywellfit.com", "{S}: A Beginner's Guide", "Our certified trainers explain {s} step by step, with modifications for every level."),
            ("acefitness.org", "{S}: What Trainers Want You to Know", "Form cues, common mistakes and how to progress safely."),
            ("health.harvard.edu", "{S}: what the research says", "Harvard Health reviews the evidence on {s}."),
            ("reddit.com", "{Qs}? : r/Fitness", "Asking about {q}. Top replies: be consistent, start easy and listen to your body."),
            ("menshealth.com", "{S}, Explained by Experts", "Trainers and physical therapists break down {s}, with form tips for every level."),
            ("mayoclinic.org", "{S} - Mayo Clinic", "Guidance on {s} from Mayo Clinic, including when to check with a doctor first."),
            ("nytimes.com", "Well: The Truth About {S}", "What the science says about {s}, and how much you really need."),
        ],
        [("{S} — Follow Along", "fitness"), ("{num}-Minute {S} Routine", "fitness"), ("Physical Therapist Explains {S}", "pt"), ("{S} for Beginners", "fitness"), ("Common Mistakes With {S}", "pt")],
        [("Study: {s} linked to better health markers", "Researchers found steady improvements in people who kept it up for 12 weeks."), ("Trainers share tips on {s}", "Start slow, focus on form and build gradually, experts say."), ("Why {s} is trending", "More people are embracing low-intensity, sustainable routines."), ("Ask the trainer: {q}", "A physical therapist answers a reader's question.")],
        ["{S} demonstration", "Woman doing {p1}", "Man doing {p2}", "{S} chart", "{p3} step by step", "{S} infographic", "Stretching outdoors"],
    ),
    "diet": Kind(
        "health", mix(web=(7, 9), images=(5, 8), videos=(3, 5), news=(3, 4, 0.5)),
        [
            ("health.harvard.edu", "{S}: what the research says", "Harvard Health reviews the evidence on {s} and how to put it into practice."),
            ("eatright.org", "{S}: Advice From a Registered Dietitian", "What a dietitian wants you to know about {s}, with simple swaps."),
            ("healthline.com", "{S}: A Detailed Guide", "Everything you need to know about {s}, with example meals and the science behind it."),
            ("mayoclinic.org", "{S} - Mayo Clinic", "Mayo Clinic nutrition experts on {s}: benefits, risks and how to get started."),
            ("reddit.com", "{Qs}? : r/nutrition", "Asking about {q}. Top replies point to whole foods, fiber and consistency over perfection."),
            ("eatingwell.com", "{S}: What to Eat and What to Skip", "A dietitian-approved guide to {s}, with a simple shopping list."),
            ("clevelandclinic.org", "{S}: Tips From Our Dietitians", "Cleveland Clinic dietitians share practical advice on {s}."),
            ("nytimes.com", "Well: {S}", "What experts say about {s}, and how to make it work in real life."),
        ],
        [("{S}: What I Eat in a Day", "dietitian"), ("Dietitian Explains {S}", "dietitian"), ("{S} Explained in 5 Minutes", "health"), ("{S} Meal Prep", "dietitian"), ("{S}: What the Science Says", "health"), ("{S}: Myths vs Facts", "dietitian")],
        [("New study adds to debate over {s}", "Researchers say the findings are promising but call for longer trials."), ("Dietitians weigh in on {s}", "Experts say small, sustainable changes matter more than strict rules."), ("{S} tops list of trending diets", "Interest surged this year, according to search and survey data."), ("Ask the dietitian: {q}", "A registered dietitian answers a reader's question.")],
        ["{S} plate", "Healthy foods for {s}", "{p1} and {p2}", "{S} grocery list", "Bowl with {p3}", "{S} infographic"],
    ),
    "outbreak": Kind(
        "health", mix(knowledge_panel=(1, 1), web=(7, 9), news=(5, 5), videos=(3, 4), images=(3, 4, 0.3)),
        [
            ("cdc.gov", "{kpt} Cases and Outbreaks | CDC", "Current U.S. {kpt_l} case counts, outbreak updates and guidance for health professionals and the public."),
            ("who.int", "{kpt} – World Health Organization", "Key facts about {kpt_l}: symptoms, transmission, prevention and WHO's response."),
            ("mayoclinic.org", "{kpt} - Symptoms and causes - Mayo Clinic", "Learn about {kpt_l}: symptoms, complications and prevention."),
            ("nytimes.com", "{kpt} Outbreak: Tracking Cases", "Maps and charts tracking reported {kpt_l} cases by state."),
            ("reddit.com", "{Qs} : r/news", "Discussion of the latest {kpt_l} numbers and what public health officials are saying."),
            ("health.gov", "Vaccines: {kpt} | HHS", "Who should get vaccinated and where to find vaccines near you."),
            ("hopkinsmedicine.org", "{kpt}: What You Need to Know", "Johns Hopkins experts answer common questions about {kpt_l}."),
            ("clevelandclinic.org", "{kpt}: Symptoms, Causes & Prevention", "Cleveland Clinic explains how {kpt_l} spreads and how to protect yourself."),
        ],
        [("{kpt}: What You Need to Know", "news"), ("Doctor Explains {kpt} Symptoms", "doctor"), ("{kpt} Outbreak Update", "news"), ("How Vaccines Stop {kpt}", "health")],
        [("{kpt} cases climb to highest level in years", "Health officials urge people to check their vaccination status."), ("Health officials urge vaccination as {kpt_l} spreads", "Clinics are adding hours and walk-in appointments."), ("Schools notify families after {kpt_l} exposure", "Unvaccinated students may be asked to stay home during the incubation period."), ("CDC updates {kpt_l} guidance for travelers", "The agency recommends checking vaccination before international trips."), ("What to know about {kpt_l} symptoms", "Doctors explain the early signs and when to call ahead before visiting a clinic.")],
        ["{kpt} illustration", "Map of {kpt_l} cases", "Vaccine vials"],
    ),
}
# fmt: on

# --- sources, sites and channels ---------------------------------------------------------
NEWS_SOURCES = {
    "travel": ["Travel + Leisure", "Condé Nast Traveler", "The Points Guy", "Skift", "Lonely Planet", "AFAR", "CNN Travel", "The New York Times", "Fodor's"],
    "entertainment": ["Variety", "The Hollywood Reporter", "Deadline", "Entertainment Weekly", "Billboard", "Rolling Stone", "IGN", "Vulture", "The Guardian"],
    "shopping": ["The Verge", "CNET", "Engadget", "Tom's Guide", "CNBC", "Reuters", "9to5Mac", "Good Housekeeping", "TechRadar"],
    "health": ["NBC News", "Reuters", "STAT", "CNN Health", "NPR", "The New York Times", "The Washington Post", "Medscape", "Associated Press"],
}  # fmt: skip
IMAGE_SITES = {
    "travel": ["unsplash.com", "tripadvisor.com", "flickr.com", "lonelyplanet.com", "pinterest.com", "commons.wikimedia.org", "instagram.com", "500px.com"],
    "entertainment": ["imdb.com", "rottentomatoes.com", "variety.com", "commons.wikimedia.org", "pinterest.com", "gettyimages.com", "fandom.com", "ign.com"],
    "shopping": ["amazon.com", "bestbuy.com", "rtings.com", "theverge.com", "pinterest.com", "target.com", "walmart.com", "cnet.com"],
    "health": ["mayoclinic.org", "clevelandclinic.org", "healthline.com", "verywellhealth.com", "shutterstock.com", "webmd.com", "istockphoto.com", "health.harvard.edu"],
}  # fmt: skip
CHANNELS = {
    "travel": ["Wanderlust Weekly", "Kara and Nate", "Lost LeBlanc", "Wolters World", "Rick Steves' Europe", "The Budget Nomad", "Eva zu Beck"],
    "vlog": ["Sam & Ellie Travel", "Nomadic Nina", "Two Passports", "Lucy Goes Places", "Jon Explores"],
    "walk": ["4K Urban Walks", "Wanderwalks", "City Strolls 4K"],
    "outdoor": ["Trail Tales", "Miranda Goes Outside", "Summit Seekers", "Hike With Haley", "Backcountry Bros"],
    "nature": ["Nature Relaxation Films", "4K Earth", "Drone Nomads"],
    "food": ["Mark Wiens", "Best Ever Food Review Show", "Eater", "Food Ranger", "Street Food Hunter"],
    "studio": ["Warner Bros. Pictures", "Universal Pictures", "Netflix", "HBO", "Movieclips Trailers", "Sony Pictures Entertainment"],
    "film": ["Screen Rant", "CinemaWins", "Chris Stuckmann", "Collider", "Popcorn Critics", "Filmento"],
    "tv": ["TV Recap Club", "Screen Rant", "Emergency Awesome", "Binge Society"],
    "music": ["Vevo", "Live Nation", "Official Artist Channel", "Concert Cam HD"],
    "musicfans": ["Anthony Fantano", "Popcast", "Setlist Stories", "Pop Culture Crave"],
    "gaming": ["IGN", "GameSpot", "VaatiVidya", "Fextralife", "PowerPyx", "Gameranx"],
    "publisher": ["Nintendo of America", "Rockstar Games", "PlayStation", "Xbox", "Bandai Namco"],
    "books": ["BookTube Bea", "Jack Edwards", "Merphy Napier", "PolandBananasBOOKS"],
    "boardgames": ["Shut Up & Sit Down", "The Dice Tower", "No Pun Included"],
    "tech": ["MKBHD", "Mrwhosetheboss", "Linus Tech Tips", "Dave2D", "The Verge", "Consumer Reports", "Unbox Therapy"],
    "health": ["Mayo Clinic", "Cleveland Clinic", "Johns Hopkins Medicine", "Osmosis", "TED-Ed"],
    "doctor": ["Doctor Mike", "Dr. Eric Berg DC", "Mayo Clinic", "Dr. Tracey Marks", "Cleveland Clinic"],
    "pharmacist": ["Pharmacist Chris", "The Pharmacist Show", "Drugs.com"],
    "dietitian": ["Abbey Sharp", "Dietitian Ann", "Mayo Clinic"],
    "fitness": ["Yoga With Adriene", "Caroline Girvan", "Jeff Nippard", "MadFit", "Athlean-X"],
    "pt": ["Bob & Brad", "E3 Rehab", "Tone and Tighten", "Squat University"],
    "news": ["NBC News", "CBS Mornings", "PBS NewsHour", "ABC News"],
}  # fmt: skip

# Review sites (domain, name) and merchants per shopping category.
REVIEWERS = {
    "tech": [("rtings.com", "RTINGS.com"), ("nytimes.com", "Wirecutter"), ("cnet.com", "CNET"), ("tomsguide.com", "Tom's Guide"), ("theverge.com", "The Verge"), ("pcmag.com", "PCMag"), ("techradar.com", "TechRadar"), ("consumerreports.org", "Consumer Reports")],
    "shoes": [("runrepeat.com", "RunRepeat"), ("runnersworld.com", "Runner's World"), ("believeintherun.com", "Believe in the Run"), ("doctorsofrunning.com", "Doctors of Running"), ("nytimes.com", "Wirecutter"), ("outdoorgearlab.com", "OutdoorGearLab")],
    "outdoor": [("outdoorgearlab.com", "OutdoorGearLab"), ("rei.com", "REI Expert Advice"), ("switchbacktravel.com", "Switchback Travel"), ("backpacker.com", "Backpacker"), ("nytimes.com", "Wirecutter"), ("gearjunkie.com", "GearJunkie")],
    "home": [("nytimes.com", "Wirecutter"), ("consumerreports.org", "Consumer Reports"), ("goodhousekeeping.com", "Good Housekeeping"), ("bobvila.com", "Bob Vila"), ("thespruce.com", "The Spruce"), ("tomsguide.com", "Tom's Guide"), ("sleepfoundation.org", "Sleep Foundation")],
    "kitchen": [("seriouseats.com", "Serious Eats"), ("nytimes.com", "Wirecutter"), ("americastestkitchen.com", "America's Test Kitchen"), ("foodandwine.com", "Food & Wine"), ("goodhousekeeping.com", "Good Housekeeping"), ("consumerreports.org", "Consumer Reports")],
    "camera": [("dpreview.com", "DPReview"), ("petapixel.com", "PetaPixel"), ("nytimes.com", "Wirecutter"), ("techradar.com", "TechRadar"), ("bhphotovideo.com", "B&H Explora"), ("cnet.com", "CNET")],
    "beauty": [("allure.com", "Allure"), ("byrdie.com", "Byrdie"), ("nytimes.com", "Wirecutter"), ("goodhousekeeping.com", "Good Housekeeping"), ("consumerreports.org", "Consumer Reports")],
    "kids": [("babygearlab.com", "BabyGearLab"), ("nytimes.com", "Wirecutter"), ("thebump.com", "The Bump"), ("babylist.com", "Babylist"), ("consumerreports.org", "Consumer Reports")],
    "games": [("ign.com", "IGN"), ("pcgamer.com", "PC Gamer"), ("theverge.com", "The Verge"), ("tomsguide.com", "Tom's Guide"), ("nytimes.com", "Wirecutter")],
    "gifts": [("nytimes.com", "Wirecutter"), ("gq.com", "GQ"), ("goodhousekeeping.com", "Good Housekeeping"), ("esquire.com", "Esquire"), ("bonappetit.com", "Bon Appétit")],
    "jewelry": [("theknot.com", "The Knot"), ("brides.com", "Brides"), ("diamonds.pro", "Diamonds.pro"), ("rarecarat.com", "Rare Carat"), ("vogue.com", "Vogue")],
    "bikes": [("bicycling.com", "Bicycling"), ("electricbikereview.com", "Electric Bike Review"), ("nytimes.com", "Wirecutter"), ("cyclingweekly.com", "Cycling Weekly"), ("outsideonline.com", "Outside")],
    "nutrition": [("nytimes.com", "Wirecutter"), ("garagegymreviews.com", "Garage Gym Reviews"), ("menshealth.com", "Men's Health"), ("barbend.com", "BarBend"), ("labdoor.com", "Labdoor")],
    "travelgear": [("nytimes.com", "Wirecutter"), ("travelandleisure.com", "Travel + Leisure"), ("cntraveler.com", "Condé Nast Traveler"), ("thepointsguy.com", "The Points Guy"), ("outdoorgearlab.com", "OutdoorGearLab")],
}  # fmt: skip
MERCHANTS = {
    "tech": ["Amazon", "Best Buy", "Walmart", "Target", "B&H Photo", "Costco"],
    "shoes": ["Zappos", "REI", "Running Warehouse", "Amazon", "Dick's Sporting Goods", "Fleet Feet"],
    "outdoor": ["REI", "Backcountry", "Amazon", "Dick's Sporting Goods", "Zappos"],
    "home": ["Amazon", "Wayfair", "Target", "Costco", "Home Depot", "Walmart"],
    "kitchen": ["Amazon", "Williams Sonoma", "Target", "Crate & Barrel", "Sur La Table", "Walmart"],
    "camera": ["B&H Photo", "Adorama", "Amazon", "Best Buy"],
    "beauty": ["Ulta Beauty", "Sephora", "Amazon", "Target", "Walmart"],
    "kids": ["Target", "Amazon", "Babylist", "Nordstrom", "Walmart"],
    "games": ["Best Buy", "GameStop", "Amazon", "Target", "Walmart"],
    "gifts": ["Amazon", "Target", "REI", "Best Buy", "Uncommon Goods"],
    "jewelry": ["Blue Nile", "Brilliant Earth", "James Allen", "Kay Jewelers", "Zales"],
    "bikes": ["REI", "Amazon", "Trek", "Backcountry"],
    "nutrition": ["Amazon", "GNC", "The Vitamin Shoppe", "Target", "Costco"],
    "travelgear": ["Amazon", "REI", "Nordstrom", "Macy's", "Backcountry"],
    "books": ["Amazon", "Barnes & Noble", "Bookshop.org", "Target", "Books-A-Million"],
}  # fmt: skip
MERCHANT_DOMAINS = {
    "Amazon": "amazon.com", "Best Buy": "bestbuy.com", "Walmart": "walmart.com", "Target": "target.com",
    "B&H Photo": "bhphotovideo.com", "Costco": "costco.com", "Zappos": "zappos.com", "REI": "rei.com",
    "Running Warehouse": "runningwarehouse.com", "Dick's Sporting Goods": "dickssportinggoods.com",
    "Fleet Feet": "fleetfeet.com", "Backcountry": "backcountry.com", "Wayfair": "wayfair.com",
    "Home Depot": "homedepot.com", "Williams Sonoma": "williams-sonoma.com", "Crate & Barrel": "crateandbarrel.com",
    "Sur La Table": "surlatable.com", "Adorama": "adorama.com", "Ulta Beauty": "ulta.com", "Sephora": "sephora.com",
    "Babylist": "babylist.com", "Nordstrom": "nordstrom.com", "GameStop": "gamestop.com",
    "Uncommon Goods": "uncommongoods.com", "Blue Nile": "bluenile.com", "Brilliant Earth": "brilliantearth.com",
    "James Allen": "jamesallen.com", "Kay Jewelers": "kay.com", "Zales": "zales.com", "Trek": "trekbikes.com",
    "GNC": "gnc.com", "The Vitamin Shoppe": "vitaminshoppe.com", "Macy's": "macys.com",
    "Barnes & Noble": "barnesandnoble.com", "Bookshop.org": "bookshop.org", "Books-A-Million": "booksamillion.com",
}  # fmt: skip
# Channel pools for shopping videos, by product category (tech reviewers don't test shoes).
CHANNELS |= {
    "running": ["The Run Testers", "Seth James DeMoor", "Ben Parkes", "Believe in the Run"],
    "kitchen": ["America's Test Kitchen", "Joshua Weissman", "James Hoffmann", "Brian Lagerstrom"],
    "homegear": ["Consumer Reports", "Vacuum Wars", "This Old House", "Project Farm"],
    "camera": ["Peter McKinnon", "DPReview TV", "Tony & Chelsea Northrup", "Gerald Undone"],
    "beauty": ["Dr. Dray", "Cassandra Bankson", "Allure", "Hyram"],
    "kids": ["Babylist", "Baby Gear Guy", "Mom Approved"],
    "jewelry": ["The Diamond Pro", "Rare Carat", "Diamond Hedge"],
    "bikes": ["Electric Bike Review", "GCN", "Two Wheel Tech"],
    "nutrition": ["Garage Gym Reviews", "Jeff Nippard", "Renaissance Periodization"],
    "travelgear": ["Pack Hacker", "Tom's Travel Tips", "Carry-On Club"],
}  # fmt: skip
CAT_CHANNELS = {
    "shoes": "running", "outdoor": "outdoor", "home": "homegear", "kitchen": "kitchen",
    "camera": "camera", "beauty": "beauty", "kids": "kids", "games": "gaming", "jewelry": "jewelry",
    "bikes": "bikes", "nutrition": "nutrition", "travelgear": "travelgear",
}  # fmt: skip

# Default category of a place, per kind, when the spec does not say.
PLACE_CATEGORY = {"hike": "Hiking area", "food": "Restaurant", "beach": "Beach", "hotel": "Hotel"}
# Item id suffix per type: ids read like "t042-web-3".
ID_TAG = {
    ContentType.knowledge_panel: "kp", ContentType.web: "web", ContentType.news: "news",
    ContentType.videos: "vid", ContentType.images: "img", ContentType.places: "place",
    ContentType.products: "prod",
}  # fmt: skip

FIX_CASE = {
    "tv": "TV", "4k": "4K", "ps5": "PS5", "iphone": "iPhone", "ipad": "iPad", "ipads": "iPads",
    "adhd": "ADHD", "uti": "UTI", "gta": "GTA", "covid": "COVID", "nyc": "NYC", "oled": "OLED",
    "macbook": "MacBook", "m3": "M3",
}  # fmt: skip
SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "from", "in", "near", "of", "on", "or",
               "the", "to", "vs", "vs.", "with", "under", "n"}  # fmt: skip
_FMT = string.Formatter()
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
SOURCE_DOMAINS = {
    "Travel + Leisure": "travelandleisure.com", "Condé Nast Traveler": "cntraveler.com",
    "The Points Guy": "thepointsguy.com", "Skift": "skift.com", "Lonely Planet": "lonelyplanet.com",
    "AFAR": "afar.com", "CNN Travel": "cnn.com", "The New York Times": "nytimes.com",
    "Fodor's": "fodors.com", "Variety": "variety.com", "The Hollywood Reporter": "hollywoodreporter.com",
    "Deadline": "deadline.com", "Entertainment Weekly": "ew.com", "Billboard": "billboard.com",
    "Rolling Stone": "rollingstone.com", "IGN": "ign.com", "Vulture": "vulture.com",
    "The Guardian": "theguardian.com", "The Verge": "theverge.com", "CNET": "cnet.com",
    "Engadget": "engadget.com", "Tom's Guide": "tomsguide.com", "CNBC": "cnbc.com",
    "Reuters": "reuters.com", "9to5Mac": "9to5mac.com", "Good Housekeeping": "goodhousekeeping.com",
    "TechRadar": "techradar.com", "NBC News": "nbcnews.com", "STAT": "statnews.com",
    "CNN Health": "cnn.com", "NPR": "npr.org", "The Washington Post": "washingtonpost.com",
    "Medscape": "medscape.com", "Associated Press": "apnews.com",
}  # fmt: skip


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


# Capitalised in titles ("Nobody Wants This") but never a name inside a query.
PLAIN_WORDS = SMALL_WORDS | {"this", "that", "me", "you", "it", "is", "are", "be", "all", "my",
                             "your", "we", "i", "do", "not", "out", "up", "best", "time"}  # fmt: skip


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


MULTI_WORD_BRANDS = (
    "The North Face", "La Roche-Posay", "Beauty of Joseon", "Garden of Life", "Optimum Nutrition",
    "Rad Power Bikes", "Better Homes & Gardens", "Hampton Bay", "Briggs & Riley", "Blue Nile",
    "James Allen", "Brilliant Earth", "Herman Miller", "New Balance", "Holy Stone", "Das Keyboard",
    "Field Company", "Summer Infant", "Transparent Labs", "Canada Goose", "Le Creuset",
    "Solo Stove", "REI Co-op", "Big Agnes", "Instant Pot", "Beast Mega", "Fully Jarvis",
)  # fmt: skip


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


# --- the demo topics -----------------------------------------------------------------------
# Places: "Name|Category|Address|lat,lon" (later fields optional: generated near the city).
# Products: "Name|price in USD". KP: (title, subtitle, description, facts).

# fmt: off
TRAVEL = [
    T("best hiking trails near seattle", "hike", "Seattle", "mountain", 140, city="seattle",
      places=["Rattlesnake Ledge|Hiking area|Rattlesnake Lake Rd SE, North Bend, WA 98045|47.4349,-121.7687",
              "Mount Si|Hiking area|SE Mount Si Rd, North Bend, WA 98045|47.4881,-121.7233",
              "Lake Serene|Hiking area|US-2, Index, WA 98256|47.8093,-121.5716",
              "Twin Falls|Hiking area|SE 159th St, North Bend, WA 98045|47.4408,-121.6951",
              "Poo Poo Point|Hiking area|Issaquah-Hobart Rd SE, Issaquah, WA 98027|47.5006,-122.0227",
              "Discovery Park Loop Trail|Park|3801 Discovery Park Blvd, Seattle, WA 98199|47.6573,-122.4057",
              "Wallace Falls State Park|State park|14503 Wallace Lake Rd, Gold Bar, WA 98251|47.8671,-121.6780"],
      web=[("wta.org", "Hiking Guide — Washington Trails Association", "Search 4,000+ Washington hikes by region, distance and features. Trip reports for {n1}, {n2} and {n3} are updated daily.")]),
    T("things to do in lisbon in march", "todo", "Lisbon", "city", 30, city="lisbon",
      places=["Belém Tower|Historical landmark", "Jerónimos Monastery|Monastery", "Alfama|Neighborhood", "Miradouro da Senhora do Monte|Scenic viewpoint",
              "LX Factory|Cultural center", "Time Out Market Lisboa|Food court", "São Jorge Castle|Castle"],
      kp=("Lisbon", "Capital of Portugal", "Lisbon is Portugal's hilly, coastal capital city. From imposing São Jorge Castle, the view encompasses the old city's pastel-colored buildings, Tagus Estuary and the 25 de Abril suspension bridge.",
          {"Country": "Portugal", "Population": "about 550,000 (city)", "Weather in March": "Highs around 19 °C, some rain", "Currency": "Euro (EUR)", "Time zone": "WET (UTC+0)"}),
      web=[("visitlisboa.com", "Lisbon in March: Events & Festivals", "Spring arrives in Lisbon in March: longer days, outdoor cafés and events across the city. Plan around the rain with museums like {n2}."),
           ("reddit.com", "Lisbon in March — worth it? : r/lisboa", "Weather is mild (mid-teens to around 20 °C) with a few rainy days. Fewer crowds than summer; book {n1} and {n2} tickets ahead anyway.")]),
    T("3 day tokyo itinerary", "itinerary", "Tokyo", "city", 350, city="tokyo", x={"days": "3 days"},
      places=["Senso-ji|Buddhist temple", "Shibuya Crossing|Landmark", "Meiji Jingu|Shinto shrine", "teamLab Planets|Art museum",
              "Tsukiji Outer Market|Market", "Shinjuku Gyoen National Garden|Garden", "Tokyo Skytree|Observation deck"],
      web=[("japan-guide.com", "Tokyo Travel: 3 Day Itinerary", "Suggested itinerary for three days in Tokyo: Asakusa and {n1} on day one, Shibuya and Harajuku on day two, and a museum or market on day three.")]),
    T("best time to visit iceland", "tips", "Iceland", "mountain", 190, city="reykjavik", x={"city": "Iceland", "what": "best time to visit"},
      kp=("Iceland", "Island country in the North Atlantic", "Iceland, a Nordic island nation, is defined by its dramatic landscape with volcanoes, geysers, hot springs and lava fields. Massive glaciers are protected in Vatnajökull and Snæfellsjökull national parks.",
          {"Capital": "Reykjavík", "Population": "about 390,000", "Currency": "Icelandic króna (ISK)", "Northern lights season": "September to March", "Midnight sun": "June and July"}),
      web=[("guidetoiceland.is", "Best Time to Visit Iceland | Month-by-Month Guide", "Summer brings the midnight sun and open highland roads; winter offers the northern lights and ice caves. Here's what each month in Iceland is like."),
           ("visiticeland.com", "Seasons in Iceland | Visit Iceland", "The official guide to Iceland's seasons: daylight hours, road conditions and what to pack for every time of year.")],
      news=[("Iceland's tourism tax returns as visitor numbers climb", "A per-night fee on accommodation is back, and officials say the money will fund trails and facilities at busy sites."),
            ("Northern lights: forecasters expect strong auroras this winter", "Solar activity near its peak means good odds for aurora hunters in Iceland through March.")]),
    T("yosemite camping reservations", "park", "Yosemite National Park", "forest", 110, city="yosemite", x={"csub": "Yosemite"},
      places=["Upper Pines Campground|Campground", "Lower Pines Campground|Campground", "North Pines Campground|Campground", "Camp 4|Campground",
              "Wawona Campground|Campground", "Tuolumne Meadows Campground|Campground", "Yosemite Valley Visitor Center|Visitor center"],
      kp=("Yosemite National Park", "National park in California", "Yosemite National Park is in California's Sierra Nevada mountains. It's famed for its giant, ancient sequoia trees, and for Tunnel View, the iconic vista of towering Bridalveil Fall and the granite cliffs of El Capitan and Half Dome.",
          {"Area": "3,027 km²", "Established": "October 1, 1890", "Visitors": "about 4 million a year", "Managed by": "National Park Service", "Campsite reservations": "Recreation.gov, released 5 months ahead"}),
      news=[("Yosemite campsites for summer sell out in minutes", "Reservations for the Valley's pine campgrounds were gone almost as soon as the booking window opened on Recreation.gov.")]),
    T("where to eat in mexico city", "food", "Mexico City", "food", 15, city="cdmx",
      places=["Contramar|Seafood restaurant", "Taquería Orinoco|Taco restaurant", "Pujol|Fine dining restaurant", "El Huequito|Taco restaurant",
              "Panadería Rosetta|Bakery", "Mercado de San Juan|Market", "Los Cocuyos|Taco restaurant"]),
    T("cheap flights to paris from new york", "tips", "Paris", "city", 215, x={"city": "Paris", "what": "flight deals", "proper": "New York"},
      web=[("kayak.com", "Cheap Flights from New York to Paris from $389", "Find cheap flights from New York (JFK, EWR) to Paris (CDG, ORY). Prices were lowest for departures in January and February."),
           ("skyscanner.com", "Cheap flights from New York to Paris | Skyscanner", "Compare nonstop and one-stop fares from New York to Paris across airlines, and set a price alert for your dates."),
           ("google.com", "Flights from New York to Paris | Google Flights", "Find the cheapest flights from New York to Paris with the date grid and price graph; track prices for your dates."),
           ("going.com", "How to Find Cheap Flights to Europe", "Fare alerts, flexible dates and the shoulder seasons: how members find New York to Paris round trips for under $450."),
           ("nerdwallet.com", "When Is the Cheapest Time to Fly to Paris?", "Our analysis of fare data shows winter and late fall are usually the cheapest times to fly from the U.S. to Paris.")],
      news=[("Transatlantic fares dip as airlines add winter seats", "New routes and bigger planes between New York and Paris are pushing off-season prices down."),
            ("Budget carrier launches new nonstop from New York to Paris", "Introductory one-way fares start under $200, with bags and seats extra.")]),
    T("best beaches in maui", "beach", "Maui", "beach", 185, city="maui",
      places=["Kaanapali Beach|Beach", "Wailea Beach|Beach", "Makena Beach (Big Beach)|Beach", "Napili Bay|Beach", "Hamoa Beach|Beach",
              "Honolua Bay|Marine reserve", "Kapalua Bay Beach|Beach"]),
    T("things to do in new orleans", "todo", "New Orleans", "music", 285, city="nola",
      places=["French Quarter|Historic district", "Preservation Hall|Jazz club", "Café Du Monde|Café", "The National WWII Museum|Museum",
              "Frenchmen Street|Live music venue", "St. Louis Cathedral|Cathedral", "Garden District|Neighborhood"]),
    T("kyoto temples worth visiting", "todo", "Kyoto", "landmark", 355, city="kyoto", x={"what": "temples"},
      places=["Kinkaku-ji|Buddhist temple", "Fushimi Inari Taisha|Shinto shrine", "Kiyomizu-dera|Buddhist temple", "Ginkaku-ji|Buddhist temple",
              "Ryoan-ji|Zen temple", "Tenryu-ji|Zen temple", "Sanjusangen-do|Buddhist temple"]),
    T("grand canyon south rim vs north rim", "park", "Grand Canyon National Park", "mountain", 20, city="grandcanyon", x={"csub": "GrandCanyon"},
      places=["Mather Point|Scenic viewpoint", "Bright Angel Trailhead|Trailhead", "Desert View Watchtower|Historical landmark",
              "Grand Canyon Lodge North Rim|Lodge|AZ-67, North Rim, AZ 86052|36.1978,-112.0523", "Hopi Point|Scenic viewpoint", "Yavapai Geology Museum|Museum"],
      kp=("Grand Canyon National Park", "National park in Arizona", "Grand Canyon National Park, in Arizona, is home to much of the immense Grand Canyon, with its layered bands of red rock revealing millions of years of geological history.",
          {"Area": "4,926 km²", "Established": "February 26, 1919", "South Rim elevation": "about 7,000 ft", "North Rim elevation": "about 8,000 ft", "North Rim season": "mid-May to mid-October"}),
      web=[("nps.gov", "North Rim vs South Rim - Grand Canyon National Park", "The South Rim is open all year and has the most services; the North Rim is higher, cooler, quieter and open only from mid-May to mid-October.")]),
    T("banff in winter", "todo", "Banff", "mountain", 200, city="banff", x={"where": "in Banff in winter"},
      places=["Lake Louise|Lake", "Banff Upper Hot Springs|Hot spring", "Johnston Canyon|Hiking area", "Sunshine Village|Ski resort",
              "Banff Gondola|Gondola lift", "Mount Norquay|Ski resort"],
      kp=("Banff National Park", "National park in Alberta, Canada", "Banff National Park is Canada's oldest national park, established in 1885 in the Rocky Mountains. Its winter draws skiers, skaters and ice walkers to Lake Louise and Johnston Canyon.",
          {"Established": "1885", "Area": "6,641 km²", "Nearest city": "Calgary (about 90 minutes)", "Winter highs": "around −5 °C", "Ski areas": "Sunshine Village, Lake Louise, Mt Norquay"})),
    T("rome travel tips first time", "tips", "Rome", "landmark", 35, city="rome", x={"what": "first-time tips"},
      web=[("ricksteves.com", "Rome Travel Guide: Sightseeing Tips", "Reserve the Vatican Museums and Colosseum in advance, visit early or late, and use the sights' combo tickets wisely."),
           ("colosseo.it", "Colosseum Tickets | Parco archeologico del Colosseo", "Buy official tickets for the Colosseum, Roman Forum and Palatine Hill. Timed entry; tickets are released about a month ahead.")]),
    T("best tapas bars in barcelona", "food", "Barcelona", "food", 5, city="barcelona", x={"what": "tapas bars"},
      places=["El Xampanyet|Tapas bar", "Quimet & Quimet|Tapas bar", "Bar Cañete|Tapas restaurant", "Cervecería Catalana|Tapas bar",
              "La Cova Fumada|Tapas bar", "Bar del Pla|Tapas bar", "Bodega 1900|Tapas bar"]),
    T("amsterdam canal cruise", "todo", "Amsterdam", "city", 205, city="amsterdam", x={"what": "canal cruises"},
      places=["Those Dam Boat Guys|Boat tour agency", "Lovers Canal Cruises|Boat tour agency", "Flagship Amsterdam|Boat tour agency",
              "Blue Boat Company|Boat tour agency", "Rederij Kooij|Boat tour agency", "Pure Boats|Boat tour agency"]),
    T("zion angels landing permit", "park", "Angels Landing", "mountain", 15, city="zion", x={"csub": "ZionNationalPark"},
      places=["Grotto Trailhead|Trailhead", "Zion Canyon Visitor Center|Visitor center", "Scout Lookout|Scenic viewpoint",
              "Temple of Sinawava|Trailhead", "Emerald Pools Trailhead|Trailhead", "Zion Lodge|Lodge"],
      kp=("Angels Landing", "Rock formation in Zion National Park", "Angels Landing is a 1,488-foot-tall rock formation in Zion National Park in southwestern Utah. The final half-mile of the hike follows a narrow ridge with support chains, and a permit is required.",
          {"Elevation": "5,790 ft (1,765 m)", "Round trip": "5.4 mi (8.7 km)", "Elevation gain": "1,488 ft", "Permit": "Required (seasonal and day-before lotteries)", "Park": "Zion National Park"})),
    T("best ski resorts in colorado", "ski", "Colorado", "mountain", 210, city="colorado",
      places=["Vail|Ski resort|Vail, CO 81657|39.6061,-106.3550", "Breckenridge Ski Resort|Ski resort|Breckenridge, CO 80424|39.4817,-106.0384",
              "Aspen Snowmass|Ski resort|Snowmass Village, CO 81615|39.2084,-106.9490", "Telluride Ski Resort|Ski resort|Telluride, CO 81435|37.9367,-107.8123",
              "Steamboat Resort|Ski resort|Steamboat Springs, CO 80487|40.4572,-106.8045", "Arapahoe Basin|Ski resort|Dillon, CO 80435|39.6425,-105.8719",
              "Copper Mountain|Ski resort|Copper Mountain, CO 80443|39.5022,-106.1511"]),
    T("pacific coast highway road trip", "roadtrip", "Pacific Coast Highway", "beach", 195, city="bigsur",
      places=["Bixby Creek Bridge|Bridge||36.3715,-121.9017", "McWay Falls|Waterfall||36.1579,-121.6722", "Pfeiffer Beach|Beach||36.2381,-121.8162",
              "Hearst Castle|Historical landmark|750 Hearst Castle Rd, San Simeon, CA 93452|35.6852,-121.1682",
              "Monterey Bay Aquarium|Aquarium|886 Cannery Row, Monterey, CA 93940|36.6182,-121.9018",
              "Point Lobos State Natural Reserve|State park|62 CA-1, Carmel-By-The-Sea, CA 93923|36.5159,-121.9381"]),
    T("family friendly things to do in san diego", "todo", "San Diego", "beach", 45, city="sandiego",
      places=["San Diego Zoo|Zoo", "Balboa Park|Park", "USS Midway Museum|Museum", "La Jolla Cove|Beach", "SeaWorld San Diego|Theme park",
              "Birch Aquarium|Aquarium", "LEGOLAND California|Theme park|1 Legoland Dr, Carlsbad, CA 92008|33.1261,-117.3115"]),
    T("where to stay in london first time", "hotel", "London", "hotel", 0, city="london",
      places=["The Hoxton, Holborn|Hotel", "citizenM London Bankside|Hotel", "The Resident Covent Garden|Hotel", "Premier Inn London County Hall|Hotel",
              "The Savoy|Luxury hotel", "Hub by Premier Inn Westminster|Hotel"]),
    T("santorini sunset spots", "todo", "Santorini", "beach", 25, city="santorini", x={"what": "sunset spots"},
      places=["Oia Castle|Scenic viewpoint", "Skaros Rock|Scenic viewpoint", "Akrotiri Lighthouse|Lighthouse", "Pyrgos Village|Village",
              "Amoudi Bay|Bay", "Santo Wines|Winery", "Fira to Oia Caldera Path|Hiking area"]),
    T("best deep dish pizza in chicago", "food", "Chicago", "food", 10, city="chicago", x={"what": "deep dish pizza"},
      places=["Lou Malnati's Pizzeria|Pizza restaurant", "Pequod's Pizza|Pizza restaurant", "Giordano's|Pizza restaurant", "Gino's East|Pizza restaurant",
              "Pizzeria Uno|Pizza restaurant", "Art of Pizza|Pizza restaurant"]),
    T("nashville bachelorette weekend", "nightlife", "Nashville", "music", 330, city="nashville",
      places=["Tootsie's Orchid Lounge|Honky-tonk bar", "Robert's Western World|Honky-tonk bar", "The Bluebird Cafe|Live music venue",
              "Acme Feed & Seed|Bar", "Ole Red|Bar and music venue", "Pinewood Social|Bowling alley and bar", "Honky Tonk Central|Bar"]),
    T("do i need a visa for japan", "tips", "Japan", "city", 0, x={"city": "Japan", "what": "visa requirements"},
      web=[("mofa.go.jp", "Visa Exemption Arrangements | Ministry of Foreign Affairs of Japan", "Nationals of countries with visa exemption arrangements, including the U.S., can stay in Japan for up to 90 days for tourism without a visa."),
           ("travel.state.gov", "Japan International Travel Information", "Entry and exit requirements, safety and security, local laws and health information for U.S. citizens traveling to Japan."),
           ("japan-guide.com", "Visa Requirements for Japan", "Who needs a visa, how long you can stay and what to bring to immigration, plus Visit Japan Web registration.")],
      news=[("Japan to introduce pre-arrival travel authorization", "The new online screening system for visa-exempt visitors is expected before the end of the decade, officials say.")]),
    T("best hikes in the swiss alps", "hike", "the Swiss Alps", "mountain", 160, city="zermatt", x={"where": "in the Swiss Alps"},
      places=["5-Seenweg (Five Lakes Walk)|Hiking area||46.0085,7.7744", "Oeschinensee|Lake|Kandersteg, Switzerland|46.4983,7.7278",
              "Hörnli Hut Trail|Hiking area||45.9822,7.6801", "Aletsch Panoramaweg|Hiking area|Riederalp, Switzerland|46.3812,8.0264",
              "Eiger Trail|Hiking area|Grindelwald, Switzerland|46.5770,8.0054", "Gornergrat|Scenic viewpoint||45.9838,7.7845",
              "Schynige Platte to First|Hiking area|Wilderswil, Switzerland|46.6515,7.9096"]),
    T("bali travel guide", "itinerary", "Bali", "beach", 130, city="ubud", x={"days": "one week"},
      places=["Tegallalang Rice Terrace|Tourist attraction", "Sacred Monkey Forest Sanctuary|Nature reserve",
              "Uluwatu Temple|Hindu temple|Pecatu, South Kuta, Bali|-8.8291,115.0849", "Tanah Lot|Hindu temple|Beraban, Tabanan, Bali|-8.6212,115.0868",
              "Mount Batur|Volcano|Kintamani, Bangli, Bali|-8.2421,115.3751", "Tirta Empul|Hindu temple"],
      kp=("Bali", "Province of Indonesia", "Bali is an Indonesian island known for its forested volcanic mountains, iconic rice paddies, beaches and coral reefs. The island is home to religious sites such as cliffside Uluwatu Temple.",
          {"Country": "Indonesia", "Capital": "Denpasar", "Population": "about 4.4 million", "Dry season": "April to October", "Tourist levy": "IDR 150,000 per visit"})),
    T("things to do in austin texas", "todo", "Austin", "city", 25, city="austin", x={"proper": "Texas"},
      places=["Barton Springs Pool|Swimming pool", "Zilker Metropolitan Park|Park", "Texas State Capitol|Government building", "Franklin Barbecue|Barbecue restaurant",
              "Lady Bird Lake|Lake", "Congress Avenue Bridge Bat Colony|Tourist attraction", "South Congress Avenue|Shopping district"]),
    T("portland food carts", "food", "Portland", "food", 60, city="portland", x={"what": "food carts"},
      places=["Cartopia Food Cart Pod|Food court", "Hawthorne Asylum|Food court", "Prost! Marketplace|Food court", "Nong's Khao Man Gai|Thai restaurant",
              "Matt's BBQ|Barbecue restaurant", "Fried Egg I'm in Love|Breakfast restaurant"]),
    T("new york city on a budget", "todo", "New York City", "city", 220, city="nyc", x={"what": "free things to do"},
      places=["Staten Island Ferry|Ferry", "The High Line|Park", "Central Park|Park", "Brooklyn Bridge|Bridge",
              "The Metropolitan Museum of Art|Art museum", "Chelsea Market|Market", "Washington Square Park|Park"]),
    T("scottish highlands road trip", "roadtrip", "Scottish Highlands", "mountain", 100, city="highlands", x={"where": "in the Scottish Highlands"},
      places=["Glencoe|Valley|A82, Glencoe, Scotland|56.6826,-5.1023", "Eilean Donan Castle|Castle|Dornie, Kyle of Lochalsh IV40 8DX, UK|57.2740,-5.5164",
              "Loch Ness|Lake|Inverness, Scotland|57.3229,-4.4244", "Glenfinnan Viaduct|Bridge|Glenfinnan PH37 4LT, UK|56.8764,-5.4317",
              "Fairy Pools|Waterfall|Glenbrittle, Isle of Skye, UK|57.2506,-6.2725", "Old Man of Storr|Rock formation|Portree IV51 9HX, UK|57.5074,-6.1831",
              "Urquhart Castle|Castle|Drumnadrochit, Inverness IV63 6XJ, UK|57.3240,-4.4419"]),
    T("cherry blossom forecast japan 2026", "tips", "Japan", "leaf", 335, x={"city": "Japan", "what": "cherry blossom forecast", "dates": "01-10:04-10"},
      web=[("japan-guide.com", "2026 Cherry Blossom Forecast", "Forecast opening and best viewing dates for Tokyo, Kyoto, Osaka and other cities, updated as the season approaches."),
           ("jrailpass.com", "Japan Cherry Blossom Forecast 2026", "When and where to see sakura in Japan this year, from Okinawa in January to Hokkaido in May."),
           ("tenki.jp", "Sakura Forecast | tenki.jp", "Japan Weather Association's blooming forecast for major cities, with historical averages.")],
      news=[("Tokyo's cherry blossoms expected to open in late March", "Forecasters say a mild winter could bring Tokyo's first blooms slightly earlier than average."),
            ("Kyoto braces for record crowds for cherry blossom season", "The city is adding buses and asking visitors to avoid peak hours at famous spots.")]),
    T("best national parks in utah", "park", "Utah's national parks", "mountain", 18, city="moab", x={"csub": "Utah", "where": "in Utah"},
      places=["Arches National Park|National park|Moab, UT 84532|38.7331,-109.5925", "Canyonlands National Park|National park|Moab, UT 84532|38.3269,-109.8783",
              "Bryce Canyon National Park|National park|Bryce Canyon City, UT 84764|37.5930,-112.1871", "Capitol Reef National Park|National park|Torrey, UT 84775|38.3670,-111.2615",
              "Zion National Park|National park|Springdale, UT 84767|37.2982,-113.0263"],
      web=[("visitutah.com", "Utah's Mighty 5 National Parks | Visit Utah", "Plan a road trip through Zion, Bryce Canyon, Capitol Reef, Arches and Canyonlands, with drive times and itineraries.")]),
    T("dubrovnik game of thrones filming locations", "todo", "Dubrovnik", "landmark", 25, city="dubrovnik", x={"what": "Game of Thrones filming locations"},
      places=["Fort Lovrijenac|Fortress", "Jesuit Staircase|Historical landmark", "Pile Gate|Historical landmark", "Minčeta Tower|Historical landmark",
              "Dubrovnik City Walls|Historical landmark", "Rector's Palace|Museum", "Lokrum Island|Island"]),
    T("hotels near disneyland", "hotel", "Disneyland", "hotel", 300, city="anaheim", x={"where": "near Disneyland"},
      places=["Disneyland Hotel|Resort hotel", "Disney's Grand Californian Hotel & Spa|Resort hotel", "Courtyard Anaheim Theme Park Entrance|Hotel",
              "Howard Johnson by Wyndham Anaheim|Hotel", "Candy Cane Inn|Motel", "Anaheim Majestic Garden Hotel|Hotel", "Hotel Indigo Anaheim|Hotel"]),
    T("prague christmas markets", "todo", "Prague", "mountain", 0, city="prague", x={"what": "Christmas markets"},
      places=["Old Town Square Christmas Market|Christmas market", "Wenceslas Square Christmas Market|Christmas market", "Náměstí Míru Christmas Market|Christmas market",
              "Prague Castle Christmas Market|Christmas market", "Republic Square Christmas Market|Christmas market", "Kampa Island|Park"]),
    T("vancouver to whistler day trip", "roadtrip", "Sea to Sky Highway", "mountain", 175, city="whistler", x={"proper": "Vancouver"},
      places=["Sea to Sky Gondola|Gondola lift|36800 BC-99, Squamish, BC, Canada|49.6768,-123.1555", "Shannon Falls Provincial Park|Waterfall|Squamish, BC, Canada|49.6716,-123.1587",
              "Brandywine Falls Provincial Park|Waterfall|Whistler, BC, Canada|50.0333,-123.1200", "Whistler Village|Village",
              "Peak 2 Peak Gondola|Gondola lift", "Porteau Cove Provincial Park|Park|Lions Bay, BC, Canada|49.5578,-123.2364"]),
    T("packing list for southeast asia", "tips", "Southeast Asia", "beach", 40, x={"city": "Southeast Asia", "what": "packing tips"},
      web=[("packhacker.com", "Southeast Asia Packing List: What We Actually Used", "A tested packing list for a month in Southeast Asia: quick-dry clothes, a light rain jacket, sandals and a 35–40L bag."),
           ("reddit.com", "What do you wish you'd packed for SE Asia? : r/solotravel", "Top answers: fewer clothes than you think, a sarong, a universal adapter, and dress for temples (covered shoulders and knees)."),
           ("theblondeabroad.com", "The Ultimate Southeast Asia Packing List", "What to pack for Thailand, Vietnam, Cambodia and Bali, season by season, with a printable checklist.")]),
    T("marrakech medina guide", "todo", "Marrakech", "landmark", 20, city="marrakech", x={"what": "sights in the medina"},
      places=["Jemaa el-Fnaa|Market square", "Bahia Palace|Palace", "Jardin Majorelle|Garden", "Ben Youssef Madrasa|Historical landmark",
              "Le Jardin Secret|Garden", "Souk Semmarine|Market", "Koutoubia Mosque|Mosque"]),
    T("boston freedom trail", "todo", "Boston", "landmark", 5, city="boston", x={"what": "Freedom Trail stops"},
      places=["Boston Common|Park", "Massachusetts State House|Government building", "Faneuil Hall|Historical landmark", "Paul Revere House|Museum",
              "Old North Church|Church", "USS Constitution Museum|Museum", "Bunker Hill Monument|Monument"],
      kp=("Freedom Trail", "Historic walking route in Boston", "The Freedom Trail is a 2.5-mile path through downtown Boston that passes by 16 locations significant to the history of the United States, marked by a red brick line.",
          {"Length": "2.5 mi (4.0 km)", "Stops": "16 historic sites", "Established": "1951", "Start": "Boston Common", "End": "Bunker Hill Monument"}),
      web=[("thefreedomtrail.org", "The Freedom Trail | Official Site", "Walk the 2.5-mile red-brick trail through 16 historic sites. Guided tours led by 18th-century costumed guides depart daily.")]),
    T("best snorkeling in cancun", "beach", "Cancún", "beach", 180, city="cancun", x={"what": "snorkeling spots"},
      places=["MUSA Underwater Museum|Museum", "Garrafón Natural Reef Park|Snorkeling spot|Isla Mujeres, Q.R., Mexico|21.2105,-86.7189",
              "Puerto Morelos Reef|Snorkeling spot|Puerto Morelos, Q.R., Mexico|20.8475,-86.8696", "Punta Nizuc|Snorkeling spot",
              "Xel-Há Park|Water park|Carretera Chetumal-Puerto Juárez Km 240, Q.R., Mexico|20.3190,-87.3578", "Playa Tortugas|Beach"]),
    T("going to the sun road glacier national park", "park", "Going-to-the-Sun Road", "mountain", 200, city="glacier", x={"csub": "GlacierNationalPark"},
      places=["Logan Pass Visitor Center|Visitor center", "Lake McDonald|Lake", "Highline Trail|Hiking area", "Avalanche Lake Trail|Hiking area",
              "St. Mary Visitor Center|Visitor center", "Wild Goose Island Overlook|Scenic viewpoint"],
      kp=("Going-to-the-Sun Road", "Scenic mountain road in Glacier National Park", "The Going-to-the-Sun Road is a scenic mountain road in Glacier National Park, Montana. It spans the width of the park and crosses the Continental Divide at Logan Pass.",
          {"Length": "50 mi (80 km)", "Highest point": "Logan Pass, 6,646 ft", "Completed": "1932", "Full opening": "usually late June to mid-October", "Vehicle reservations": "Required in peak season"})),
    T("weekend getaway from san francisco", "roadtrip", "Northern California", "mountain", 30, city="sf", x={"what": "weekend getaways", "where": "from San Francisco"},
      places=["Napa Valley|Wine region|Napa, CA|38.2975,-122.2869", "Point Reyes National Seashore|National seashore|Point Reyes Station, CA|38.0690,-122.8069",
              "Carmel-by-the-Sea|Town|Carmel-By-The-Sea, CA|36.5552,-121.9233", "Lake Tahoe|Lake|South Lake Tahoe, CA|38.9399,-119.9772",
              "Healdsburg|Town|Healdsburg, CA|38.6102,-122.8694", "Half Moon Bay|Town|Half Moon Bay, CA|37.4636,-122.4286"]),
    T("sydney opera house tour", "todo", "Sydney", "landmark", 200, city="sydney", x={"what": "tours and sights"},
      places=["Sydney Opera House|Performing arts theater|Bennelong Point, Sydney NSW 2000, Australia|-33.8568,151.2153", "Royal Botanic Garden Sydney|Garden",
              "Circular Quay|Ferry terminal", "The Rocks|Neighborhood", "Sydney Harbour Bridge|Bridge", "Museum of Contemporary Art Australia|Art museum"],
      kp=("Sydney Opera House", "Performing arts centre in Sydney", "The Sydney Opera House is a multi-venue performing arts centre on Bennelong Point in Sydney Harbour. Designed by Jørn Utzon, it is one of the 20th century's most famous buildings.",
          {"Architect": "Jørn Utzon", "Opened": "20 October 1973", "UNESCO World Heritage": "2007", "Guided tour": "About 1 hour, daily", "Location": "Bennelong Point, Sydney"})),
    T("machu picchu tickets and trains", "tips", "Machu Picchu", "mountain", 95, city="cusco", x={"city": "Machu Picchu", "what": "tickets and trains"},
      places=["Machu Picchu|Archaeological site|Machupicchu, Peru|-13.1631,-72.5450", "Ollantaytambo Station|Train station|Ollantaytambo, Peru|-13.2584,-72.2634",
              "Aguas Calientes|Town|Machupicchu, Peru|-13.1547,-72.5254", "Poroy Station|Train station|Poroy, Cusco, Peru|-13.4986,-72.0437",
              "Plaza de Armas Cusco|Plaza|Cusco, Peru|-13.5167,-71.9787"],
      kp=("Machu Picchu", "Inca citadel in Peru", "Machu Picchu is an Incan citadel set high in the Andes Mountains in Peru, above the Urubamba River valley. Built in the 15th century and later abandoned, it's renowned for its sophisticated dry-stone walls.",
          {"Built": "c. 1450", "Elevation": "2,430 m (7,970 ft)", "UNESCO World Heritage": "1983", "Entry": "Timed tickets by circuit", "Nearest town": "Aguas Calientes"}),
      web=[("machupicchu.gob.pe", "Machu Picchu Tickets | Official Ticket Sales", "Buy official timed-entry tickets for Machu Picchu by circuit. Daily capacity is limited; book weeks ahead for June to August."),
           ("perurail.com", "Trains to Machu Picchu | PeruRail", "Expedition, Vistadome and Hiram Bingham trains from Cusco (Poroy) and Ollantaytambo to Machu Picchu (Aguas Calientes)."),
           ("incarail.com", "Train Tickets to Machu Picchu | Inca Rail", "Daily departures from Ollantaytambo and Cusco to Machu Picchu, with schedules and fares.")]),
    T("northern lights in tromso", "todo", "Tromsø", "mountain", 150, city="tromso", x={"what": "northern lights tours"},
      places=["Fjellheisen Cable Car|Cable car", "Polaria|Aquarium", "Arctic Cathedral|Church", "Tromsø Wilderness Centre|Tour operator",
              "Prestvannet Lake|Lake", "Ersfjordbotn|Scenic viewpoint||69.6960,18.6370"]),
    T("budget hotels in tokyo", "hotel", "Tokyo", "hotel", 340, city="tokyo", x={"what": "budget hotels"},
      places=["Hotel Gracery Shinjuku|Hotel", "Nine Hours Shinjuku-North|Capsule hotel", "Sotetsu Fresa Inn Ginza-Nanachome|Hotel", "Tokyu Stay Shibuya|Hotel",
              "K's House Tokyo Oasis|Hostel", "APA Hotel Asakusa Tawaramachi Ekimae|Hotel", "UNPLAN Shinjuku|Hostel"]),
    T("vegan restaurants in berlin", "food", "Berlin", "food", 100, city="berlin", x={"what": "vegan restaurants"},
      places=["Kopps|Vegan restaurant", "Let It Be|Vegan restaurant", "Brammibal's Donuts|Donut shop", "Lia's Kitchen|Vegan restaurant",
              "Tiny Green Kitchen|Vegan restaurant", "Vöner|Vegan fast food", "Chay Viet|Vietnamese restaurant"]),
    T("lake como day trip from milan", "roadtrip", "Lake Como", "mountain", 205, city="como", x={"where": "from Milan"},
      places=["Bellagio|Village", "Varenna|Village|Varenna LC, Italy|46.0108,9.2847", "Villa del Balbianello|Historic villa|Lenno CO, Italy|45.9670,9.2029",
              "Villa Carlotta|Garden|Tremezzina CO, Italy|45.9864,9.2306", "Como–Brunate Funicular|Funicular|Como CO, Italy|45.8150,9.0800", "Villa Melzi Gardens|Garden"]),
    T("hawaii volcanoes national park tour", "park", "Hawaiʻi Volcanoes National Park", "mountain", 10, city="bigisland", x={"csub": "BigIsland"},
      places=["Kīlauea Visitor Center|Visitor center", "Nāhuku (Thurston Lava Tube)|Tourist attraction", "Chain of Craters Road|Scenic drive",
              "Kīlauea Iki Trail|Hiking area", "Steam Vents|Tourist attraction", "Volcano House|Hotel"],
      kp=("Hawaiʻi Volcanoes National Park", "National park in Hawaii", "Hawaiʻi Volcanoes National Park, on the Island of Hawaiʻi, encompasses two of the world's most active volcanoes, Kīlauea and Mauna Loa, with lava fields, craters and rainforest trails.",
          {"Established": "August 1, 1916", "Area": "1,348 km²", "UNESCO World Heritage": "1987", "Volcanoes": "Kīlauea and Mauna Loa", "Open": "24 hours a day, year-round"})),
    T("route 66 road trip itinerary", "roadtrip", "Route 66", "mountain", 15, city="route66", x={"where": "on Route 66"},
      places=["Gemini Giant|Tourist attraction|810 E Baltimore St, Wilmington, IL 60481|41.3076,-88.1434", "Blue Swallow Motel|Motel|815 E Route 66, Tucumcari, NM 88401|35.1716,-103.7169",
              "Cadillac Ranch|Tourist attraction|13651 I-40 Frontage Rd, Amarillo, TX 79124|35.1872,-101.9871", "Wigwam Motel|Motel|811 W Hopi Dr, Holbrook, AZ 86025|34.9022,-110.1671",
              "Petrified Forest National Park|National park|1 Park Rd, Petrified Forest, AZ 86028|35.0657,-109.7820", "Santa Monica Pier|Pier|200 Santa Monica Pier, Santa Monica, CA 90401|34.0094,-118.4973"],
      web=[("historic66.com", "Historic Route 66: Turn-by-Turn Directions", "Detailed directions for driving the old road from Chicago to Santa Monica, state by state, with the alignments that still exist.")]),
]

LIST_FILM_SITES = "rottentomatoes.com,imdb.com,justwatch.com,vulture.com,collider.com"  # skip for non-film lists
NOT_FILM = "streaming,sequel"

ENTERTAINMENT = [
    T("dune part two reviews", "film", "Dune: Part Two", "film", 35, x={"studio": "Warner Bros. Pictures"},
      people=["Timothée Chalamet", "Zendaya", "Rebecca Ferguson", "Javier Bardem", "Austin Butler", "Florence Pugh"],
      kp=("Dune: Part Two", "2024 film", "Dune: Part Two is a 2024 American epic science fiction film directed by Denis Villeneuve. The sequel to Dune (2021), it is the second of a two-part adaptation of Frank Herbert's 1965 novel.",
          {"Release date": "March 1, 2024", "Director": "Denis Villeneuve", "Running time": "166 minutes", "Box office": "$715 million", "Based on": "Dune by Frank Herbert"})),
    T("taylor swift eras tour setlist", "music", "Taylor Swift", "music", 290, x={"work": "The Eras Tour"},
      people=["Cruel Summer", "Love Story", "Champagne Problems", "All Too Well (10 Minute Version)", "Anti-Hero", "Fortnight", "Karma"],
      kp=("Taylor Swift", "American singer-songwriter", "Taylor Alison Swift is an American singer-songwriter. Known for her autobiographical songwriting and artistic reinventions, she is one of the best-selling artists of all time. The Eras Tour became the highest-grossing concert tour ever.",
          {"Born": "December 13, 1989, West Reading, Pennsylvania", "Genres": "Pop, country, folk, rock", "The Eras Tour": "149 shows, 2023–2024", "Recent albums": "The Tortured Poets Department, The Life of a Showgirl", "Labels": "Republic, Big Machine"})),
    T("the bear season 4 release date", "tv", "The Bear", "tv", 25, x={"season": "Season 4", "studio": "FX Networks"},
      people=["Jeremy Allen White", "Ayo Edebiri", "Ebon Moss-Bachrach", "Abby Elliott", "Lionel Boyce", "Liza Colón-Zayas"],
      kp=("The Bear", "American comedy-drama television series", "The Bear is an American comedy-drama series created by Christopher Storer for FX. It follows Carmen 'Carmy' Berzatto, a young fine-dining chef who returns to Chicago to run his family's sandwich shop.",
          {"Created by": "Christopher Storer", "Network": "FX on Hulu", "First episode": "June 23, 2022", "Seasons": "4", "Setting": "Chicago"})),
    T("oppenheimer cast", "film", "Oppenheimer", "film", 15, x={"studio": "Universal Pictures"},
      people=["Cillian Murphy", "Emily Blunt", "Matt Damon", "Robert Downey Jr.", "Florence Pugh", "Josh Hartnett", "Kenneth Branagh"],
      kp=("Oppenheimer", "2023 film", "Oppenheimer is a 2023 epic biographical thriller film written and directed by Christopher Nolan. It stars Cillian Murphy as J. Robert Oppenheimer, the physicist who led the Manhattan Project's Los Alamos laboratory.",
          {"Release date": "July 21, 2023", "Director": "Christopher Nolan", "Running time": "180 minutes", "Box office": "$975 million", "Academy Awards": "7, including Best Picture"})),
    T("best horror movies of 2025", "list", "the best horror movies of 2025", "film", 355, x={"thing": "horror movies of 2025", "sub": "horror"},
      people=["Sinners", "Weapons", "28 Years Later", "Bring Her Back", "Final Destination Bloodlines", "The Monkey", "Companion", "Together"]),
    T("stranger things season 5 ending explained", "tv", "Stranger Things", "tv", 0, x={"season": "Season 5", "studio": "Netflix"},
      people=["Millie Bobby Brown", "Finn Wolfhard", "Winona Ryder", "David Harbour", "Noah Schnapp", "Sadie Sink", "Gaten Matarazzo"],
      kp=("Stranger Things", "American science fiction horror drama series", "Stranger Things is an American science fiction horror drama series created by the Duffer Brothers for Netflix. Set in the 1980s in the fictional town of Hawkins, Indiana, it follows a group of friends confronting supernatural forces.",
          {"Created by": "The Duffer Brothers", "Network": "Netflix", "First episode": "July 15, 2016", "Seasons": "5", "Series finale": "December 31, 2025"})),
    T("zelda tears of the kingdom walkthrough", "game", "The Legend of Zelda: Tears of the Kingdom", "game", 95, x={"sub": "zelda", "studio": "Nintendo of America"},
      people=["Ganondorf", "Colgera", "Queen Gibdo", "Marbled Gohma", "Mucktorok", "Seized Construct"],
      kp=("The Legend of Zelda: Tears of the Kingdom", "2023 action-adventure game", "The Legend of Zelda: Tears of the Kingdom is a 2023 action-adventure game developed and published by Nintendo for the Nintendo Switch. The sequel to Breath of the Wild, it adds sky islands, a vast underground and new building abilities.",
          {"Release date": "May 12, 2023", "Developer": "Nintendo EPD", "Platforms": "Nintendo Switch, Nintendo Switch 2", "Genre": "Action-adventure", "Director": "Hidemaro Fujibayashi"})),
    T("beyonce cowboy carter tour", "music", "Beyoncé", "music", 45, x={"work": "Cowboy Carter Tour"},
      people=["Texas Hold 'Em", "16 Carriages", "Ya Ya", "Formation", "Jolene", "Cuff It"],
      kp=("Beyoncé", "American singer, songwriter and actress", "Beyoncé Giselle Knowles-Carter is an American singer, songwriter and businesswoman. Her 2024 album Cowboy Carter won the Grammy Award for Album of the Year, and its stadium tour ran through 2025.",
          {"Born": "September 4, 1981, Houston, Texas", "Genres": "R&B, pop, hip hop, country", "Grammy Awards": "35", "Latest album": "Cowboy Carter (2024)", "Spouse": "Jay-Z"})),
    T("oscars 2026 nominations", "awards", "the 2026 Oscars", "star", 45, x={"sub": "oscarrace", "dates": "01-05:03-20", "studio": "ABC", "avoid": "ratings"},
      people=["One Battle After Another", "Hamnet", "Sinners", "Marty Supreme", "Frankenstein", "Sentimental Value", "Bugonia"],
      kp=("98th Academy Awards", "Film awards ceremony", "The 98th Academy Awards ceremony, presented by the Academy of Motion Picture Arts and Sciences, honors the best films released in 2025.",
          {"Date": "March 15, 2026", "Venue": "Dolby Theatre, Hollywood", "Host": "Conan O'Brien", "Broadcast": "ABC and Hulu", "Nominations announced": "January 22, 2026"})),
    T("the last of us season 2", "tv", "The Last of Us", "tv", 120, x={"season": "Season 2", "studio": "HBO"},
      people=["Pedro Pascal", "Bella Ramsey", "Kaitlyn Dever", "Isabela Merced", "Jeffrey Wright", "Gabriel Luna"],
      kp=("The Last of Us", "American post-apocalyptic drama series", "The Last of Us is an American post-apocalyptic drama television series created by Craig Mazin and Neil Druckmann for HBO, based on the 2013 video game by Naughty Dog.",
          {"Created by": "Craig Mazin, Neil Druckmann", "Network": "HBO", "First episode": "January 15, 2023", "Seasons": "2", "Based on": "The Last of Us by Naughty Dog"})),
    T("movies like interstellar", "list", "movies like Interstellar", "film", 230, x={"thing": "sci-fi movies like Interstellar", "sub": "MovieSuggestions"},
      people=["Arrival", "Contact", "Gravity", "The Martian", "Ad Astra", "2001: A Space Odyssey", "Sunshine", "Inception"]),
    T("billie eilish new album", "music", "Billie Eilish", "music", 160, x={"work": "Hit Me Hard and Soft"},
      people=["Birds of a Feather", "Lunch", "Chihiro", "Wildflower", "L'Amour de Ma Vie", "What Was I Made For?"],
      kp=("Billie Eilish", "American singer-songwriter", "Billie Eilish Pirate Baird O'Connell is an American singer and songwriter. She writes and produces her music with her brother Finneas; her third album, Hit Me Hard and Soft, was released in 2024.",
          {"Born": "December 18, 2001, Los Angeles", "Genres": "Pop, alternative, electropop", "Latest album": "Hit Me Hard and Soft (2024)", "Collaborator": "Finneas O'Connell", "Awards": "2 Academy Awards, 9 Grammy Awards"})),
    T("severance season 2 recap", "tv", "Severance", "tv", 195, x={"season": "Season 2", "studio": "Apple TV"},
      people=["Adam Scott", "Britt Lower", "Zach Cherry", "John Turturro", "Tramell Tillman", "Patricia Arquette"],
      kp=("Severance", "American science fiction psychological thriller series", "Severance is an American science fiction psychological thriller series created by Dan Erickson for Apple TV+. Employees of Lumon Industries undergo a procedure that separates their work memories from their personal lives.",
          {"Created by": "Dan Erickson", "Network": "Apple TV+", "First episode": "February 18, 2022", "Seasons": "2", "Directed by": "Ben Stiller, Aoife McArdle and others"})),
    T("gta 6 release date", "game", "Grand Theft Auto VI", "game", 320,
      x={"sub": "GTA6", "studio": "Rockstar Games", "avoid": "review,walkthrough,tips,beat,upgrades,sales,awards,speedrun,patch,update,wiki,guide"},
      web=[("rockstargames.com", "Grand Theft Auto VI - Rockstar Games", "Grand Theft Auto VI heads to the state of Leonida, home to the neon-soaked streets of Vice City. Coming November 19, 2026 to PlayStation 5 and Xbox Series X|S."),
           ("ign.com", "GTA 6 Release Date, Trailers, Map and Everything We Know", "Everything we know about GTA 6: the November 2026 release date, Lucia and Jason, the Leonida map and what the trailers reveal."),
           ("playstation.com", "Grand Theft Auto VI | PS5 Games", "Grand Theft Auto VI is coming to PlayStation 5 on November 19, 2026. Add it to your wishlist to get notified."),
           ("gtaforums.com", "GTA VI - Speculation & Discussion - GTAForums", "The community's running thread on GTA VI: trailer analysis, map mapping projects and release date talk."),
           ("gamesradar.com", "GTA 6 release date confirmed for November 2026 after delay", "Rockstar moved Grand Theft Auto VI to November 19, 2026, saying the extra time is needed to deliver the level of quality players expect.")],
      news=[("GTA 6 delayed to November 19, 2026", "Rockstar says the extra months will let it finish the game to its standards; PC was not announced."),
            ("Take-Two reaffirms GTA 6 launch date", "The publisher told investors it remains confident in the November release window."),
            ("Third GTA 6 trailer rumors swirl as fans comb Leonida map", "Fans have pieced together much of the map from two trailers and dozens of screenshots.")],
      people=["Lucia", "Jason", "Vice City", "Leonida", "Trailer 2", "the PS5 version"],
      kp=("Grand Theft Auto VI", "Upcoming action-adventure game", "Grand Theft Auto VI is an upcoming action-adventure game developed by Rockstar Games, set in the fictional state of Leonida, based on Florida, and its Miami-inspired Vice City.",
          {"Developer": "Rockstar Games", "Publisher": "Rockstar Games", "Platforms": "PlayStation 5, Xbox Series X/S", "Release date": "November 19, 2026", "Setting": "Leonida (Vice City)"})),
    T("fourth wing series order", "book", "the Empyrean series", "book", 10, x={"author": "Rebecca Yarros", "sub": "fantasyromance"},
      people=["Fourth Wing", "Iron Flame", "Onyx Storm"],
      products=["Fourth Wing (Hardcover)|29.99", "Iron Flame (Hardcover)|29.99", "Onyx Storm Deluxe Limited Edition|32.99", "The Empyrean Series 3-Book Box Set|89.97", "Fourth Wing (Paperback)|19.99"],
      kp=("Fourth Wing", "2023 novel by Rebecca Yarros", "Fourth Wing is a 2023 romantasy novel by Rebecca Yarros, the first book in the Empyrean series. It follows Violet Sorrengail, who is forced to enter a war college for dragon riders.",
          {"Author": "Rebecca Yarros", "Series": "The Empyrean", "Books so far": "Fourth Wing (2023), Iron Flame (2023), Onyx Storm (2025)", "Genre": "Romantasy", "Publisher": "Entangled: Red Tower Books"})),
    T("movie theaters near me", "venue", "movie theaters", "film", 260, city=HOME,
      places=["AMC Pacific Place 11|Movie theater", "Regal Thornton Place|Movie theater", "SIFF Cinema Egyptian|Movie theater", "Cinerama|Movie theater",
              "Majestic Bay Theatres|Movie theater", "AMC Oak Tree 6|Movie theater", "Varsity Theatre|Movie theater"],
      web=[("fandango.com", "Movie Times near Seattle, WA | Fandango", "Find showtimes and buy tickets for movies playing at theaters near Seattle, including {n1} and {n2}."),
           ("amctheatres.com", "AMC Pacific Place 11 - Seattle | Showtimes", "Showtimes, tickets and amenities at AMC Pacific Place 11, including Dolby Cinema and reserved seating.")]),
    T("what to watch on netflix this weekend", "list", "what to watch on Netflix", "tv", 0, x={"thing": "Netflix shows and movies", "sub": "netflix"},
      people=["Wednesday", "Adolescence", "KPop Demon Hunters", "Squid Game", "The Diplomat", "Nobody Wants This", "Black Mirror"],
      web=[("whats-on-netflix.com", "What's on Netflix This Weekend", "New releases and top 10s: everything worth watching on Netflix this weekend, including {p1} and {p2}."),
           ("netflix.com", "Top 10 on Netflix This Week", "The most-watched shows and movies on Netflix this week, updated every Tuesday.")]),
    T("coachella 2026 lineup", "festival", "Coachella", "music", 30,
      people=["Sabrina Carpenter", "Justin Bieber", "Karol G"], x={"dates": "01-05:04-08"},
      kp=("Coachella", "Annual music and arts festival", "The Coachella Valley Music and Arts Festival is an annual music and arts festival held at the Empire Polo Club in Indio, California, over two consecutive weekends in April.",
          {"Location": "Empire Polo Club, Indio, California", "2026 dates": "April 10–12 and 17–19", "Founded": "1999", "Organizer": "Goldenvoice", "2026 headliners": "Sabrina Carpenter, Justin Bieber, Karol G"})),
    T("inside out 2 box office", "film", "Inside Out 2", "film", 200, x={"studio": "Pixar"},
      people=["Amy Poehler", "Maya Hawke", "Kensington Tallman", "Liza Lapira", "Tony Hale", "Lewis Black"],
      kp=("Inside Out 2", "2024 animated film", "Inside Out 2 is a 2024 American animated coming-of-age film produced by Pixar Animation Studios. Riley, now a teenager, meets new emotions including Anxiety, voiced by Maya Hawke.",
          {"Release date": "June 14, 2024", "Director": "Kelsey Mann", "Studio": "Pixar Animation Studios", "Running time": "96 minutes", "Box office": "$1.699 billion"}),
      web=[("the-numbers.com", "Inside Out 2 (2024) - Financial Information", "Box office performance, home market performance and international grosses for Inside Out 2.")]),
    T("elden ring shadow of the erdtree boss order", "game", "Elden Ring: Shadow of the Erdtree", "game", 40, x={"sub": "Eldenring", "studio": "Bandai Namco Entertainment"},
      people=["Messmer the Impaler", "Rellana", "Promised Consort Radahn", "Bayle the Dread", "Midra", "Commander Gaius"],
      kp=("Elden Ring: Shadow of the Erdtree", "2024 expansion for Elden Ring", "Shadow of the Erdtree is an expansion for the 2022 action role-playing game Elden Ring, developed by FromSoftware. It takes place in the Land of Shadow and follows the trail of Miquella.",
          {"Release date": "June 21, 2024", "Developer": "FromSoftware", "Publisher": "Bandai Namco Entertainment", "Platforms": "PS5, PS4, Xbox Series X/S, Xbox One, Windows", "Type": "Expansion"})),
    T("white lotus season 3 filming location", "tv", "The White Lotus", "tv", 150, city="samui", x={"season": "Season 3", "studio": "HBO"},
      people=["Walton Goggins", "Parker Posey", "Aimee Lou Wood", "Jason Isaacs", "Carrie Coon", "Patrick Schwarzenegger"],
      places=["Four Seasons Resort Koh Samui|Resort hotel", "Wat Phra Yai (Big Buddha Temple)|Buddhist temple", "Lamai Beach|Beach", "Chaweng Beach|Beach",
              "Anantara Mai Khao Phuket Villas|Resort hotel|Mai Khao, Phuket, Thailand|8.1207,98.3000"],
      kp=("The White Lotus", "American anthology comedy-drama series", "The White Lotus is an American satirical anthology series created by Mike White for HBO. Each season follows guests and staff at a different White Lotus resort; the third season is set in Thailand.",
          {"Created by": "Mike White", "Network": "HBO", "First episode": "July 11, 2021", "Season 3 setting": "Koh Samui, Thailand", "Seasons": "3"})),
    T("kendrick lamar super bowl halftime show", "music", "Kendrick Lamar", "music", 5, x={"work": "Super Bowl LIX Halftime Show", "sub": "KendrickLamar"},
      people=["Not Like Us", "Squabble Up", "Humble", "DNA.", "Luther", "All the Stars"],
      kp=("Kendrick Lamar", "American rapper", "Kendrick Lamar Duckworth is an American rapper and songwriter. He headlined the Super Bowl LIX halftime show in New Orleans in February 2025, the most-watched halftime show on record.",
          {"Born": "June 17, 1987, Compton, California", "Genres": "Hip hop, West Coast hip hop", "Latest album": "GNX (2024)", "Pulitzer Prize": "Music, 2018 (Damn)", "Super Bowl halftime": "Super Bowl LIX, February 9, 2025"})),
    T("best podcasts 2026", "list", "the best podcasts of 2026", "music", 265, x={"thing": "podcasts", "sub": "podcasts", "vpool": "musicfans", "skip": LIST_FILM_SITES, "avoid": NOT_FILM},
      people=["The Rest Is History", "SmartLess", "Hard Fork", "Serial", "Radiolab", "Heavyweight", "Search Engine"],
      web=[("podcasts.apple.com", "Top Shows - Apple Podcasts", "The most popular podcasts right now, updated daily, with {p1} and {p2} near the top."),
           ("spotify.com", "Spotify Podcast Charts", "Discover the top podcasts on Spotify this week across every category.")]),
    T("wicked for good cast", "film", "Wicked: For Good", "film", 120, x={"studio": "Universal Pictures"},
      people=["Cynthia Erivo", "Ariana Grande", "Jonathan Bailey", "Michelle Yeoh", "Jeff Goldblum", "Ethan Slater"],
      kp=("Wicked: For Good", "2025 film", "Wicked: For Good is a 2025 American musical fantasy film directed by Jon M. Chu, the second of a two-part adaptation of the stage musical Wicked.",
          {"Release date": "November 21, 2025", "Director": "Jon M. Chu", "Running time": "137 minutes", "Based on": "Wicked by Stephen Schwartz and Winnie Holzman", "Studio": "Universal Pictures"})),
    T("hamilton broadway tickets", "venue", "Hamilton", "star", 45, city="nyc", x={"what": "tickets", "proper": "Broadway"},
      places=["Richard Rodgers Theatre|Broadway theater|226 W 46th St, New York, NY 10036|40.7590,-73.9866", "TKTS Times Square|Ticket office|Broadway & W 47th St, New York, NY 10036|40.7593,-73.9849",
              "Sardi's|Restaurant|234 W 44th St, New York, NY 10036|40.7578,-73.9877", "Joe Allen|Restaurant|326 W 46th St, New York, NY 10036|40.7602,-73.9891",
              "TKTS Lincoln Center|Ticket office|61 W 62nd St, New York, NY 10023|40.7716,-73.9830"],
      kp=("Hamilton", "Broadway musical", "Hamilton is a sung-and-rapped-through musical by Lin-Manuel Miranda about the life of American Founding Father Alexander Hamilton, running at the Richard Rodgers Theatre since 2015.",
          {"Music and lyrics": "Lin-Manuel Miranda", "Broadway opening": "August 6, 2015", "Theater": "Richard Rodgers Theatre", "Running time": "2 hours 45 minutes", "Awards": "11 Tony Awards, Pulitzer Prize for Drama"}),
      web=[("hamiltonmusical.com", "Hamilton | Official Broadway Site", "Get tickets to Hamilton on Broadway at the Richard Rodgers Theatre. Enter the digital lottery for $10 seats."),
           ("broadway.com", "Hamilton Tickets | Broadway", "Buy Hamilton tickets, see seating charts and read reviews.")]),
    T("a minecraft movie reviews", "film", "A Minecraft Movie", "film", 100, x={"studio": "Warner Bros. Pictures"},
      people=["Jack Black", "Jason Momoa", "Emma Myers", "Danielle Brooks", "Sebastian Hansen", "Jennifer Coolidge"],
      kp=("A Minecraft Movie", "2025 film", "A Minecraft Movie is a 2025 American fantasy adventure comedy film based on the video game Minecraft. Four misfits are pulled through a portal into the Overworld, where they meet Steve, played by Jack Black.",
          {"Release date": "April 4, 2025", "Director": "Jared Hess", "Running time": "101 minutes", "Box office": "$958 million", "Based on": "Minecraft by Mojang Studios"})),
    T("shogun tv series", "tv", "Shōgun", "tv", 5, x={"season": "Season 2", "studio": "FX Networks"},
      people=["Hiroyuki Sanada", "Cosmo Jarvis", "Anna Sawai", "Tadanobu Asano", "Takehiro Hira"],
      kp=("Shōgun", "American historical drama series", "Shōgun is an American historical drama series created by Rachel Kondo and Justin Marks for FX, based on James Clavell's 1975 novel. Its first season set a record for Emmy wins by a single season.",
          {"Network": "FX on Hulu", "First episode": "February 27, 2024", "Based on": "Shōgun by James Clavell", "Emmy Awards": "18 (2024)", "Created by": "Rachel Kondo, Justin Marks"})),
    T("bad bunny concert dates", "music", "Bad Bunny", "music", 90, x={"work": "DeBÍ TiRAR MáS FOToS World Tour", "sub": "BadBunnyPR"},
      people=["DtMF", "BAILE INoLVIDABLE", "NUEVAYoL", "Tití Me Preguntó", "Me Porto Bonito", "Callaíta"],
      kp=("Bad Bunny", "Puerto Rican rapper and singer", "Benito Antonio Martínez Ocasio, known as Bad Bunny, is a Puerto Rican rapper and singer. His 2025 album Debí Tirar Más Fotos was followed by a residency in San Juan and a world stadium tour.",
          {"Born": "March 10, 1994, Vega Baja, Puerto Rico", "Genres": "Reggaeton, Latin trap", "Latest album": "Debí Tirar Más Fotos (2025)", "Super Bowl halftime": "Super Bowl LX, February 8, 2026"})),
    T("lord of the rings movies in order", "list", "the Lord of the Rings movies", "film", 40, x={"thing": "Lord of the Rings movies", "sub": "lotr"},
      people=["The Fellowship of the Ring", "The Two Towers", "The Return of the King", "An Unexpected Journey", "The Desolation of Smaug", "The Battle of the Five Armies", "The War of the Rohirrim"],
      kp=("The Lord of the Rings", "Film series", "The Lord of the Rings is a trilogy of epic fantasy adventure films directed by Peter Jackson, based on the novel by J. R. R. Tolkien, followed by the prequel trilogy The Hobbit.",
          {"Directed by": "Peter Jackson", "Released": "2001–2003", "Academy Awards": "17 wins", "Based on": "The Lord of the Rings by J. R. R. Tolkien", "Prequels": "The Hobbit trilogy (2012–2014)"})),
    T("nintendo switch 2 games", "list", "the best Nintendo Switch 2 games", "game", 0,
      x={"thing": "Nintendo Switch 2 games", "sub": "NintendoSwitch2", "cat": "games", "vpool": "gaming", "skip": LIST_FILM_SITES, "avoid": NOT_FILM},
      web=[("nintendo.com", "Nintendo Switch 2 Games - Official Site", "Browse games for Nintendo Switch 2, including {p1}, {p2} and Nintendo Switch 2 Edition upgrades."),
           ("ign.com", "The Best Nintendo Switch 2 Games", "Our picks of the best games on Nintendo Switch 2 so far, from {p1} to {p3}.")],
      people=["Mario Kart World", "Donkey Kong Bananza", "Pokémon Legends: Z-A", "Kirby Air Riders", "Metroid Prime 4: Beyond", "Hades II"],
      products=["Nintendo Switch 2|449.99", "Nintendo Switch 2 + Mario Kart World Bundle|499.99", "Mario Kart World|79.99", "Donkey Kong Bananza|69.99",
                "Nintendo Switch 2 Pro Controller|84.99", "SanDisk microSD Express 256GB|59.99"],
      kp=("Nintendo Switch 2", "Hybrid video game console", "The Nintendo Switch 2 is a hybrid video game console developed by Nintendo, released in 2025 as the successor to the Nintendo Switch, with a larger screen and backward compatibility.",
          {"Manufacturer": "Nintendo", "Release date": "June 5, 2025", "Launch price": "$449.99", "Display": "7.9-inch 1080p LCD, up to 120 Hz", "Storage": "256 GB"})),
    T("sabrina carpenter short n sweet tour", "music", "Sabrina Carpenter", "music", 330, x={"work": "Short n' Sweet Tour"},
      people=["Espresso", "Please Please Please", "Taste", "Juno", "Manchild", "Bed Chem"],
      kp=("Sabrina Carpenter", "American singer and actress", "Sabrina Annlynn Carpenter is an American singer, songwriter and actress. Her 2024 album Short n' Sweet, led by 'Espresso', won the Grammy Award for Best Pop Vocal Album.",
          {"Born": "May 11, 1999, Quakertown, Pennsylvania", "Genres": "Pop", "Latest album": "Man's Best Friend (2025)", "Grammy Awards": "2 (2025)", "Label": "Island Records"})),
    T("the batman part ii cast", "film", "The Batman Part II", "film", 240,
      x={"studio": "Warner Bros. Pictures", "avoid": "review,box office,ending,streaming,sequel,discussion,missed,final trailer,premiere"},
      web=[("dc.com", "The Batman Part II | DC", "Robert Pattinson returns as the Dark Knight in Matt Reeves' The Batman Part II, in theaters October 1, 2027."),
           ("variety.com", "'The Batman Part II' Adds Scarlett Johansson and Sebastian Stan to Cast", "Matt Reeves' sequel has added two new cast members alongside returning stars Robert Pattinson, Jeffrey Wright and Colin Farrell.")],
      news=[("'The Batman Part II' begins filming", "Matt Reeves' sequel started production with Robert Pattinson back as Bruce Wayne."),
            ("Scarlett Johansson and Sebastian Stan join 'The Batman Part II'", "The two actors are the latest additions to the cast, in roles the studio hasn't revealed.")],
      people=["Robert Pattinson", "Jeffrey Wright", "Colin Farrell", "Andy Serkis", "Scarlett Johansson", "Sebastian Stan"],
      kp=("The Batman Part II", "Upcoming film", "The Batman Part II is an upcoming American superhero film directed by Matt Reeves, the sequel to The Batman (2022), with Robert Pattinson returning as Bruce Wayne.",
          {"Director": "Matt Reeves", "Release date": "October 1, 2027", "Studio": "Warner Bros. Pictures, DC Studios", "Status": "In production", "Preceded by": "The Batman (2022)"})),
    T("house of the dragon season 3", "tv", "House of the Dragon", "tv", 15, x={"season": "Season 3", "studio": "HBO"},
      people=["Emma D'Arcy", "Matt Smith", "Olivia Cooke", "Ewan Mitchell", "Tom Glynn-Carney", "Fabien Frankel"],
      kp=("House of the Dragon", "American fantasy drama series", "House of the Dragon is an American fantasy drama series created by George R. R. Martin and Ryan Condal for HBO, a prequel to Game of Thrones about the Targaryen civil war.",
          {"Created by": "Ryan Condal, George R. R. Martin", "Network": "HBO", "First episode": "August 21, 2022", "Based on": "Fire & Blood by George R. R. Martin", "Season 3": "Summer 2026"})),
    T("stephen king best books ranked", "list", "Stephen King's best books", "book", 0,
      x={"thing": "Stephen King books", "sub": "stephenking", "cat": "books", "vpool": "books", "skip": LIST_FILM_SITES, "avoid": NOT_FILM},
      web=[("goodreads.com", "Best Stephen King Books (Ranked by Readers) | Goodreads", "Readers vote on the best Stephen King books: {p1}, {p2}, {p3} and more, with ratings and reviews."),
           ("stephenking.com", "Stephen King | The Official Website", "News, books, short fiction and film and TV adaptations from Stephen King, with a complete bibliography.")],
      people=["The Stand", "It", "11/22/63", "The Shining", "Misery", "'Salem's Lot", "Pet Sematary", "The Long Walk"],
      products=["The Stand (Paperback)|22.00", "11/22/63 (Paperback)|21.99", "It (Paperback)|24.00", "The Shining (Paperback)|18.99", "Misery (Paperback)|18.00", "Never Flinch (Hardcover)|32.50"],
      kp=("Stephen King", "American author", "Stephen Edwin King is an American author of horror, supernatural fiction, suspense, crime, science fiction and fantasy novels. His books have sold more than 350 million copies.",
          {"Born": "September 21, 1947, Portland, Maine", "Genres": "Horror, supernatural fiction, suspense", "Notable works": "Carrie, The Shining, It, The Stand, Misery", "Latest novel": "Never Flinch (2025)", "Spouse": "Tabitha King"})),
    T("escape rooms in chicago", "venue", "escape rooms", "game", 280, city="chicago",
      places=["The Escape Game Chicago|Escape room center", "Mission Escape Games|Escape room center", "Fox in a Box Chicago|Escape room center",
              "60 Minutes to Escape|Escape room center", "Breakout Games Chicago|Escape room center", "Trapped Puzzle Rooms|Escape room center"]),
    T("baldur's gate 3 best builds", "game", "Baldur's Gate 3", "game", 270, x={"sub": "BaldursGate3", "studio": "Larian Studios", "avoid": "beat,speedrun"},
      people=["Shadowheart", "Astarion", "Karlach", "Lae'zel", "the Paladin class", "the Sorcerer class"],
      kp=("Baldur's Gate 3", "2023 role-playing game", "Baldur's Gate 3 is a 2023 role-playing video game developed and published by Larian Studios, based on Dungeons & Dragons fifth edition. It won Game of the Year at The Game Awards 2023.",
          {"Developer": "Larian Studios", "Release date": "August 3, 2023", "Platforms": "Windows, PS5, Xbox Series X/S, macOS", "Awards": "Game of the Year, The Game Awards 2023", "Based on": "Dungeons & Dragons 5th edition"})),
    T("emmys 2025 winners", "awards", "the 2025 Emmys", "star", 50, x={"sub": "television", "studio": "Television Academy"},
      people=["The Studio", "The Pitt", "Adolescence", "Severance", "Hacks", "The Penguin"],
      kp=("77th Primetime Emmy Awards", "Television awards ceremony", "The 77th Primetime Emmy Awards honored the best in American prime time television programming from June 2024 to May 2025.",
          {"Date": "September 14, 2025", "Venue": "Peacock Theater, Los Angeles", "Host": "Nate Bargatze", "Broadcast": "CBS and Paramount+", "Outstanding Drama": "The Pitt"}),
      web=[("emmys.com", "77th Emmy Awards Nominees and Winners | Television Academy", "The complete list of nominees and winners for the 77th Emmy Awards.")]),
    T("andor season 2 review", "tv", "Andor", "tv", 210, x={"season": "Season 2", "studio": "Star Wars"},
      people=["Diego Luna", "Stellan Skarsgård", "Genevieve O'Reilly", "Adria Arjona", "Kyle Soller", "Denise Gough"],
      kp=("Andor", "American science fiction political spy thriller series", "Andor is an American science fiction political spy thriller series created by Tony Gilroy for Disney+, a prequel to Rogue One following Cassian Andor's path to the Rebellion.",
          {"Created by": "Tony Gilroy", "Network": "Disney+", "First episode": "September 21, 2022", "Seasons": "2", "Franchise": "Star Wars"})),
    T("jazz clubs in new york", "venue", "jazz clubs", "music", 250, city="nyc",
      places=["Village Vanguard|Jazz club|178 7th Ave S, New York, NY 10014|40.7359,-74.0016", "Blue Note Jazz Club|Jazz club|131 W 3rd St, New York, NY 10012|40.7309,-74.0007",
              "Smalls Jazz Club|Jazz club|183 W 10th St, New York, NY 10014|40.7344,-74.0027", "Birdland Jazz Club|Jazz club|315 W 44th St, New York, NY 10036|40.7591,-73.9893",
              "Dizzy's Club|Jazz club|10 Columbus Cir, New York, NY 10019|40.7686,-73.9830", "Smoke Jazz Club|Jazz club|2751 Broadway, New York, NY 10025|40.8010,-73.9685"]),
    T("one piece live action season 2", "tv", "One Piece", "tv", 20, x={"season": "Season 2", "studio": "Netflix"},
      people=["Iñaki Godoy", "Emily Rudd", "Mackenyu", "Jacob Romero Gibson", "Taz Skylar", "Joe Manganiello"],
      kp=("One Piece", "Live-action adventure series", "One Piece is an American fantasy adventure series developed for Netflix, based on Eiichiro Oda's manga. The second season, Into the Grand Line, follows Luffy's crew into the Grand Line.",
          {"Network": "Netflix", "First episode": "August 31, 2023", "Based on": "One Piece by Eiichiro Oda", "Season 2": "Into the Grand Line", "Season 2 premiere": "March 10, 2026"})),
    T("olivia rodrigo guts songs", "music", "Olivia Rodrigo", "music", 280, x={"work": "GUTS"},
      people=["vampire", "bad idea right?", "get him back!", "ballad of a homeschooled girl", "logical", "obsessed"],
      kp=("Olivia Rodrigo", "American singer-songwriter", "Olivia Isabel Rodrigo is an American singer-songwriter and actress. Her second album, Guts (2023), debuted at number one and produced the singles 'vampire' and 'bad idea right?'.",
          {"Born": "February 20, 2003, Murrieta, California", "Genres": "Pop, pop rock", "Albums": "Sour (2021), Guts (2023)", "Grammy Awards": "3", "Label": "Geffen Records"})),
    T("hollow knight silksong", "game", "Hollow Knight: Silksong", "game", 190, x={"sub": "Silksong", "studio": "Team Cherry"},
      people=["Lace", "Moss Mother", "Bell Beast", "Last Judge", "Widow", "Sister Splinter"],
      kp=("Hollow Knight: Silksong", "2025 Metroidvania game", "Hollow Knight: Silksong is a 2025 Metroidvania game developed and published by Team Cherry, the sequel to Hollow Knight, following Hornet through the kingdom of Pharloom.",
          {"Developer": "Team Cherry", "Release date": "September 4, 2025", "Platforms": "Windows, macOS, Linux, Switch, Switch 2, PS4, PS5, Xbox", "Genre": "Metroidvania", "Price": "$19.99"})),
    T("project hail mary movie", "film", "Project Hail Mary", "film", 210, x={"studio": "Amazon MGM Studios"},
      people=["Ryan Gosling", "Sandra Hüller", "Lionel Boyce", "Ken Leung", "Milana Vayntrub"],
      kp=("Project Hail Mary", "2026 film", "Project Hail Mary is a 2026 American science fiction film directed by Phil Lord and Christopher Miller, based on Andy Weir's 2021 novel. Ryan Gosling stars as a science teacher who wakes up alone on a spacecraft.",
          {"Release date": "March 20, 2026", "Directors": "Phil Lord, Christopher Miller", "Based on": "Project Hail Mary by Andy Weir", "Studio": "Amazon MGM Studios", "Screenplay": "Drew Goddard"})),
    T("comedy shows in los angeles this weekend", "venue", "comedy clubs", "music", 20, city="la",
      places=["The Comedy Store|Comedy club|8433 Sunset Blvd, West Hollywood, CA 90069|34.0955,-118.3733", "Laugh Factory Hollywood|Comedy club|8001 Sunset Blvd, Los Angeles, CA 90046|34.0977,-118.3632",
              "The Improv Hollywood|Comedy club|8162 Melrose Ave, Los Angeles, CA 90046|34.0833,-118.3667", "Largo at the Coronet|Performing arts theater|366 N La Cienega Blvd, Los Angeles, CA 90048|34.0787,-118.3768",
              "Dynasty Typewriter|Comedy club", "The Elysian Theater|Comedy club"]),
    T("superman 2025 box office", "film", "Superman", "film", 215, x={"studio": "DC"},
      people=["David Corenswet", "Rachel Brosnahan", "Nicholas Hoult", "Edi Gathegi", "Nathan Fillion", "Isabela Merced"],
      kp=("Superman", "2025 film", "Superman is a 2025 American superhero film written and directed by James Gunn, the first film in the DC Universe. David Corenswet stars as Clark Kent.",
          {"Release date": "July 11, 2025", "Director": "James Gunn", "Studio": "DC Studios", "Running time": "129 minutes", "Box office": "$616 million"})),
    T("best board games for adults", "list", "board games for adults", "game", 30, x={"thing": "board games for adults", "sub": "boardgames", "cat": "gifts", "vpool": "boardgames", "skip": LIST_FILM_SITES, "avoid": NOT_FILM},
      people=["Wingspan", "Catan", "Ticket to Ride", "Codenames", "Azul", "Cascadia", "Spirit Island"],
      products=["Wingspan|54.99", "Catan|49.99", "Ticket to Ride|49.99", "Codenames|24.99", "Azul|39.99", "Cascadia|39.99", "Spirit Island|79.99"],
      web=[("boardgamegeek.com", "Board Game Rank | BoardGameGeek", "The community's ranking of the best board games, with ratings, weight and player counts for {p1}, {p2} and more."),
           ("nytimes.com", "The Best Board Games for Adults | Wirecutter", "After playing more than 100 games with groups of friends, we think {p1} and {p2} are the best board games for adults.")]),
    T("squid game season 3 ending", "tv", "Squid Game", "tv", 330, x={"season": "Season 3", "studio": "Netflix"},
      people=["Lee Jung-jae", "Lee Byung-hun", "Wi Ha-joon", "Yim Si-wan", "Kang Ha-neul", "Park Gyu-young"],
      kp=("Squid Game", "South Korean survival thriller series", "Squid Game is a South Korean dystopian survival thriller series created by Hwang Dong-hyuk for Netflix. Hundreds of cash-strapped players compete in deadly children's games for a huge cash prize.",
          {"Created by": "Hwang Dong-hyuk", "Network": "Netflix", "First episode": "September 17, 2021", "Seasons": "3", "Final season": "June 27, 2025"})),
    T("sunrise on the reaping", "book", "Sunrise on the Reaping", "book", 25, x={"author": "Suzanne Collins", "sub": "Hungergames", "skip": "penguinrandomhouse.com"},
      web=[("scholastic.com", "Sunrise on the Reaping by Suzanne Collins | Scholastic", "The fifth book in the Hunger Games series revisits the world of Panem sixty-four years before the events of The Hunger Games, on the morning of the reaping of the 50th Hunger Games.")],
      people=["Sunrise on the Reaping", "The Ballad of Songbirds and Snakes", "The Hunger Games", "Catching Fire", "Mockingjay"],
      products=["Sunrise on the Reaping (Hardcover)|27.99", "Sunrise on the Reaping (Audiobook)|30.00", "The Hunger Games 5-Book Set|79.99", "The Ballad of Songbirds and Snakes|15.99", "The Hunger Games (Paperback)|14.99"],
      kp=("Sunrise on the Reaping", "2025 novel by Suzanne Collins", "Sunrise on the Reaping is a 2025 dystopian novel by Suzanne Collins, a prequel to The Hunger Games set during the 50th Hunger Games and following a young Haymitch Abernathy.",
          {"Author": "Suzanne Collins", "Published": "March 18, 2025", "Publisher": "Scholastic", "Series": "The Hunger Games (prequel)", "Film adaptation": "November 20, 2026"})),
    T("fortnite new season", "game", "Fortnite", "game", 275, x={"sub": "FortNiteBR", "studio": "Fortnite", "avoid": "beat,walkthrough,review,speedrun"},
      people=["the Battle Pass", "Chapter 7", "Fortnite Reload", "Zero Build", "LEGO Fortnite", "Fortnite OG"],
      kp=("Fortnite", "Online video game", "Fortnite is an online video game and game platform developed by Epic Games, best known for its free-to-play battle royale mode, released in 2017, with new seasons every few months.",
          {"Developer": "Epic Games", "Release date": "July 21, 2017", "Platforms": "PC, PS5, Xbox, Switch, iOS, Android", "Genre": "Battle royale", "Price": "Free-to-play"})),
    T("tiny desk concert best performances", "list", "the best Tiny Desk concerts", "music", 15, x={"thing": "Tiny Desk concerts", "sub": "music", "vpool": "musicfans", "skip": LIST_FILM_SITES, "avoid": NOT_FILM},
      people=["Mac Miller", "Anderson .Paak & The Free Nationals", "Chaka Khan", "T-Pain", "Tyler, the Creator", "Doja Cat", "Sabrina Carpenter"],
      kp=("Tiny Desk Concerts", "NPR Music video series", "Tiny Desk Concerts is a video series of live concerts hosted by NPR Music at the desk of Bob Boilen in the NPR offices in Washington, D.C.",
          {"Host": "NPR Music", "Started": "2008", "Created by": "Bob Boilen", "Venue": "NPR headquarters, Washington, D.C.", "Format": "Stripped-down live sets"}),
      web=[("npr.org", "Tiny Desk Concerts : NPR", "Intimate video performances recorded at the Tiny Desk in Washington, D.C., with artists like {p1} and {p2}."),
           ("pitchfork.com", "The Best Tiny Desk Concerts of All Time", "From {p1} to {p3}, the NPR desk sets that turned into career-defining moments."),
           ("youtube.com", "NPR Music - YouTube", "Watch every Tiny Desk concert, including the most-viewed sets by {p2} and {p3}.")]),
]

SHOPPING = [
    T("best noise cancelling headphones under 300", "best", "noise cancelling headphones under $300", "headphones", 220, x={"cat": "tech", "sub": "headphones"},
      products=["Sony WH-1000XM5|298.00", "Bose QuietComfort Headphones|249.00", "Sennheiser Momentum 4 Wireless|279.95", "Sony ULT Wear|149.99",
                "Soundcore Space One Pro|199.99", "Bose QuietComfort Ultra Earbuds|279.00", "Apple AirPods Pro 3|249.00", "Beats Studio Pro|199.99"]),
    T("running shoes for flat feet", "best", "running shoes for flat feet", "shoe", 15, x={"cat": "shoes", "sub": "RunningShoeGeeks"},
      products=["Brooks Adrenaline GTS 24|139.95", "ASICS Gel-Kayano 31|164.95", "Hoka Arahi 7|144.95", "Saucony Guide 17|139.95",
                "New Balance Fresh Foam X 860v14|139.99", "Brooks Glycerin GTS 21|164.95", "Mizuno Wave Inspire 21|144.95"]),
    T("iphone 17 pro vs pixel 10 pro", "compare", "iPhone 17 Pro vs Pixel 10 Pro", "phone", 210, x={"cat": "tech", "sub": "smartphones", "a": "iPhone 17 Pro", "b": "Pixel 10 Pro"},
      products=["Apple iPhone 17 Pro 256GB|1099.00", "Google Pixel 10 Pro 128GB|999.00", "Apple iPhone 17 Pro Max 256GB|1199.00", "Google Pixel 10 Pro XL 256GB|1199.00",
                "Apple iPhone 17 256GB|799.00", "Google Pixel 10 128GB|799.00"],
      kp=("iPhone 17 Pro", "Smartphone by Apple", "The iPhone 17 Pro is a smartphone designed and marketed by Apple, announced in September 2025 with an aluminum unibody design, the A19 Pro chip and a 48 MP telephoto camera.",
          {"Released": "September 19, 2025", "Starting price": "$1,099", "Display": "6.3-inch Super Retina XDR, 120 Hz", "Chip": "A19 Pro", "Rear cameras": "Three 48 MP cameras"})),
    T("best budget laptop for college students", "best", "budget laptops for college students", "laptop", 200, x={"cat": "tech", "sub": "SuggestALaptop"},
      products=["Apple MacBook Air 13-inch (M4)|999.00", "Acer Aspire Go 15|349.99", "Lenovo IdeaPad Slim 3|529.99", "ASUS Vivobook 16|479.99",
                "HP OmniBook 5 14|649.99", "Acer Chromebook Plus 515|399.99", "Dell 15 Laptop|499.99"]),
    T("standing desk reviews", "best", "standing desks", "furniture", 30, x={"cat": "home", "sub": "StandingDesk"},
      products=["Uplift V2 Standing Desk|599.00", "Fully Jarvis Bamboo Standing Desk|619.00", "FlexiSpot E7|429.99", "Vari Electric Standing Desk|595.00",
                "IKEA MITTZON Sit/Stand Desk|399.99", "Branch Duo Standing Desk|549.00", "Autonomous SmartDesk Core|449.00"]),
    T("air fryer vs convection oven", "compare", "air fryer vs convection oven", "kitchen", 15, x={"cat": "kitchen", "sub": "Cooking", "a": "Air Fryer", "b": "Convection Oven", "avoid": "review,month,switched,| {mname}"},
      web=[("seriouseats.com", "Air Fryers vs. Convection Ovens: What's the Difference?", "An air fryer is essentially a small, powerful countertop convection oven. We tested both to see which cooks crispier food and which is more versatile."),
           ("americastestkitchen.com", "Do You Really Need an Air Fryer If You Have a Convection Oven?", "Our testing found air fryers crisp small batches faster, while convection ovens handle larger quantities and sheet-pan meals.")],
      products=["Ninja Air Fryer Pro 4-in-1|99.99", "Cosori Pro LE Air Fryer|89.99", "Instant Vortex Plus 6-Quart|119.95", "Breville Smart Oven Air Fryer Pro|399.95",
                "Ninja Foodi 10-in-1 XL Pro Air Fry Oven|229.99", "Cuisinart TOA-70 Air Fryer Toaster Oven|229.95"]),
    T("best robot vacuum for pet hair", "best", "robot vacuums for pet hair", "furniture", 190, x={"cat": "home", "sub": "RobotVacuums"},
      products=["Roborock Q7 Max+|449.99", "iRobot Roomba Combo j9+|899.99", "Shark AI Ultra Self-Empty Robot Vacuum|399.99", "Eufy X10 Pro Omni|599.99",
                "Dreame L10s Ultra Gen 2|699.99", "Roborock S8 MaxV Ultra|1199.99", "iRobot Roomba 205 DustCompactor|299.99"]),
    T("mirrorless camera for beginners", "best", "mirrorless cameras for beginners", "camera", 0, x={"cat": "camera", "sub": "AskPhotography"},
      products=["Sony Alpha a6400|899.99", "Canon EOS R50|679.00", "Nikon Z50 II|909.95", "Fujifilm X-M5|799.00", "Canon EOS R10|979.00",
                "Panasonic Lumix G100D|597.99", "Sony ZV-E10 II|999.99"]),
    T("apple watch series 11 deals", "deals", "Apple Watch Series 11", "watch", 350, x={"cat": "tech", "sub": "AppleWatch"},
      products=["Apple Watch Series 11 GPS 42mm|399.00", "Apple Watch Series 11 GPS 46mm|429.00", "Apple Watch Series 11 GPS + Cellular 46mm|529.00",
                "Apple Watch SE 3 40mm|249.00", "Apple Watch Ultra 3|799.00", "Apple Watch Series 10 GPS 42mm (Refurbished)|279.00"],
      kp=("Apple Watch Series 11", "Smartwatch by Apple", "The Apple Watch Series 11 is a smartwatch announced by Apple in September 2025, with longer battery life, hypertension notifications and a sleep score.",
          {"Released": "September 19, 2025", "Starting price": "$399", "Battery": "Up to 24 hours", "Chip": "S10 SiP", "Sizes": "42 mm and 46 mm"})),
    T("best mattress for back pain", "best", "mattresses for back pain", "furniture", 240, x={"cat": "home", "sub": "Mattress"},
      products=["Saatva Classic Mattress (Queen)|1999.00", "Helix Midnight Luxe (Queen)|1799.00", "Purple RestorePremier Hybrid (Queen)|2299.00",
                "Nectar Premier Memory Foam (Queen)|999.00", "WinkBed (Queen)|1799.00", "Tempur-Pedic TEMPUR-Adapt (Queen)|2399.00", "Casper Dream Max (Queen)|1995.00"]),
    T("espresso machine under 500", "best", "espresso machines under $500", "kitchen", 30, x={"cat": "kitchen", "sub": "espresso"},
      products=["Breville Bambino Plus|499.95", "De'Longhi Dedica Arte|299.95", "Gaggia Classic Evo Pro|449.00", "Breville Bambino|299.95",
                "De'Longhi Stilosa|119.95", "Casabrews CM5418|139.99", "Breville Barista Express|499.95"]),
    T("kids bike size chart", "best", "kids' bikes", "fitness", 120, x={"cat": "kids", "sub": "bicycling"},
      products=["Woom 3 (16-inch)|489.00", "Guardian Ethos 20-inch|399.00", "Prevelo Alpha Three|469.00", "Strider 12 Sport Balance Bike|129.99",
                "Schwinn Koen 16-inch|169.99", "Trek Precaliber 20|349.99"],
      web=[("rei.com", "Kids' Bike Sizing: How to Choose | REI Expert Advice", "Kids' bikes are sized by wheel diameter, not frame size. Use your child's inseam and height to pick 12-, 16-, 20- or 24-inch wheels."),
           ("woom.com", "Bike Size Chart by Age and Height | woom", "Find the right woom bike using our size chart: height ranges for every model from balance bikes to 26-inch wheels.")]),
    T("best 4k tv for gaming", "best", "4K TVs for gaming", "tv", 260, x={"cat": "tech", "sub": "4kTV"},
      products=["LG C5 65-inch OLED|1799.99", "Samsung S90F 65-inch OLED|1999.99", "Sony Bravia 8 II 65-inch|2799.99", "TCL QM8K 65-inch|1799.99",
                "Hisense U8 65-inch|1199.99", "LG G5 65-inch OLED|2999.99", "Samsung QN90F 65-inch Neo QLED|1999.99"]),
    T("waterproof hiking boots womens", "best", "women's waterproof hiking boots", "shoe", 30, x={"cat": "outdoor", "sub": "CampingandHiking"},
      products=["Merrell Moab 3 Mid Waterproof|149.95", "Salomon X Ultra 5 Mid GTX|190.00", "Keen Targhee IV Mid Waterproof|174.95", "Lowa Renegade GTX Mid|275.00",
                "Oboz Sawtooth X Mid B-DRY|190.00", "Hoka Anacapa 2 Mid GTX|210.00", "Danner Mountain 600 Leaf GTX|230.00"]),
    T("ergonomic office chair", "best", "ergonomic office chairs", "furniture", 210, x={"cat": "home", "sub": "OfficeChairs"},
      products=["Herman Miller Aeron|1895.00", "Steelcase Leap V2|1399.00", "Branch Ergonomic Chair Pro|549.00", "HON Ignition 2.0|449.00",
                "Sihoo M57|159.99", "Steelcase Series 1|495.00", "Herman Miller Embody|2095.00"]),
    T("black friday laptop deals 2026", "deals", "Black Friday laptop", "laptop", 0, x={"cat": "tech", "sub": "laptopdeals", "dates": "10-20:11-28"},
      products=["Apple MacBook Air 13-inch (M4)|999.00", "Dell XPS 13|1299.99", "HP OmniBook X Flip|899.99", "Lenovo Yoga Slim 7x|1099.99",
                "ASUS Zenbook 14 OLED|899.99", "Acer Nitro V 15|849.99", "Microsoft Surface Laptop, 7th Edition|999.99"],
      news=[("Black Friday 2026: laptop prices fall to their lowest of the year", "Retailers slashed prices on MacBooks, Windows ultrabooks and gaming laptops ahead of the holiday weekend.")]),
    T("wireless earbuds for running", "best", "wireless earbuds for running", "headphones", 160, x={"cat": "tech", "sub": "running"},
      products=["Beats Powerbeats Pro 2|249.99", "Shokz OpenRun Pro 2|179.95", "Jabra Elite 8 Active Gen 2|199.99", "Apple AirPods Pro 3|249.00",
                "Sony WF-1000XM5|299.99", "Bose Ultra Open Earbuds|299.00", "Soundcore AeroFit 2|129.99"]),
    T("best electric toothbrush", "best", "electric toothbrushes", "doctor", 185, x={"cat": "beauty", "sub": "Dentistry"},
      products=["Oral-B iO Series 9|299.99", "Philips Sonicare DiamondClean 9000|229.99", "Oral-B Pro 1000|49.94", "Philips Sonicare 4100|49.99",
                "Quip Smart Electric Toothbrush|45.00", "Oral-B iO Series 5|129.99"]),
    T("carry on luggage that fits all airlines", "best", "carry-on luggage", "generic", 10, x={"cat": "travelgear", "sub": "onebag"},
      products=["Away The Carry-On|295.00", "Monos Carry-On|275.00", "Travelpro Platinum Elite Carry-On|299.99", "Samsonite Freeform Carry-On|159.99",
                "Briggs & Riley Baseline Essential Carry-On|649.00", "Osprey Farpoint 40|185.00", "Cotopaxi Allpa 35L|260.00"]),
    T("lightweight gaming mouse", "best", "lightweight gaming mice", "game", 280, x={"cat": "tech", "sub": "MouseReview"},
      products=["Logitech G Pro X Superlight 2|159.99", "Razer DeathAdder V3 Pro|149.99", "Razer Viper V3 Pro|159.99", "Lamzu Atlantis Mini 4K|119.99",
                "Pulsar X2 V2|94.95", "Glorious Model O 2 Wireless|99.99"]),
    T("warmest winter jacket mens", "best", "men's winter jackets", "generic", 220, x={"cat": "outdoor", "sub": "BuyItForLife"},
      products=["Canada Goose Expedition Parka|1750.00", "The North Face McMurdo Parka|400.00", "Patagonia Frozen Range Parka|599.00", "Arc'teryx Therme Parka|900.00",
                "Columbia Marquam Peak Fusion Parka|270.00", "Fjällräven Expedition Down Jacket|600.00", "Rab Neutrino Pro|425.00"]),
    T("kindle paperwhite vs kobo clara", "compare", "Kindle Paperwhite vs Kobo Clara", "book", 30, x={"cat": "tech", "sub": "ereader", "a": "Kindle Paperwhite", "b": "Kobo Clara BW"},
      products=["Amazon Kindle Paperwhite (2024)|159.99", "Kobo Clara BW|139.99", "Kindle Paperwhite Signature Edition|199.99", "Kobo Clara Colour|159.99",
                "Kindle Colorsoft|249.99", "Kobo Libra Colour|219.99"]),
    T("best blender for smoothies", "best", "blenders for smoothies", "kitchen", 120, x={"cat": "kitchen", "sub": "smoothies"},
      products=["Vitamix 5200|449.95", "Vitamix E310 Explorian|349.95", "Ninja Professional Plus BN701|129.99", "Blendtec Classic 575|349.95",
                "NutriBullet Pro 900|89.99", "Beast Mega 1200|165.00", "Breville the Fresh & Furious|199.95"]),
    T("cast iron skillet", "best", "cast iron skillets", "kitchen", 0, x={"cat": "kitchen", "sub": "castiron"},
      products=["Lodge 12-inch Cast Iron Skillet|29.90", "Field Company No. 8 Skillet|175.00", "Smithey No. 10 Cast Iron Skillet|200.00", "Victoria 12-inch Cast Iron Skillet|39.99",
                "Stargazer 10.5-inch Cast Iron Skillet|115.00", "Le Creuset Signature Enameled Skillet|180.00"],
      web=[("lodgecastiron.com", "How to Season Cast Iron | Lodge Cast Iron", "Keep your skillet in shape: wash, dry, rub with a thin layer of oil and bake upside down. Our step-by-step seasoning guide.")]),
    T("security camera no subscription", "best", "home security cameras without a subscription", "camera", 200, x={"cat": "tech", "sub": "homesecurity"},
      products=["Eufy SoloCam S340|159.99", "Reolink Argus 4 Pro|179.99", "TP-Link Tapo C120|34.99", "Wyze Cam v4|35.98",
                "Eufy eufyCam S3 Pro 2-Cam Kit|549.99", "Aqara Camera Hub G3|109.99", "Reolink E1 Outdoor Pro|99.99"]),
    T("mechanical keyboard for programming", "best", "mechanical keyboards for programming", "laptop", 250, x={"cat": "tech", "sub": "MechanicalKeyboards"},
      products=["Keychron Q1 Max|219.00", "Keychron K2 HE|139.00", "Logitech MX Mechanical|169.99", "HHKB Professional Hybrid Type-S|339.00",
                "NuPhy Air75 V2|119.95", "ZSA Moonlander|365.00", "Das Keyboard 4 Professional|169.00"]),
    T("ps5 pro bundle", "deals", "PS5 Pro bundle", "game", 225, x={"cat": "games", "sub": "PS5"},
      products=["PlayStation 5 Pro Console|749.99", "PlayStation 5 Pro + Ghost of Yōtei Bundle|799.99", "PlayStation 5 Digital Edition|499.99", "DualSense Edge Wireless Controller|199.99",
                "PlayStation Portal Remote Player|199.99", "PlayStation 5 Disc Drive|79.99"],
      kp=("PlayStation 5 Pro", "Home video game console", "The PlayStation 5 Pro is a mid-generation refresh of the PlayStation 5 released by Sony in 2024, with a more powerful GPU, AI upscaling (PSSR) and a 2 TB SSD.",
          {"Manufacturer": "Sony Interactive Entertainment", "Release date": "November 7, 2024", "Launch price": "$699.99", "Storage": "2 TB SSD", "Disc drive": "Sold separately"})),
    T("best sunscreen for face", "best", "face sunscreens", "leaf", 40, x={"cat": "beauty", "sub": "SkincareAddiction"},
      products=["La Roche-Posay Anthelios Melt-in Milk SPF 60|37.99", "EltaMD UV Clear SPF 46|43.00", "Supergoop! Unseen Sunscreen SPF 40|38.00",
                "Neutrogena Ultra Sheer Dry-Touch SPF 55|12.97", "CeraVe AM Facial Moisturizing Lotion SPF 30|19.99", "Beauty of Joseon Relief Sun SPF 50+|18.00"]),
    T("gifts for dad who has everything", "best", "gifts for dads who have everything", "star", 10, x={"cat": "gifts", "sub": "GiftIdeas"},
      products=["YETI Rambler 20 oz Tumbler|35.00", "Ember Mug 2|129.95", "Theragun Mini|199.00", "Solo Stove Mesa XL|99.99",
                "MEATER Pro Wireless Meat Thermometer|149.99", "Storyworth Annual Subscription|99.00", "Leatherman Wave+|119.95"]),
    T("family camping tent", "best", "family camping tents", "forest", 100, x={"cat": "outdoor", "sub": "camping"},
      products=["REI Co-op Wonderland 6|449.00", "Coleman Skydome 6-Person Tent|129.99", "Big Agnes Big House 6|469.95", "Kelty Wireless 6|299.95",
                "NEMO Aurora Highrise 6|499.95", "Core 9-Person Instant Cabin Tent|229.99", "Marmot Limestone 6P|479.00"]),
    T("best ipad for drawing", "best", "iPads for drawing", "laptop", 280, x={"cat": "tech", "sub": "ipad"},
      products=["iPad Pro 11-inch (M5)|999.00", "iPad Air 11-inch (M3)|599.00", "iPad (A16)|349.00", "iPad mini (A17 Pro)|499.00",
                "Apple Pencil Pro|129.00", "Apple Pencil (USB-C)|79.00", "Paperlike Screen Protector|39.99"]),
    T("dyson v15 vs shark stratos", "compare", "Dyson V15 vs Shark Stratos", "furniture", 300, x={"cat": "home", "sub": "VacuumCleaners", "a": "Dyson V15 Detect", "b": "Shark Stratos"},
      products=["Dyson V15 Detect Absolute|749.99", "Shark Stratos Cordless IZ862H|429.99", "Dyson V15 Detect Plus|649.99", "Shark Stratos Upright AZ3002|399.99",
                "Dyson V12 Detect Slim|549.99", "Shark Vertex Pro Powered Lift-Away|329.99"]),
    T("engagement rings under 2000", "best", "engagement rings under $2,000", "star", 50, x={"cat": "jewelry", "sub": "EngagementRings"},
      products=["Brilliant Earth Petite Solitaire, 0.7 ct Lab Diamond|1590.00", "Blue Nile Classic Four-Prong Solitaire, 14k|1450.00", "Kay Oval Lab-Grown Diamond Ring, 1 ct|1899.99",
                "James Allen Pavé Halo Setting, 14k|1190.00", "Zales Round Lab-Created Diamond Ring|1499.00", "VRAI Signature Solitaire|1700.00"]),
    T("best e-bike for commuting", "best", "commuter e-bikes", "fitness", 140, x={"cat": "bikes", "sub": "ebikes"},
      products=["Rad Power Bikes RadCity 5 Plus|1599.00", "Aventon Level.3|1799.00", "Trek FX+ 2|2199.99", "Specialized Turbo Vado SL 2 4.0|3499.00",
                "Lectric XPress 750|1299.00", "Ride1Up Roadster V2|1095.00"]),
    T("furniture stores near me", "store", "furniture stores", "furniture", 35, city=HOME, x={"cat": "home"},
      web=[("ikea.com", "IKEA Renton | Store Hours, Directions & Events", "Visit IKEA Renton for furniture, home accessories and the restaurant. See hours, parking and in-store pickup."),
           ("roomandboard.com", "Seattle Furniture Store | Room & Board", "Shop modern furniture at our Seattle showroom, with free design services and local delivery.")],
      places=["IKEA Renton|Furniture store|601 SW 41st St, Renton, WA 98057|47.4420,-122.2245", "Room & Board Seattle|Furniture store", "West Elm Seattle|Furniture store",
              "Crate & Barrel University Village|Home goods store", "Ashley Store|Furniture store", "RH Seattle|Furniture store", "Kasala|Furniture store"]),
    T("sonos arc ultra review", "review", "Sonos Arc Ultra", "headphones", 0, x={"cat": "tech", "sub": "sonos", "maker": "sonos.com"},
      products=["Sonos Arc Ultra|999.00", "Sonos Sub 4|799.00", "Bose Smart Ultra Soundbar|899.00", "Sonos Era 100 (Pair)|398.00",
                "Samsung HW-Q990F|1999.99", "Sonos Arc Ultra + Sub Mini Set|1428.00"],
      kp=("Sonos Arc Ultra", "Soundbar by Sonos", "The Sonos Arc Ultra is a premium Dolby Atmos soundbar released in 2024, the first Sonos product with Sound Motion woofer technology.",
          {"Manufacturer": "Sonos", "Released": "October 29, 2024", "Price": "$999", "Audio": "9.1.4 spatial audio", "Connectivity": "HDMI eARC, Wi-Fi, Bluetooth"})),
    T("coffee grinder for pour over", "best", "coffee grinders for pour-over", "kitchen", 25, x={"cat": "kitchen", "sub": "pourover"},
      products=["Baratza Encore ESP|199.95", "Fellow Ode Gen 2|345.00", "OXO Brew Conical Burr Grinder|99.99", "Timemore C3 ESP|89.00",
                "1Zpresso K-Ultra|249.00", "Comandante C40 MK4|275.00", "Wilfa Uniform|329.00"]),
    T("lightweight travel stroller", "best", "lightweight travel strollers", "generic", 195, x={"cat": "kids", "sub": "BabyBumps"},
      products=["Babyzen YOYO2|499.00", "UPPAbaby Minu V3|499.99", "Bugaboo Butterfly 2|499.00", "GB Pockit+ All-City|299.99",
                "Joolz Aer+|499.00", "Summer Infant 3Dlite|89.99", "Graco NimbleLite|119.99"]),
    T("garmin forerunner 265 vs 965", "compare", "Garmin Forerunner 265 vs 965", "watch", 200, x={"cat": "tech", "sub": "Garmin", "a": "Forerunner 265", "b": "Forerunner 965"},
      products=["Garmin Forerunner 265|349.99", "Garmin Forerunner 965|499.99", "Garmin Forerunner 570|549.99", "Garmin Forerunner 970|749.99",
                "Garmin HRM 600 Heart Rate Monitor|169.99", "COROS PACE 3|229.00"]),
    T("white noise machine for sleep", "best", "white noise machines", "headphones", 240, x={"cat": "home", "sub": "sleep"},
      products=["Yogasleep Dohm Classic|44.95", "Hatch Restore 3|169.99", "LectroFan Classic|49.95", "Hatch Rest 2nd Gen|89.99",
                "Loftie Clock|149.00", "Yogasleep Rohm Portable|24.95"]),
    T("best drone under 1000", "best", "camera drones under $1,000", "camera", 190, x={"cat": "camera", "sub": "drones"},
      products=["DJI Mini 4 Pro|759.00", "DJI Neo|199.00", "DJI Flip|439.00", "DJI Avata 2 Fly More Combo|999.00",
                "Potensic Atom 2|349.00", "Holy Stone HS720G|299.99"]),
    T("refurbished macbook air m3", "review", "refurbished MacBook Air (M3)", "laptop", 210, x={"cat": "tech", "sub": "macbookair", "maker": "apple.com"},
      products=["Refurbished 13-inch MacBook Air M3, 16GB/256GB|849.00", "Refurbished 15-inch MacBook Air M3, 16GB/512GB|1099.00", "MacBook Air 13 M3 (Renewed Premium)|779.00",
                "Refurbished MacBook Air M3, Excellent (Back Market)|739.00", "MacBook Air 13-inch (M4)|999.00", "Refurbished 13-inch MacBook Air M2|649.00"],
      web=[("apple.com", "Refurbished MacBook Air - Apple", "Shop Apple Certified Refurbished MacBook Air models with a one-year warranty, new battery and outer shell.")]),
    T("costco membership worth it", "store", "Costco", "generic", 0, city=HOME, x={"cat": "home"},
      places=["Costco Wholesale Seattle|Warehouse store|4401 4th Ave S, Seattle, WA 98134|47.5645,-122.3277", "Costco Wholesale Shoreline|Warehouse store",
              "Costco Wholesale Kirkland|Warehouse store|8629 120th Ave NE, Kirkland, WA 98033|47.6796,-122.1786", "Costco Wholesale Issaquah|Warehouse store|1801 10th Ave NW, Issaquah, WA 98027|47.5498,-122.0544",
              "Costco Business Center Lynnwood|Warehouse store|18109 33rd Ave W, Lynnwood, WA 98037|47.8365,-122.2838"],
      kp=("Costco", "Membership warehouse club", "Costco Wholesale Corporation is an American multinational company that operates a chain of membership-only big-box warehouse club retail stores.",
          {"Founded": "July 12, 1983, Seattle, Washington", "Headquarters": "Issaquah, Washington", "Gold Star membership": "$65 a year", "Executive membership": "$130 a year, 2% reward", "Warehouses": "900+ worldwide"}),
      web=[("costco.com", "Costco Membership | Costco", "Join Costco: compare Gold Star, Business and Executive memberships, with the 2% annual reward on Executive."),
           ("nerdwallet.com", "Is a Costco Membership Worth It? Here's How to Decide", "A look at the $65 and $130 membership tiers, what you need to spend to break even and who gets the most out of it.")]),
    T("nike pegasus 41 review", "review", "Nike Pegasus 41", "shoe", 20, x={"cat": "shoes", "sub": "RunningShoeGeeks", "maker": "nike.com"},
      products=["Nike Pegasus 41|140.00", "Nike Vomero 18|150.00", "Brooks Ghost 17|140.00", "Nike Pegasus 41 GORE-TEX|165.00", "Nike Pegasus Premium|210.00", "Nike Pegasus Plus|180.00"],
      kp=("Nike Pegasus 41", "Road running shoe by Nike", "The Nike Pegasus 41 is a neutral daily trainer released in 2024, the 41st version of Nike's long-running Pegasus line, with ReactX foam and Air Zoom units.",
          {"Brand": "Nike", "Released": "June 2024", "Weight": "10.2 oz (men's size 10)", "Heel-to-toe drop": "10 mm", "Foam": "ReactX with Air Zoom units"})),
    T("best protein powder", "best", "protein powders", "fitness", 30, x={"cat": "nutrition", "sub": "Supplements"},
      products=["Optimum Nutrition Gold Standard 100% Whey (5 lb)|74.99", "Transparent Labs Whey Protein Isolate|59.99", "Garden of Life Sport Organic Plant-Based Protein|44.99",
                "Momentous Essential Grass-Fed Whey|49.95", "Dymatize ISO100|84.99", "Orgain Organic Protein|29.99", "Legion Whey+|54.99"]),
    T("patio furniture sale", "deals", "patio furniture", "furniture", 100, x={"cat": "home", "sub": "HomeImprovement"},
      products=["POLYWOOD Classic Adirondack Chair|299.00", "Hampton Bay 4-Piece Wicker Conversation Set|499.00", "Better Homes & Gardens Brookbury 5-Piece Dining Set|597.00",
                "Threshold Wood Patio Dining Table|300.00", "Sunnydaze Outdoor Lounge Chairs (Set of 2)|249.99", "IKEA ÄPPLARÖ Bench|99.99"]),
    T("steam deck oled accessories", "best", "Steam Deck OLED accessories", "game", 210, x={"cat": "games", "sub": "SteamDeck"},
      products=["Steam Deck OLED 512GB|549.00", "JSAUX Docking Station HB0603|39.99", "Anker 65W GaN Charger|35.99", "SanDisk Extreme 1TB microSD|89.99",
                "dbrand Killswitch Case|59.95", "tomtoc Carrying Case|29.99", "Valve Steam Deck Dock|79.00"]),
    T("best 1440p gaming monitor", "best", "1440p gaming monitors", "tv", 270, x={"cat": "tech", "sub": "Monitors"},
      products=["Alienware AW2725DF|699.99", "LG UltraGear 27GS95QE|799.99", "Samsung Odyssey OLED G6|699.99", "Gigabyte M27Q|259.99",
                "Dell S2721DGF|299.99", "ASUS TUF Gaming VG27AQ3A|199.99"]),
    T("instant pot duo vs pro", "compare", "Instant Pot Duo vs Pro", "kitchen", 5, x={"cat": "kitchen", "sub": "instantpot", "a": "Instant Pot Duo", "b": "Instant Pot Pro"},
      products=["Instant Pot Duo 7-in-1, 6 Qt|99.99", "Instant Pot Pro 10-in-1, 6 Qt|169.99", "Instant Pot Duo Plus 9-in-1|129.99", "Instant Pot Pro Plus Wi-Fi|199.99",
                "Instant Pot Duo Crisp with Ultimate Lid|179.99", "Ninja Foodi 14-in-1 Pressure Cooker|229.99"]),
    T("apple store near me", "store", "Apple Store", "phone", 0, city=HOME, x={"cat": "tech"},
      places=["Apple University Village|Electronics store|2656 NE University Village St, Seattle, WA 98105|47.6624,-122.2990", "Apple Bellevue Square|Electronics store|180 Bellevue Square, Bellevue, WA 98004|47.6163,-122.2040",
              "Apple Southcenter|Electronics store|2800 Southcenter Mall, Tukwila, WA 98188|47.4590,-122.2578", "Apple Alderwood|Electronics store|3000 184th St SW, Lynnwood, WA 98037|47.8299,-122.2697",
              "Best Buy Northgate|Electronics store", "Simply Mac (Apple Authorized Service Provider)|Electronics repair shop"],
      web=[("apple.com", "Find a Store - Apple", "Find an Apple Store near you. Get in-store pickup, Genius Bar support and Today at Apple sessions."),
           ("support.apple.com", "Make a Genius Bar Reservation - Apple Support", "Book a repair or support appointment at an Apple Store or an Apple Authorized Service Provider.")]),
]

HEALTH = [
    T("flu symptoms vs covid", "condition", "flu vs COVID-19", "doctor", 200, x={"kpt_l": "the flu"},
      kp=("Influenza", "Contagious respiratory illness", "Influenza, commonly called the flu, is a contagious respiratory illness caused by influenza viruses. It can cause mild to severe illness; flu and COVID-19 share many symptoms, so testing is the only way to tell them apart.",
          {"Symptoms": "Fever, cough, sore throat, body aches, fatigue", "Incubation": "About 1–4 days", "Spread": "Respiratory droplets", "Prevention": "Annual flu vaccine", "Treatment": "Rest and fluids; antivirals if started early"}),
      web=[("cdc.gov", "Similarities and Differences between Flu and COVID-19 | CDC", "Flu and COVID-19 are both contagious respiratory illnesses caused by different viruses. Because symptoms are similar, testing may be needed to confirm a diagnosis.")]),
    T("how to lower blood pressure naturally", "howto", "lowering blood pressure naturally", "heart", 355, x={"sub": "AskDocs"},
      web=[("mayoclinic.org", "10 ways to control high blood pressure without medication - Mayo Clinic", "Losing extra pounds, exercising regularly, eating a healthy diet, cutting salt and limiting alcohol can all lower blood pressure."),
           ("heart.org", "Changes You Can Make to Manage High Blood Pressure | American Heart Association", "Eat a well-balanced, low-salt diet, limit alcohol, stay active, manage stress and don't smoke."),
           ("nhlbi.nih.gov", "DASH Eating Plan | NHLBI, NIH", "The DASH eating plan is a flexible, balanced plan that helps create a heart-healthy eating style and can lower blood pressure within weeks.")]),
    T("migraine relief fast", "condition", "migraine relief", "doctor", 270,
      kp=("Migraine", "Neurological condition", "A migraine is a headache that can cause severe throbbing pain or a pulsing sensation, usually on one side of the head, often with nausea and sensitivity to light and sound.",
          {"Symptoms": "Throbbing head pain, nausea, sensitivity to light and sound", "Duration": "4–72 hours if untreated", "Common triggers": "Stress, sleep changes, hormonal shifts, certain foods", "Treatment": "OTC pain relievers, triptans, preventive medicines", "Specialist": "Neurologist"})),
    T("ibuprofen vs acetaminophen", "drug", "ibuprofen vs acetaminophen", "pill", 0, x={"uses": "pain, fever and inflammation", "sub": "pharmacy"},
      kp=("Ibuprofen", "Nonsteroidal anti-inflammatory drug", "Ibuprofen is a nonsteroidal anti-inflammatory drug (NSAID) used to relieve pain, fever and inflammation. Acetaminophen (Tylenol) relieves pain and fever but not inflammation and works differently.",
          {"Drug class": "NSAID", "Brand names": "Advil, Motrin", "Used for": "Pain, fever, inflammation", "Common side effects": "Upset stomach, heartburn", "OTC dose": "200–400 mg every 4–6 hours; max 1,200 mg a day unless a doctor says otherwise"})),
    T("signs of vitamin d deficiency", "condition", "vitamin D deficiency", "pill", 45,
      kp=("Vitamin D deficiency", "Nutritional deficiency", "Vitamin D deficiency means you don't have enough vitamin D in your body. It can lead to weak, brittle bones, muscle weakness and fatigue, and is common in people with little sun exposure.",
          {"Symptoms": "Fatigue, bone pain, muscle weakness, low mood", "Diagnosis": "25-hydroxy vitamin D blood test", "Risk factors": "Little sun exposure, darker skin, older age, obesity", "Treatment": "Supplements, diet, sensible sun exposure", "RDA (adults)": "600–800 IU a day"})),
    T("urgent care near me", "nearme", "urgent care", "doctor", 0, city=HOME,
      places=["ZoomCare Capitol Hill|Urgent care center", "MultiCare Indigo Urgent Care – Ballard|Urgent care center", "CareNow Urgent Care – Queen Anne|Urgent care center",
              "Virginia Mason Franciscan Urgent Care – Downtown|Urgent care center", "UW Medicine Urgent Care – Northgate|Urgent care center", "Swedish First Hill Emergency Department|Emergency room"],
      web=[("solvhealth.com", "Urgent Care Near Me in Seattle, WA | Solv", "Book same-day urgent care in Seattle. See wait times and online check-in at {n1}, {n2} and more."),
           ("mayoclinic.org", "Urgent care or the ER: Where should you go? - Mayo Clinic", "Urgent care treats minor illnesses and injuries; chest pain, trouble breathing and signs of stroke need the emergency room.")]),
    T("how much sleep do adults need", "howto", "how much sleep adults need", "heart", 240, x={"sub": "sleep"},
      kp=("Sleep", "Recommended amounts", "Adults need at least 7 hours of sleep a night for good health, according to the American Academy of Sleep Medicine and the Sleep Research Society. Teenagers and children need more.",
          {"Adults 18–60": "7 or more hours", "Adults 61–64": "7–9 hours", "Adults 65+": "7–8 hours", "Teens 13–18": "8–10 hours", "Signs of too little": "Daytime sleepiness, poor focus, irritability"}),
      web=[("cdc.gov", "About Sleep | CDC", "Most adults need at least 7 hours of sleep per night. Getting enough sleep is linked to lower risk of diabetes, heart disease and depression."),
           ("sleepfoundation.org", "How Much Sleep Do You Need? | Sleep Foundation", "Sleep needs by age, from newborns to older adults, and tips for getting the sleep you need.")]),
    T("intermittent fasting benefits", "diet", "intermittent fasting", "food", 40,
      people=["eggs", "leafy greens", "berries", "salmon", "lentils", "Greek yogurt"],
      kp=("Intermittent fasting", "Eating pattern", "Intermittent fasting is an eating pattern that cycles between periods of fasting and eating. Common schedules include eating within an 8-hour window each day (16:8) or eating normally five days a week and cutting calories on two (5:2).",
          {"Common methods": "16:8, 5:2, alternate-day fasting", "Possible benefits": "Weight loss, improved insulin sensitivity", "Early side effects": "Hunger, irritability, headaches", "Not advised for": "Pregnancy, a history of eating disorders, some diabetes medicines"})),
    T("lower back pain exercises", "fitness", "lower back pain exercises", "fitness", 180,
      people=["the cat-cow stretch", "a glute bridge", "the bird dog", "a child's pose", "a knee-to-chest stretch", "a pelvic tilt"],
      web=[("mayoclinic.org", "Slide show: Back exercises in 15 minutes a day - Mayo Clinic", "Knee-to-chest stretches, lower back rotational stretches, bridges and cat stretches can strengthen back and core muscles."),
           ("nhs.uk", "Exercises for back pain - NHS", "Gentle exercises to help with back pain: do them 2 to 3 times a day, stopping if the pain gets worse.")]),
    T("strep throat symptoms in adults", "condition", "strep throat in adults", "doctor", 10,
      kp=("Strep throat", "Bacterial throat infection", "Strep throat is a bacterial infection that can make your throat feel sore and scratchy. It's caused by group A Streptococcus bacteria and is treated with antibiotics.",
          {"Cause": "Group A Streptococcus bacteria", "Symptoms": "Sudden sore throat, pain swallowing, fever, swollen tonsils", "Diagnosis": "Rapid strep test or throat culture", "Treatment": "Antibiotics (penicillin or amoxicillin)", "Contagious": "Until 12+ hours on antibiotics and no fever"})),
    T("type 2 diabetes early signs", "condition", "early signs of type 2 diabetes", "doctor", 210,
      kp=("Type 2 diabetes", "Chronic metabolic condition", "Type 2 diabetes is a condition in which the body doesn't use insulin well and can't keep blood sugar at normal levels. Early signs are often mild and easy to miss.",
          {"Early signs": "Increased thirst, frequent urination, fatigue, blurred vision", "Diagnosis": "A1C of 6.5% or higher", "Prediabetes": "A1C 5.7–6.4%", "Risk factors": "Overweight, inactivity, family history, age 35+", "Treatment": "Lifestyle changes, metformin and other medicines"})),
    T("anxiety breathing techniques", "howto", "breathing techniques for anxiety", "leaf", 160, x={"sub": "Anxiety"},
      web=[("health.harvard.edu", "Relaxation techniques: Breath control helps quell errant stress response", "Deep abdominal breathing can slow the heartbeat and lower blood pressure. Practice for 10 to 20 minutes a day."),
           ("clevelandclinic.org", "Box Breathing: How To Do It and Benefits", "Inhale for four counts, hold for four, exhale for four and hold for four. A simple technique to calm your nervous system.")]),
    T("how to get rid of a cold fast", "howto", "getting over a cold", "doctor", 195, x={"sub": "AskDocs"},
      kp=("Common cold", "Viral infection of the nose and throat", "The common cold is a viral infection of the nose and throat. Most people recover in about 7 to 10 days; there's no cure, but rest, fluids and over-the-counter remedies can ease symptoms.",
          {"Cause": "Viruses, most often rhinoviruses", "Duration": "7–10 days", "Symptoms": "Runny nose, sore throat, cough, congestion", "Treatment": "Rest, fluids, OTC symptom relief", "See a doctor if": "Symptoms last over 10 days or get worse"})),
    T("plantar fasciitis treatment", "condition", "plantar fasciitis treatment", "fitness", 25,
      kp=("Plantar fasciitis", "Inflammation of the plantar fascia", "Plantar fasciitis is one of the most common causes of heel pain. It involves inflammation of a thick band of tissue that runs across the bottom of each foot and connects the heel bone to the toes.",
          {"Symptoms": "Stabbing heel pain, worst with the first steps in the morning", "Risk factors": "Running, flat feet, high arches, standing jobs", "Treatment": "Stretching, supportive shoes, ice, night splints", "Recovery": "Most people improve within several months", "Specialist": "Podiatrist"})),
    T("is coffee good for you", "diet", "coffee and your health", "food", 25, x={"avoid": "trending diets,meal prep,what i eat"},
      people=["black coffee", "espresso", "a latte", "decaf", "cold brew", "green tea"],
      web=[("hopkinsmedicine.org", "9 Reasons Why (the Right Amount of) Coffee Is Good for You", "Coffee drinkers may be less likely to develop heart failure, Parkinson's disease and type 2 diabetes, research suggests."),
           ("fda.gov", "Spilling the Beans: How Much Caffeine Is Too Much? | FDA", "For healthy adults, 400 milligrams a day — about four or five cups of coffee — is an amount not generally associated with negative effects.")]),
    T("high cholesterol foods to avoid", "diet", "foods to avoid with high cholesterol", "heart", 0, x={"avoid": "trending diets,meal prep,what i eat"},
      people=["oatmeal", "beans", "nuts", "salmon", "avocado", "olive oil"],
      web=[("heart.org", "Prevention and Treatment of High Cholesterol | American Heart Association", "Limit saturated fat from red meat and full-fat dairy, avoid trans fats, and eat more fiber, fruits, vegetables and fish.")]),
    T("24 hour pharmacy near me", "nearme", "24-hour pharmacies", "pill", 0, city=HOME,
      places=["Walgreens – Capitol Hill|Pharmacy", "CVS Pharmacy – Downtown|Pharmacy", "Bartell Drugs – Lower Queen Anne|Pharmacy", "Walgreens – Ballard|Pharmacy",
              "Fred Meyer Pharmacy – Ballard|Pharmacy", "Safeway Pharmacy – Capitol Hill|Pharmacy"],
      web=[("walgreens.com", "24 Hour Pharmacy Near Me | Walgreens", "Find a 24-hour Walgreens pharmacy near you, with drive-thru, prescription refills and store hours."),
           ("cvs.com", "24 Hour Pharmacy Locations | CVS", "Find CVS Pharmacy locations open 24 hours near you and refill prescriptions online.")]),
    T("ozempic side effects", "drug", "Ozempic", "pill", 190, x={"uses": "type 2 diabetes and to lower the risk of heart attack and stroke", "kpt_l": "Ozempic", "sub": "Semaglutide"},
      kp=("Ozempic", "Semaglutide injection", "Ozempic (semaglutide) is a once-weekly injectable prescription medicine for adults with type 2 diabetes. It belongs to a class of drugs called GLP-1 receptor agonists.",
          {"Generic name": "Semaglutide", "Drug class": "GLP-1 receptor agonist", "Used for": "Type 2 diabetes; lowering cardiovascular risk", "Common side effects": "Nausea, vomiting, diarrhea, constipation", "Dosing": "Once-weekly injection"})),
    T("seasonal allergies remedies", "howto", "seasonal allergy relief", "leaf", 90, x={"sub": "Allergies"},
      kp=("Allergic rhinitis", "Hay fever", "Allergic rhinitis, or hay fever, causes cold-like symptoms such as a runny nose, itchy eyes, congestion and sneezing. It's caused by an allergic response to pollen and other airborne triggers.",
          {"Symptoms": "Sneezing, itchy eyes, runny nose, congestion", "Common triggers": "Tree, grass and ragweed pollen", "OTC options": "Antihistamines, nasal steroid sprays, saline rinses", "Peak seasons": "Spring (trees), summer (grass), fall (ragweed)"})),
    T("how many steps a day to lose weight", "fitness", "daily steps for weight loss", "fitness", 130,
      people=["a brisk walk", "an incline walk", "stair climbing", "a lunchtime walk", "interval walking", "a hike"],
      web=[("mayoclinic.org", "10,000 steps a day: Too low? Too high? - Mayo Clinic", "There's nothing magic about 10,000 steps; any increase in daily steps helps, and more walking can support weight loss alongside diet changes.")]),
    T("iron deficiency anemia symptoms", "condition", "iron deficiency anemia", "heart", 5,
      kp=("Iron deficiency anemia", "Blood condition", "Iron deficiency anemia is a common type of anemia in which blood lacks adequate healthy red blood cells because the body doesn't have enough iron.",
          {"Symptoms": "Fatigue, pale skin, shortness of breath, cold hands and feet", "Diagnosis": "Complete blood count and ferritin test", "Common causes": "Blood loss, low iron intake, pregnancy", "Treatment": "Iron supplements, iron-rich foods, treating the cause"})),
    T("dentist near me accepting new patients", "nearme", "dentists", "doctor", 190, city=HOME,
      web=[("zocdoc.com", "Dentists Accepting New Patients in Seattle, WA | Zocdoc", "Book online with Seattle dentists who are accepting new patients and take your insurance, with same-week availability."),
           ("ada.org", "Find-a-Dentist | American Dental Association", "Search ADA member dentists near you by location, specialty and language.")],
      places=["Capitol Hill Family Dentistry|Dentist", "Ballard Smiles Dental|Dentist", "Queen Anne Dental Arts|Dentist", "Fremont Family Dental|Dentist",
              "Rainier Valley Community Dental|Dental clinic", "Green Lake Dental Care|Dentist"]),
    T("covid vaccine 2026 eligibility", "outbreak", "the 2025–2026 COVID-19 vaccine", "doctor", 220, x={"kpt_l": "COVID-19"},
      kp=("COVID-19", "Contagious respiratory disease", "COVID-19 is a contagious disease caused by the SARS-CoV-2 virus. Updated vaccines are offered each fall; recommendations vary by age and risk, so check with a doctor or pharmacist about eligibility.",
          {"Cause": "SARS-CoV-2 virus", "Symptoms": "Fever, cough, fatigue, sore throat, loss of taste or smell", "Vaccines": "Updated each season (Pfizer, Moderna, Novavax)", "Where to get it": "Pharmacies, clinics, health departments", "Higher risk": "Adults 65+, people with certain conditions"}),
      news=[("Pharmacies roll out updated COVID shots ahead of winter", "Eligibility rules differ by state and age; some pharmacies now ask for a prescription for younger adults."),
            ("What to know about this season's COVID vaccine", "Doctors explain who is eligible, how insurance coverage works and when to get it.")]),
    T("panic attack vs heart attack", "condition", "panic attack vs heart attack", "heart", 345, x={"kpt_l": "panic attacks"},
      kp=("Panic attack", "Sudden episode of intense fear", "A panic attack is a sudden episode of intense fear that triggers severe physical reactions when there is no real danger. Because symptoms overlap with a heart attack, chest pain should always be checked right away.",
          {"Symptoms": "Racing heart, chest tightness, shortness of breath, trembling, fear of dying", "Peak": "Usually within 10 minutes", "Typical length": "5–20 minutes", "Call 911 if": "Chest pain spreads, lasts or comes with sweating or nausea"})),
    T("best stretches for tight hips", "fitness", "hip stretches", "fitness", 290,
      people=["the pigeon pose", "a 90/90 stretch", "a kneeling hip flexor stretch", "a butterfly stretch", "a figure-four stretch", "the frog stretch"]),
    T("gut health foods", "diet", "foods for gut health", "leaf", 80, x={"avoid": "trending diets,meal prep,what i eat"},
      people=["yogurt", "kefir", "kimchi", "sauerkraut", "oats", "bananas", "lentils"]),
    T("shingles vaccine side effects", "drug", "the shingles vaccine", "doctor", 150, x={"uses": "preventing shingles and its complications in adults 50 and older", "kpt_l": "Shingrix"},
      kp=("Shingrix", "Recombinant zoster vaccine", "Shingrix is a vaccine that protects against shingles and its complications, such as long-lasting nerve pain. It is given as two doses and is more than 90% effective.",
          {"Type": "Recombinant zoster vaccine", "Recommended for": "Adults 50+ and immunocompromised adults 19+", "Doses": "2 doses, 2–6 months apart", "Effectiveness": "More than 90%", "Common side effects": "Sore arm, tiredness, muscle pain, headache, fever"})),
    T("how to stop snoring", "howto", "stopping snoring", "heart", 230, x={"sub": "sleep"},
      web=[("sleepfoundation.org", "How to Stop Snoring: 10 Tips | Sleep Foundation", "Sleeping on your side, raising the head of the bed, avoiding alcohol before bed and treating nasal congestion can reduce snoring."),
           ("mayoclinic.org", "Snoring - Diagnosis and treatment - Mayo Clinic", "Lifestyle changes, oral appliances and CPAP can help. Loud snoring with pauses in breathing may be a sign of sleep apnea.")]),
    T("knee pain when climbing stairs", "condition", "knee pain on stairs", "fitness", 15,
      kp=("Patellofemoral pain syndrome", "Runner's knee", "Patellofemoral pain syndrome causes pain around the kneecap, often worse when climbing stairs, squatting or sitting for long periods. It's common in runners and people who play sports.",
          {"Also called": "Runner's knee", "Symptoms": "Dull ache around the kneecap, worse on stairs or after sitting", "Common causes": "Overuse, muscle imbalance, alignment problems", "Treatment": "Rest, strengthening, physical therapy"})),
    T("magnesium for sleep", "drug", "magnesium for sleep", "pill", 265, x={"uses": "low magnesium levels and as a dietary supplement", "kpt_l": "magnesium"},
      kp=("Magnesium", "Essential mineral and supplement", "Magnesium is a mineral involved in hundreds of processes in the body, including muscle and nerve function. Supplements are popular for sleep, though the evidence is limited.",
          {"RDA (adults)": "310–420 mg a day", "Food sources": "Nuts, seeds, leafy greens, whole grains, beans", "Supplement forms": "Glycinate, citrate, oxide", "Upper limit (supplements)": "350 mg a day", "Too much can cause": "Diarrhea, nausea, cramping"})),
    T("mediterranean diet meal plan", "diet", "the Mediterranean diet", "food", 100,
      people=["olive oil", "chickpeas", "grilled fish", "tomatoes", "whole grains", "walnuts"],
      kp=("Mediterranean diet", "Eating pattern", "The Mediterranean diet is based on the traditional foods of countries bordering the Mediterranean Sea: plenty of vegetables, fruit, whole grains, beans, nuts, olive oil and fish.",
          {"Emphasizes": "Vegetables, fruit, whole grains, legumes, olive oil, fish", "Limits": "Red meat, added sugar, processed foods", "Linked to": "Lower risk of heart disease", "Ranked": "Best Diets Overall, U.S. News (multiple years)"})),
    T("pink eye how long contagious", "condition", "pink eye", "doctor", 330,
      kp=("Conjunctivitis", "Pink eye", "Conjunctivitis, or pink eye, is inflammation of the clear tissue lining the eyelid and covering the white of the eye. Viral and bacterial pink eye are contagious; allergic pink eye is not.",
          {"Types": "Viral, bacterial, allergic", "Symptoms": "Red, itchy, watery eyes, discharge, crusting", "Contagious (viral)": "While symptoms last, often 1–2 weeks", "Contagious (bacterial)": "Until 24 hours after starting antibiotic drops", "Allergic": "Not contagious"})),
    T("measles outbreak 2026", "outbreak", "measles", "doctor", 0,
      kp=("Measles", "Highly contagious viral disease", "Measles is a highly contagious disease caused by a virus. It spreads through the air when an infected person coughs or sneezes and can cause serious complications, especially in young children.",
          {"Cause": "Measles virus", "Symptoms": "High fever, cough, runny nose, red eyes, rash", "Spread": "Airborne; one of the most contagious diseases", "Prevention": "MMR vaccine (2 doses about 97% effective)", "Incubation": "7–14 days"}),
      news=[("Measles cases in 2026 already top last year's total, CDC says", "Most cases are in people who were unvaccinated or whose vaccination status is unknown."),
            ("What to know about the MMR vaccine and measles symptoms", "Doctors explain the early signs and why two doses of MMR offer strong protection.")]),
    T("creatine benefits and side effects", "drug", "creatine", "fitness", 25, x={"uses": "improving strength and high-intensity exercise performance", "sub": "Supplements"},
      kp=("Creatine", "Dietary supplement", "Creatine is a compound formed in protein metabolism and stored in muscles. Creatine monohydrate is one of the most studied sports supplements and can improve strength and power.",
          {"Type": "Dietary supplement", "Common dose": "3–5 g a day", "Benefits": "Strength, power, high-intensity performance", "Side effects": "Water weight gain, stomach upset", "Best studied form": "Creatine monohydrate"})),
    T("physical therapy near me", "nearme", "physical therapy clinics", "fitness", 150, city=HOME,
      places=["Capitol Hill Physical Therapy|Physical therapist", "Ballard Sports Physical Therapy|Physical therapist", "Olympic Physical Therapy – Queen Anne|Physical therapist",
              "Elliott Bay Physical Therapy|Physical therapist", "Rehab Pro PT – Fremont|Physical therapist", "Northgate Spine & Sports PT|Physical therapist"]),
    T("adhd symptoms in adults", "condition", "adult ADHD", "doctor", 250, x={"kpt_l": "adult ADHD"},
      kp=("Adult ADHD", "Attention-deficit/hyperactivity disorder", "Adult ADHD is a mental health disorder that includes a combination of persistent problems, such as difficulty paying attention, hyperactivity and impulsive behavior. It starts in childhood but may not be diagnosed until adulthood.",
          {"Symptoms": "Trouble focusing, disorganization, restlessness, impulsivity", "Diagnosis": "Clinical evaluation by a psychiatrist or psychologist", "Treatment": "Stimulant and non-stimulant medicines, therapy, coaching", "Prevalence": "An estimated 2–6% of adults"})),
    T("how to treat a sunburn", "howto", "sunburn treatment", "leaf", 20, x={"sub": "SkincareAddiction"},
      web=[("aad.org", "How to treat sunburn | American Academy of Dermatology", "Take cool baths, use a moisturizer with aloe vera, drink extra water and consider an over-the-counter pain reliever. Don't pop blisters.")]),
    T("heat exhaustion vs heat stroke", "condition", "heat exhaustion vs heat stroke", "doctor", 10,
      kp=("Heat stroke", "Medical emergency", "Heat stroke is the most serious heat-related illness: the body can no longer control its temperature. Heat exhaustion is milder but can progress to heat stroke without treatment.",
          {"Core temperature": "104 °F (40 °C) or higher", "Symptoms": "Confusion, hot skin, rapid pulse, fainting", "Emergency": "Call 911; cool the person immediately", "Heat exhaustion signs": "Heavy sweating, cold clammy skin, nausea, weakness"})),
    T("ear infection in adults", "condition", "ear infections in adults", "doctor", 200,
      kp=("Otitis media", "Middle ear infection", "A middle ear infection, or otitis media, happens when fluid behind the eardrum becomes infected. It's more common in children, but adults get them too, often after a cold.",
          {"Symptoms": "Ear pain, muffled hearing, fluid drainage, fever", "Types": "Middle ear (otitis media), outer ear (swimmer's ear)", "Treatment": "Pain relievers, warm compress; antibiotics if bacterial", "See a doctor if": "Symptoms last more than 2–3 days or pain is severe"})),
    T("thyroid symptoms in women", "condition", "thyroid problems in women", "doctor", 300,
      kp=("Hypothyroidism", "Underactive thyroid", "Hypothyroidism happens when the thyroid gland doesn't make enough thyroid hormone. It's much more common in women and can cause fatigue, weight gain and feeling cold.",
          {"Symptoms": "Fatigue, weight gain, feeling cold, dry skin, hair thinning", "Diagnosis": "TSH and free T4 blood tests", "Treatment": "Levothyroxine (thyroid hormone replacement)", "More common in": "Women, especially after 60"})),
    T("kidney stone pain relief", "condition", "kidney stone pain", "doctor", 40,
      kp=("Kidney stones", "Hard mineral deposits in the kidneys", "Kidney stones are hard deposits made of minerals and salts that form inside the kidneys. Passing them can be quite painful, but stones usually cause no permanent damage if recognized in a timely fashion.",
          {"Symptoms": "Severe side and back pain, pain when urinating, pink or brown urine", "Pass on their own": "Most stones under 5 mm", "Treatment": "Fluids, pain relievers, alpha blockers; lithotripsy for larger stones", "Prevention": "Drink plenty of water, limit salt"})),
    T("zone 2 cardio explained", "fitness", "zone 2 cardio", "fitness", 10,
      people=["an easy jog", "a steady bike ride", "a brisk walk", "an incline walk", "rowing", "swimming laps"],
      web=[("peterattiamd.com", "Zone 2 training: what it is and why it matters", "Zone 2 is the highest effort you can sustain while still breathing mostly through your nose and holding a conversation.")]),
    T("melatonin dosage for adults", "drug", "melatonin", "heart", 250, x={"uses": "jet lag, shift work and trouble falling asleep", "kpt_l": "melatonin", "sub": "sleep"},
      kp=("Melatonin", "Hormone and dietary supplement", "Melatonin is a hormone the brain produces in response to darkness. Supplements are used for jet lag and some sleep disorders; lower doses often work as well as higher ones.",
          {"Type": "Hormone / dietary supplement", "Typical dose": "0.5–5 mg, 30–60 minutes before bed", "Best for": "Jet lag, shift work, delayed sleep phase", "Side effects": "Headache, dizziness, daytime drowsiness", "In the US": "Sold as a supplement, not FDA-approved as a drug"})),
    T("uti symptoms and treatment", "condition", "urinary tract infections", "doctor", 185,
      kp=("Urinary tract infection", "UTI", "A urinary tract infection is an infection in any part of the urinary system. Most involve the bladder and urethra and are treated with antibiotics.",
          {"Symptoms": "Burning when peeing, frequent urge, cloudy urine, pelvic pain", "Cause": "Usually E. coli bacteria", "Treatment": "Antibiotics", "Seek care if": "Fever, back pain or blood in urine"})),
    T("eczema flare up triggers", "condition", "eczema flare-ups", "leaf", 30,
      kp=("Atopic dermatitis", "Eczema", "Atopic dermatitis (eczema) is a condition that causes dry, itchy and inflamed skin. It's common in young children but can occur at any age, and tends to flare periodically.",
          {"Symptoms": "Dry, itchy, inflamed skin patches", "Common triggers": "Soaps, stress, sweat, dry air, allergens", "Treatment": "Moisturizers, topical steroids, biologics for severe cases", "Onset": "Often in childhood"})),
    T("flu shot near me", "nearme", "flu shots", "doctor", 210, city=HOME,
      places=["CVS Pharmacy – Broadway|Pharmacy", "Walgreens – 3rd Ave|Pharmacy", "Safeway Pharmacy – Queen Anne|Pharmacy", "Bartell Drugs – Ballard|Pharmacy",
              "Neighborcare Health at Rainier Beach|Community health center", "One Medical – South Lake Union|Medical clinic"],
      web=[("vaccines.gov", "Find Flu Vaccines Near You | Vaccines.gov", "Search for locations near you that offer flu vaccines, with hours and whether walk-ins are accepted.")]),
    T("concussion symptoms in kids", "condition", "concussions in children", "doctor", 230,
      kp=("Concussion", "Mild traumatic brain injury", "A concussion is a mild traumatic brain injury caused by a bump, blow or jolt to the head. In children, symptoms may take hours to appear and can be hard to spot.",
          {"Symptoms": "Headache, confusion, dizziness, nausea, sensitivity to light", "Danger signs": "Repeated vomiting, worsening headache, seizures, unequal pupils", "Recovery": "Most kids feel better within 2–4 weeks", "Return to play": "Only after a step-by-step plan cleared by a clinician"})),
    T("acid reflux diet", "diet", "an acid reflux diet", "food", 60,
      people=["oatmeal", "ginger", "bananas", "lean chicken", "green beans", "melon"],
      kp=("Gastroesophageal reflux disease", "GERD", "Gastroesophageal reflux disease (GERD) occurs when stomach acid repeatedly flows back into the tube connecting your mouth and stomach. Diet and lifestyle changes often help.",
          {"Symptoms": "Heartburn, regurgitation, chest discomfort", "Common trigger foods": "Spicy food, citrus, tomato, chocolate, coffee, alcohol", "Lifestyle tips": "Smaller meals; don't lie down after eating", "Treatment": "Antacids, H2 blockers, proton pump inhibitors"})),
    T("how to quit vaping", "howto", "quitting vaping", "leaf", 120, x={"sub": "QuitVaping"},
      web=[("smokefree.gov", "Quit Vaping | Smokefree", "Make a quit plan, prepare for cravings and get support. Text QUIT to 47848 for free help."),
           ("truthinitiative.org", "This Is Quitting | Truth Initiative", "A free text-message program that has helped hundreds of thousands of young people quit vaping.")]),
    T("postpartum depression signs", "condition", "postpartum depression", "heart", 320,
      kp=("Postpartum depression", "Depression after childbirth", "Postpartum depression is a mood disorder that can affect women after childbirth. Unlike the 'baby blues', it lasts longer than two weeks and needs treatment.",
          {"Symptoms": "Persistent sadness, anxiety, trouble bonding, sleep and appetite changes", "Onset": "Any time in the first year after birth", "Affects": "About 1 in 7 new mothers", "Treatment": "Therapy, antidepressants, zuranolone", "Help line": "National Maternal Mental Health Hotline 1-833-852-6262"})),
]
# fmt: on

TOPICS = TRAVEL + ENTERTAINMENT + SHOPPING + HEALTH


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
            print(f"stale: {p.relative_to(ROOT)} (run python tools/build_corpus.py)")
        return 1 if stale else 0
    for path, text in ((CORPUS_OUT, corpus), (QUERIES_OUT, queries)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(
        f"wrote {len(TOPICS)} topics to {CORPUS_OUT.relative_to(ROOT)} ({len(corpus) / 1e6:.2f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
