"""Generated press releases for the build benchmarks: N realistic releases, deterministic by seed.

Why: issue 7 sets speed targets for `kg build` at 1,000, 10,000 and 100,000 releases, and the
shared corpus holds a few dozen. Copies of those would measure repeated text (one set of
agencies, figures and sentences), not a corpus. This module writes releases that read like the
real ones (../shared/corpus, examples/releases): agency releases with participating-authority
lists, dated news articles that report an agency's operation again, Europol page-data payloads
with escaped HTML, agency web pages and JSON Lines exports, 2-5 KB of text each, with codenames,
lead and participating agencies, countries, officials quoted with their titles, figures and
crime areas, so that every reader, extractor and stage of the build does real work.

Release i depends only on (seed, i): the first 10,000 releases of a 100,000-release corpus are
the 10,000-release corpus, and a benchmark that changes 1% of the releases and rebuilds compares
like with like. Agencies and countries come from the project's reference data
(kg/reference/data/agencies.tsv, `kg.reference.load_countries`). Everything else is invented in
the tables of this file: person names (random pairs of invented given names and surnames, so
no real person is quoted), news outlets, codename words, cities, and every sentence template.

    python benchmarks/corpus.py --releases 100000 --seed 0 --out /tmp/corpus
"""
from __future__ import annotations

import argparse
import html
import json
import multiprocessing
import os
import random
import re
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from itertools import accumulate
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from kg.reference import AgencyRow, load_agencies, load_countries  # noqa: E402

# --- Layout -----------------------------------------------------------------------------------

# Share of releases per format (the Document.format kg.ingest reads them as), roughly the
# shared corpus's mix.
FORMAT_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("plain", 45), ("dated", 20), ("payload", 15), ("html", 15), ("jsonl", 5))
FORMATS = tuple(name for name, _ in FORMAT_WEIGHTS)
EXTENSIONS = {"plain": ".txt", "dated": ".txt", "payload": ".txt", "html": ".html", "jsonl": ".jsonl"}
FOLDER_SIZE = 1000  # release indices per subfolder: no folder holds more than 1,000 files
JSONL_BLOCK = 100  # the JSON Lines releases of each block of 100 indices share one file
TEXT_MIN, TEXT_MAX = 2000, 5000  # bytes of release text (what a reader recovers) per release
FOLLOW_UP_SHARE = 0.4  # of news articles: those that report an earlier release's operation
FIRST_YEAR, LAST_YEAR = 2012, 2025

# --- Invented vocabulary ----------------------------------------------------------------------
# Every name and sentence below was written for this generator; none is copied from a release.

GIVEN_NAMES = (
    "Anna", "Lukas", "Marta", "Jonas", "Elena", "Pieter", "Sofia", "Tomasz", "Ines", "Mikkel",
    "Clara", "Andrei", "Laura", "Matteo", "Katarina", "Nikos", "Eva", "Jan", "Irene", "Stefan",
    "Helena", "Pablo", "Johanna", "Marek", "Lucia", "Henrik", "Ana", "Dimitri", "Sara", "Bruno",
    "Maja", "Oskar", "Chiara", "Filip", "Noor", "Rui", "Agnieszka", "Daniel", "Lea", "Viktor",
    "Ingrid", "Paolo", "Zofia", "Aidan", "Fiona", "Kwame", "Amara", "Rafael", "Teresa", "Emil",
    "Hanna", "Gareth", "Sinead", "Olga", "Martin", "Ruth", "Tariq", "Leila", "Jorge", "Yvonne",
)
SURNAMES = (
    "Vermeulen", "Kowalczyk", "Lindqvist", "Moreau", "Bianchi", "Novak", "Horvath", "Papadakis",
    "Oliveira", "Schreiber", "Jansen", "Kovacs", "Dumitrescu", "Nieminen", "Brennan", "Castellano",
    "Petrovic", "Halvorsen", "Andersen", "Markovic", "Sorensen", "Keller", "Varga", "Marin",
    "Lopes", "Wouters", "Haas", "Mazur", "Berglund", "Costa", "Hoffmann", "Ionescu", "Kask",
    "Ozols", "Baranauskas", "Zammit", "Georgiou", "Murphy", "Walsh", "Okafor", "Mensah", "Reyes",
    "Navarro", "Lambert", "Dubois", "Fischer", "Wagner", "Kral", "Svoboda", "Nagy", "Toth",
    "Popescu", "Stoica", "Jovanovic", "Kastrati", "Hodzic", "Lehtonen", "Virtanen", "Nilsson",
    "Strand", "Pereira", "Santos", "Moretti", "Galli", "Conti", "Leclerc", "Girard", "Peeters",
    "Maes", "Claes", "Bakker", "Visser", "Smit", "Meyer", "Weber", "Schulz", "Kelly", "Byrne",
    "Hughes", "Evans", "Price", "Morgan", "Fraser", "Ahmed", "Rahman", "Haddad", "Khalil",
)
# Codenames: a first and a second word (the lists share no word), drawn through a permutation of the operation's index so
# that no two operations of a corpus share one by chance; past len(FIRST) * len(SECOND)
# operations the names come round again with an edition numeral ("Silver Harbour II").
CODE_FIRST = (
    "Silver", "Iron", "Northern", "Black", "Amber", "Crimson", "Quiet", "Hollow", "Copper",
    "Granite", "Frozen", "Golden", "Pale", "Scarlet", "Hidden", "Distant", "Broken", "Restless",
    "Bright", "Shallow", "Eastern", "Western", "Southern", "Silent", "Burning", "Falling", "Glass",
    "Stone", "Thunder", "Winter", "Summer", "Autumn", "Spring", "Midnight", "Morning", "Cobalt",
    "Ivory", "Velvet", "Salt", "Cedar", "Ember", "Lunar", "Solar", "Storm", "Tidal", "Wild",
    "Green", "Blue", "Grey", "White", "Red", "Dark", "High", "Deep", "Open", "Long", "Swift",
    "Steel", "Coral", "Jade", "Onyx", "Saffron", "Indigo", "Rust", "Ash", "Sable", "Misty",
    "Arctic", "Desert", "Marble", "Crystal", "Echo", "Polar", "Rapid", "Lone", "Twin", "Outer",
    "Inner", "Upper", "Lower", "Bronze", "Emerald", "Ruby", "Sapphire", "Obsidian", "Hazel",
    "Cinder", "Gilded", "Rolling", "Sunken", "Wandering", "Sleeping", "Waking", "Roaring",
    "Whispering", "Shifting", "Rising", "Setting", "Final", "First", "Last", "Sharp", "Blind",
    "Crooked", "Narrow", "Wide", "Empty", "Heavy", "Light", "Old", "New", "Royal", "Noble",
    "Quick", "Slow", "Bitter", "Sweet", "Cold", "Warm", "Hot", "Dusty", "Sandy", "Rocky",
)
CODE_SECOND = (
    "Harbour", "Lantern", "Falcon", "Tide", "Ridge", "Meridian", "Anchor", "Compass", "Raven",
    "Viper", "Orchid", "Beacon", "Citadel", "Horizon", "Glacier", "Canyon", "Delta", "Summit",
    "Cascade", "Sparrow", "Heron", "Lynx", "Badger", "Otter", "Kestrel", "Hornet", "Mantis",
    "Cobra", "Jaguar", "Puma", "Wolf", "Bear", "Stag", "Hawk", "Eagle", "Crane", "Swan", "Pike",
    "Marlin", "Shark", "Reef", "Shore", "Bridge", "Gate", "Tower", "Forge", "Mill", "Quarry",
    "Orchard", "Meadow", "Forest", "Grove", "River", "Lake", "Bay", "Strait", "Channel", "Pass",
    "Trail", "Road", "Arrow", "Shield", "Spear", "Hammer", "Anvil", "Key", "Lock", "Chain",
    "Mirror", "Prism", "Comet", "Nova", "Orbit", "Pulse", "Signal", "Circuit", "Vector", "Cipher",
    "Ledger", "Mosaic", "Tapestry", "Lattice", "Keystone", "Sentinel", "Guardian", "Watch",
    "Vigil", "Dawn", "Dusk", "Flare", "Frost", "Gale", "Haze", "Rain", "Wave", "Current",
    "Thistle", "Willow", "Oak", "Birch", "Juniper", "Fern", "Lotus", "Poppy", "Tulip", "Ivy",
    "Hare", "Fox", "Owl", "Crow", "Wren", "Finch", "Gull", "Pelican", "Albatross", "Condor",
    "Bison", "Moose", "Elk", "Ibex", "Panther", "Tiger", "Lion", "Leopard", "Cheetah", "Hyena",
    "Scorpion", "Spider", "Beetle", "Dragonfly", "Moth", "Salmon", "Trout", "Octopus", "Squid",
    "Harpoon", "Sail", "Mast", "Keel", "Rudder", "Lighthouse", "Dune", "Cliff", "Valley", "Fjord",
    "Island", "Lagoon", "Marsh", "Well", "Fountain", "Crown", "Throne", "Sceptre",
    "Banner", "Bell", "Drum", "Flute", "Harp", "Lyre", "Quill", "Scroll", "Atlas", "Map",
)
NUMERALS = ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
NEWS_OUTLETS = (  # invented news agencies and papers: (name, the short form a dateline gives)
    ("Continental Press Agency", "CPA"), ("Northsea Wire", "NSW"), ("Meridian News Service", "MNS"),
    ("European Newswire", "ENW"), ("The Daily Courier", "Courier"), ("Atlantic Press Service", "APS"),
    ("Baltic Herald", "Herald"), ("Crime and Justice Weekly", "CJW"), ("Global Desk", "GD"),
    ("Harbour City Gazette", "Gazette"), ("Evening Chronicle", "Chronicle"), ("Lakeside Post", "Post"),
)
# Cities releases name, per country (capital first); other countries are named, not their cities.
CITIES: dict[str, tuple[str, ...]] = {
    "AT": ("Vienna", "Graz", "Linz", "Salzburg"), "BE": ("Brussels", "Antwerp", "Ghent", "Liège"),
    "BG": ("Sofia", "Plovdiv", "Varna", "Burgas"), "HR": ("Zagreb", "Split", "Rijeka"),
    "CY": ("Nicosia", "Limassol", "Larnaca"), "CZ": ("Prague", "Brno", "Ostrava"),
    "DK": ("Copenhagen", "Aarhus", "Odense"), "EE": ("Tallinn", "Tartu", "Narva"),
    "FI": ("Helsinki", "Espoo", "Tampere", "Turku"), "FR": ("Paris", "Marseille", "Lyon", "Lille"),
    "DE": ("Berlin", "Hamburg", "Munich", "Frankfurt", "Cologne"),
    "GR": ("Athens", "Thessaloniki", "Piraeus"), "HU": ("Budapest", "Debrecen", "Szeged"),
    "IE": ("Dublin", "Cork", "Limerick"), "IT": ("Rome", "Milan", "Naples", "Genoa", "Palermo"),
    "LV": ("Riga", "Daugavpils"), "LT": ("Vilnius", "Kaunas", "Klaipėda"),
    "LU": ("Luxembourg City", "Esch-sur-Alzette"), "MT": ("Valletta", "Birkirkara"),
    "NL": ("Amsterdam", "Rotterdam", "The Hague", "Utrecht"),
    "PL": ("Warsaw", "Kraków", "Gdańsk", "Łódź", "Wrocław"), "PT": ("Lisbon", "Porto", "Faro"),
    "RO": ("Bucharest", "Cluj-Napoca", "Constanța", "Iași"), "SK": ("Bratislava", "Košice"),
    "SI": ("Ljubljana", "Maribor", "Koper"),
    "ES": ("Madrid", "Barcelona", "Valencia", "Málaga", "Algeciras"),
    "SE": ("Stockholm", "Gothenburg", "Malmö"),
    "GB": ("London", "Birmingham", "Manchester", "Liverpool", "Glasgow"),
    "NO": ("Oslo", "Bergen", "Stavanger"), "CH": ("Bern", "Zurich", "Geneva", "Basel"),
    "US": ("Washington", "New York", "Miami", "Chicago"),
    "CA": ("Ottawa", "Toronto", "Montreal", "Vancouver"),
    "AU": ("Canberra", "Sydney", "Melbourne", "Brisbane"), "AL": ("Tirana", "Durrës"),
    "RS": ("Belgrade", "Novi Sad"), "UA": ("Kyiv", "Odesa", "Lviv"), "MD": ("Chișinău", "Bălți"),
    "TR": ("Ankara", "Istanbul", "Izmir"), "BR": ("Brasília", "São Paulo", "Rio de Janeiro"),
    "CO": ("Bogotá", "Medellín", "Cali"), "MA": ("Rabat", "Casablanca", "Tangier"),
    "NG": ("Abuja", "Lagos"), "ZA": ("Pretoria", "Johannesburg", "Cape Town"),
}
EU = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
REGIONS = {  # partners are mostly drawn from the lead's region
    "europe": EU | frozenset("GB NO CH IS LI AL RS ME MK BA XK MD UA TR GE AM AZ BY RU GG JE IM GI".split()),
    "americas": frozenset("US CA MX GT HN SV CR PA CO VE EC PE BO CL AR UY PY BR DO JM TT".split()),
    "asia-pacific": frozenset("AU NZ FJ PG JP KR CN HK MO TW PH VN TH KH LA MM MY SG ID IN BD NP LK MN KZ PK".split()),
    "africa-middle-east": frozenset("MA DZ TN EG NG GH CI SN KE ET UG TZ RW ZA NA BW ZM ZW MZ AO AE SA QA KW OM BH JO LB IL".split()),
}
EUROPE = REGIONS["europe"]
COUNTRY_ARTICLE = frozenset("NL GB US PH AE DO".split())  # "the Netherlands", "the United Kingdom"
NO_ARTICLE = frozenset(("Europol", "Eurojust", "INTERPOL", "Frontex"))
NO_ARTICLE_START = ("An ", "HM ", "Police Scotland", "Border Force", "Immigration Enforcement", "Kripos",
                    "Carabineros de Chile", "Guardia di Finanza")
NATIONAL_WORDS = ("National", "Federal", "Royal", "Hellenic", "General", "Central", "State Police")
KIND_WEIGHTS = {"police": 3.0, "criminal-police": 3.0, "gendarmerie": 2.0, "customs": 1.5,
                "border": 1.2, "prosecution": 1.0, "financial-intelligence": 0.6}


@dataclass(frozen=True)
class Area:
    """A crime area as releases write about it."""

    weight: int
    words: tuple[str, ...]  # names of the area ("{drug}" is the operation's main drug)
    networks: tuple[tuple[str, str], ...]  # (what was dismantled, a short form for titles)
    kinds: tuple[str, ...]  # agency kinds more often involved
    centre: str  # Europol's centre for the area (reference id)
    outcomes: tuple[str, ...]  # outcome kinds (see _outcome)
    family: str  # which background sentences fit: organised, online, terrorism
    background: tuple[str, ...]  # sentences about this area only


AREAS: dict[str, Area] = {
    "drugs": Area(
        25, ("{drug} trafficking", "drug trafficking", "the trafficking of {drug}", "{drug} smuggling"),
        (("a criminal network that smuggled {drug} hidden in containers of fruit", "{drug} smuggling network"),
         ("an organised crime group producing {drug} in clandestine laboratories", "{drug} production ring"),
         ("a network that moved {drug} by sea in speedboats and fishing boats", "{drug} trafficking network"),
         ("a drug trafficking ring that used corrupt port workers to collect {drug} shipments", "port drug ring"),
         ("a criminal organisation supplying {drug} to street dealers in several cities", "{drug} supply network"),
         ("a network importing drug precursors to produce {drug}", "drug precursor network")),
        ("customs", "criminal-police"), "europol-esocc",
        ("arrest", "search", "drug", "cash", "vehicles", "firearms_few", "labs"), "organised",
        ("Drug markets remain among the largest criminal markets, and {drug} is one of their most profitable products.",
         "Containers arriving in large seaports remain a main entry point for {drug} shipments.",
         "The violence linked to drug markets has grown in several cities in recent years.",
         "Chemical waste from clandestine laboratories is often dumped in forests and rivers.")),
    "cyber": Area(
        15, ("cybercrime", "ransomware", "malware distribution", "cyberattacks"),
        (("a ransomware group that attacked hospitals, municipalities and companies", "ransomware group"),
         ("a botnet that infected hundreds of thousands of computers with malware", "malware botnet"),
         ("a dark web market where drugs, stolen data and hacking tools were sold", "dark web market"),
         ("a group of hackers renting out DDoS attacks and phishing kits", "hacker-for-hire group"),
         ("the group behind a malware loader used by several ransomware gangs", "malware loader service")),
        ("criminal-police", "prosecution"), "europol-ec3",
        ("arrest", "search", "servers", "crypto", "devices", "suspects"), "online",
        ("Ransomware attacks against hospitals and local authorities have disrupted essential services in many countries.",
         "The criminal infrastructure was rented out to other groups as a service.",
         "Victims were asked to pay ransoms in cryptocurrency to recover their data.",
         "Security researchers and private partners helped investigators map the servers used by the group.")),
    "csa": Area(
        12, ("child sexual abuse", "child sexual exploitation", "online child sexual abuse"),
        (("an online network sharing child sexual abuse material on encrypted platforms", "child abuse network"),
         ("a dark web platform dedicated to child sexual abuse", "dark web child abuse platform"),
         ("a file-sharing network used to distribute child sexual abuse material", "child abuse file-sharing ring"),
         ("an online group of offenders who groomed children through games and social media",
          "online grooming ring")),
        ("criminal-police", "police"), "europol-ec3",
        ("arrest", "search", "safeguarded", "suspects", "devices", "victims"), "online",
        ("Victim identification specialists analysed images and videos for clues about where the abuse took place.",
         "Parents are encouraged to talk to their children about the risks they may meet online.",
         "Online service providers reported suspicious accounts to the national authorities.",
         "The material was shared through encrypted channels that the offenders believed to be safe.")),
    "fraud": Area(
        12, ("investment fraud", "money laundering", "VAT fraud", "phishing scams"),
        (("an investment fraud network running fake call centres", "investment fraud network"),
         ("a money laundering network that moved criminal proceeds through shell companies", "money laundering network"),
         ("a VAT fraud scheme built on chains of trading companies in several countries", "VAT fraud scheme"),
         ("a phishing gang that emptied the bank accounts of elderly victims", "phishing gang"),
         ("a network of money mules laundering the proceeds of online scams", "money mule network")),
        ("financial-intelligence", "prosecution", "criminal-police"), "europol-efecc",
        ("arrest", "search", "frozen", "cash", "properties", "victims_fraud"), "organised",
        ("Victims were contacted by phone and persuaded to invest in platforms that did not exist.",
         "The fraud caused losses to national budgets and to honest businesses.",
         "Call centre staff followed scripts written to win the trust of their victims.",
         "Financial intelligence units flagged a series of suspicious transactions to the investigators.")),
    "firearms": Area(
        7, ("firearms trafficking", "arms trafficking", "the trafficking of illegal weapons"),
        (("a network trafficking firearms converted from alarm pistols", "firearms trafficking network"),
         ("an arms trafficking ring supplying illegal weapons to criminal gangs", "arms trafficking ring"),
         ("a group smuggling assault rifles and ammunition across several borders", "weapons smuggling group")),
        ("police", "customs"), "europol-esocc", ("arrest", "search", "firearms", "ammunition", "cash"), "organised",
        ("Converted weapons are cheap to buy and difficult to trace.",
         "Parts of firearms were sent by post in parcels declared as spare parts.",
         "Weapons from such networks have been used in shootings between rival gangs.")),
    "thb": Area(
        7, ("human trafficking", "trafficking in human beings", "forced labour", "sexual exploitation"),
        (("a human trafficking network that forced women into prostitution", "human trafficking network"),
         ("a criminal group exploiting workers in forced labour on farms and building sites", "labour exploitation ring"),
         ("a network that recruited victims with fake job offers and sold them for sexual exploitation",
          "trafficking ring")),
        ("police", "border"), "europol-emsc", ("arrest", "search", "safeguarded", "victims", "cash"), "organised",
        ("Victims were kept in debt bondage and had their identity documents taken away.",
         "Labour inspectors took part in the checks carried out during the action days.",
         "Many victims do not see themselves as victims and are afraid to speak to the police.")),
    "migrants": Area(
        7, ("migrant smuggling", "people smuggling", "the smuggling of irregular migrants"),
        (("a migrant smuggling network that transported irregular migrants in lorries", "migrant smuggling network"),
         ("a people smuggling ring that moved migrants across the sea in overcrowded boats", "people smuggling ring"),
         ("a network that supplied forged documents to smuggled migrants", "document fraud network")),
        ("border", "police"), "europol-emsc", ("arrest", "search", "vehicles", "cash", "documents"), "organised",
        ("The migrants paid thousands of euros each for the journey.",
         "The smugglers advertised their services on social media.",
         "Migrants were hidden in compartments without enough air or water.")),
    "environment": Area(
        4, ("environmental crime", "wildlife trafficking", "waste trafficking", "illegal logging"),
        (("a network trafficking protected species and ivory", "wildlife trafficking network"),
         ("a waste trafficking ring that dumped hazardous waste abroad", "waste trafficking ring"),
         ("a group trading illegal timber through front companies", "illegal timber network")),
        ("customs", "police"), "europol-esocc", ("arrest", "search", "waste", "animals", "cash"), "organised",
        ("Environmental crime is among the most profitable criminal activities worldwide.",
         "Hazardous waste was declared as second-hand goods to avoid inspections.",
         "Protected animals were smuggled in suitcases and in the post.")),
    "counterfeit": Area(
        4, ("counterfeiting", "the trade in falsified medicines", "the trade in counterfeit goods"),
        (("a network producing falsified medicines and selling them online", "counterfeit medicine network"),
         ("a criminal group manufacturing counterfeit cigarettes and clothing", "counterfeiting ring")),
        ("customs", "police"), "europol-ipc3", ("arrest", "search", "counterfeits", "cash", "websites"), "organised",
        ("Counterfeit products are often made without any safety checks.",
         "The goods were sold through online shops and social media accounts.")),
    "property": Area(
        4, ("burglaries", "car theft", "organised property crime"),
        (("a gang behind a series of burglaries in several countries", "burglary gang"),
         ("a network exporting stolen cars to other continents", "car theft network"),
         ("a mobile organised crime group that committed armed robberies", "robbery gang")),
        ("police", "criminal-police"), "europol-esocc", ("arrest", "search", "vehicles", "cash", "stolen_goods"),
        "organised",
        ("The gang travelled between countries to commit its crimes and left again within days.",
         "Stolen vehicles were taken apart and shipped abroad as spare parts.")),
    "cultural": Area(
        2, ("the trafficking of cultural goods", "looted antiquities"),
        (("a network trafficking archaeological objects looted from excavation sites", "antiquities trafficking network"),
         ("dealers selling looted antiquities and works of art online", "looted art ring")),
        ("police", "customs"), "europol-esocc", ("arrest", "search", "artefacts", "cash"), "organised",
        ("Looted objects were given false provenance papers before being offered at auctions.",
         "Experts from museums helped identify the origin of the objects.")),
    "terrorism": Area(
        1, ("terrorism", "terrorist financing", "violent extremism"),
        (("a network financing terrorist groups through informal money transfers", "terrorist financing network"),
         ("a cell suspected of preparing attacks with improvised explosive devices", "terrorist cell")),
        ("police", "prosecution"), "europol-ectc", ("arrest", "search", "devices", "cash"), "terrorism",
        ("The suspects spread propaganda through encrypted channels.",
         "Counter-terrorism units from several countries had followed the suspects for months.")),
}
DRUGS = (  # item, unit, low, high; the first drug of a drugs operation names its area
    ("cocaine", "kg", 20, 4000), ("cannabis", "kg", 100, 9000), ("heroin", "kg", 5, 400),
    ("methamphetamine", "kg", 5, 900), ("amphetamine", "kg", 10, 1500), ("hashish", "kg", 100, 6000),
    ("MDMA", "pills", 1000, 400000))

# --- Sentences --------------------------------------------------------------------------------
# Placeholders: {lead} the lead agency as first named (with "the" where English wants it),
# {Lead} the same capitalized, {lead_short} a later mention, {network}, {network_short}, {area},
# {op} ("Operation X" or "the operation"), {countries}, {n_countries}, {partners}, {support},
# {action} ("11 March 2025"), {start}, {origin}, {city}, {cities}, {headline}, {arrests}.

TITLES_AGENCY = (
    "{arrests} arrests in {op_title} against {area}",
    "{Network_short} dismantled in {n_countries} countries",
    "{op_title}: {Arrests_words} suspects arrested in action against {area}",
    "International operation against {area}: {headline}",
    "{Lead_plain} takes down {network_short} with the support of {support_plain}",
    "{Headline} as {network_short} is dismantled",
    "Crackdown on {area} in {countries_short}: {arrests} arrests",
    "{Countries_short} join forces against {area}: {headline}",
    "Action day against {area} leads to {arrests} arrests",
    "{Network_short} taken down: {arrests} arrests and {headline}",
)
TITLES_NEWS = (
    "Police arrest {arrests} in {area} sweep across {n_countries} countries",
    "{arrests} held as police smash {network_short}",
    "{Op_or_police} hits {network_short}: {headline}",
    "Raids in {countries_short} target {area}",
    "{Lead_plain} leads crackdown on {area}",
    "Dozens detained in international {area} probe",
    "Police in {countries_short} dismantle {network_short}",
    "{Arrests_words} arrested as {network_short} is broken up",
)
LEADS_AGENCY = (
    "{Op_intro}, led by {lead}, has dismantled {network}. {support_sentence}",
    "An investigation led by {lead} with the support of {support} has taken down {network}.",
    "{Lead} led the investigation into {network}, working with {partners}. {support_sentence}",
    "Law enforcement authorities from {countries} have dismantled {network} in {op} led by {lead}. "
    "{support_sentence}",
    "{Network} has been taken down in an action day coordinated across {n_countries} countries. "
    "{Op_cap}, led by {lead} with {partners}, targeted the network's cells in {cities}.",
    "Under the leadership of {lead}, investigators from {countries} have dismantled {network}. {support_sentence}",
    "Police and judicial authorities in {countries} have taken action against {network}. "
    "The lead agency was {lead}, working with {partners}. {support_sentence}",
    "{Support_cap} supported {lead} and its partners in {op} against {network}. "
    "The investigation was led by {lead_short}.",
)
LEADS_NEWS = (
    "{Dateline}Police in {countries} have arrested {arrests_words} people in {op} against {network}, "
    "{said_by}.",
    "{Dateline}{Lead} says {arrests_words} suspects have been detained after a {months}-month investigation "
    "into {network}.",
    "{Dateline}{Arrests_words} people have been arrested across {n_countries} countries in a crackdown on "
    "{network}, {lead_plain} said on {weekday}.",
    "{Dateline}An international investigation led by {lead} has broken up {network}, officials said.",
    "{Dateline}Police have dismantled {network} after raids in {countries}, {said_by}. The investigation was "
    "headed by {lead}.",
)
SECOND_NEWS = (
    "The operation, codenamed {codename}, was carried out with {partners}{support_tail}.",
    "Officers from {partners} took part in the operation, known as {op}{support_tail}.",
    "{Lead_short} worked with {partners}{support_tail}.",
    "The investigation, which began in {start}, involved {partners}{support_tail}.",
)
MOVES = ("carried out coordinated raids", "took action against the network", "moved against the suspects",
         "executed search and arrest warrants")
CODENAME_SENTENCES = (
    "The operation was codenamed {codename}.",
    "The investigation, known as Operation {codename}, began in {start}.",
    "Investigators named the case Operation {codename}.",
    "Operation {codename} had been prepared for {months} months.",
    "The action was part of Operation {codename}.",
)
ACTORS = ("investigators", "officers", "police officers", "the authorities involved", "law enforcement officers")
WHEN_ACTION = ("On {action}", "During an action day on {action}", "In a series of raids on {action}",
               "Between {action_from} and {action}", "On {action_weekday} {action}")
SUPPORT_SENTENCES = (
    "{Support_cap} supported the investigation from its start.",
    "The operation was supported by {support}.",
    "{Support_cap} coordinated the action and provided analytical support.",
    "Investigators received support from {support}.",
    "{Support_cap} facilitated the exchange of information between the countries involved.",
)
EUROPOL_ROLE = (
    "Europol facilitated the information exchange and provided analytical support. On the action day, "
    "{experts} experts were deployed to {deploy_country} to cross-check operational information against "
    "Europol's databases in real time and to provide leads to investigators in the field.",
    "Europol set up an operational task force, organised {meetings} operational meetings and supported the "
    "national investigators with intelligence analysis, crypto tracing and forensic expertise.",
    "Europol's analysts produced intelligence packages for the countries involved and hosted the "
    "coordination meetings that prepared the action day. A mobile office was deployed to {deploy_country}.",
    "The agency brought together the investigators of the countries involved, cross-checked the data "
    "seized in earlier investigations and identified the links between the network's members.",
)
EUROJUST_ROLE = (
    "Eurojust set up a joint investigation team between {jit_countries} and organised a coordination centre "
    "during the action day to support the issuing of European Arrest Warrants.",
    "Eurojust assisted the national judicial authorities with the execution of European Investigation Orders "
    "and hosted a coordination meeting ahead of the action.",
    "At Eurojust, prosecutors from {jit_countries} agreed on a common strategy for the prosecution of the suspects.",
)
INTERPOL_ROLE = (
    "INTERPOL issued Red Notices for the main suspects and its Command and Coordination Centre supported "
    "the participating countries around the clock.",
    "INTERPOL's databases of stolen and lost travel documents and of wanted persons were checked at border "
    "crossings during the operation.",
    "INTERPOL coordinated the exchange of intelligence between its member countries through its secure "
    "global police communications network.",
)
QUOTES: dict[str, tuple[str, ...]] = {
    "any": (
        "This operation shows what police forces can achieve when they share information and act together.",
        "Criminal networks do not stop at borders, and neither do we.",
        "The results of this action day are the fruit of months of patient work by investigators in many countries.",
        "No criminal organisation is too complex or too well hidden to be taken apart.",
        "I want to thank all the officers who took part for their professionalism and commitment.",
        "International cooperation is the only answer to crime that is organised across borders.",
        "This is a clear message to criminals: the law enforcement community is united against them.",
        "Our work does not end today; the evidence seized will keep investigators busy for months.",
        "We will continue to target those who profit from crime, wherever they are.",
    ),
    "drugs": ("The drugs seized would have reached our streets and fuelled violence in our cities.",
              "Ports are where the drug trade meets the legal economy, and that is where we hit it."),
    "cyber": ("Cybercriminals believe they are anonymous. This operation proves them wrong.",
              "By taking down the infrastructure we protect thousands of potential victims."),
    "csa": ("Every child safeguarded in this investigation is a life changed.",
            "Offenders who think they can hide behind encryption should know that we will find them."),
    "fraud": ("Behind every euro laundered there are victims who lost their savings.",
              "Following the money remains the most effective way to dismantle criminal networks."),
    "firearms": ("Each weapon taken out of circulation is a weapon that cannot be used in a shooting.",),
    "thb": ("The victims were treated as commodities. Today they are free.",
            "Human trafficking is one of the most brutal forms of organised crime."),
    "migrants": ("Smugglers put profit before human lives.",
                 "The network treated migrants as cargo and put their lives at risk."),
    "environment": ("Environmental crime harms us all and robs future generations.",),
    "counterfeit": ("Fake products put the health and safety of consumers at risk.",),
    "property": ("The victims of these crimes deserve to see the offenders brought to justice.",),
    "cultural": ("These objects belong to our shared heritage, not to private collections.",),
    "terrorism": ("Preventing attacks requires the closest cooperation between our services.",),
}
FILLER: dict[str, tuple[str, ...]] = {
    "organised": (
        "The network used front companies to hide its activities and to launder its profits.",
        "Its members communicated through encrypted messaging applications and changed phones regularly.",
        "The suspects recruited couriers and drivers through social media and paid them in cash.",
        "The leaders of the group lived abroad and directed the cells through trusted lieutenants.",
        "The criminal proceeds were invested in real estate, luxury cars and businesses in several countries.",
        "The organisation was structured in cells, each responsible for one stage of its activities.",
        "Investigators found that the group had operated for several years without attracting attention.",
        "The suspects relied on a network of complicit businesses to move goods and money across borders.",
        "Financial investigations traced payments through a chain of bank accounts and cryptocurrency wallets.",
        "The main suspect is believed to have organised the logistics of the network from a rented villa.",
        "Members of the group used false identities and rented flats under the names of others.",
    ),
    "online": (
        "The suspects used anonymisation services and encrypted messaging applications to hide their identities.",
        "Investigators analysed large volumes of data seized from servers and devices.",
        "Several suspects were identified through the payments they made in cryptocurrency.",
        "Digital forensic experts recovered deleted material from the seized devices.",
        "The platform had thousands of registered users in many countries.",
        "Some suspects had taken part in the platform's activities for several years.",
        "Undercover officers gathered evidence on the platform before the action day.",
        "The data seized will be analysed to identify further users and victims.",
    ),
    "terrorism": (
        "The suspects were in contact with members of terrorist organisations abroad.",
        "Investigators found instructions for making explosives on the seized devices.",
        "The group raised money through online fundraising and small donations.",
    ),
    "ongoing": (
        "The investigations are continuing and further arrests are not excluded.",
        "Analysis of the seized devices and documents is ongoing.",
        "The suspects face charges including participation in a criminal organisation.",
        "Several suspects remain under investigation and are expected to be questioned in the coming weeks.",
        "All suspects are presumed innocent until proven guilty in accordance with the law.",
        "Those arrested were brought before investigating judges, who ordered pre-trial detention for the "
        "main suspects.",
        "Further actions against members of the network are being prepared in the countries involved.",
        "The judicial proceedings will take place in the countries where the suspects were arrested.",
    ),
    "context": (  # about the area, for every family
        "Tackling {area} is one of the priorities of the European Multidisciplinary Platform Against Criminal "
        "Threats (EMPACT).",
        "Law enforcement authorities have reported a growing use of encrypted communication tools in {area}.",
        "Cross-border cooperation has been key to investigations into {area} in recent years.",
    ),
    "context-organised": (  # about the area, for profit-driven crime only
        "Criminal networks active in {area} are among the most threatening, according to recent threat "
        "assessments.",
        "The profits generated by {area} are often reinvested in other criminal activities.",
    ),
    "news": (
        "The case has drawn attention to how easily criminal groups exploit legitimate businesses.",
        "Experts say the scale of the network shows how organised crime has adapted to new technologies.",
        "Officials declined to give further details, citing the ongoing investigation.",
        "Lawyers for several of the suspects could not immediately be reached for comment.",
        "The arrests come amid growing concern over the reach of organised crime in the region.",
        "Local residents said they had noticed unusual activity at some of the addresses searched.",
        "Prosecutors are expected to file charges in the coming months.",
        "A spokesperson for the prosecutors said more details would be given at a press conference.",
    ),
}
STARTS = ("The investigation started in {start} after {origin}.",
          "Investigators first came across the network in {start}, when {origin}.",
          "The case was opened in {start}, after {origin}.")
ORIGINS = (
    "a customs inspection uncovered a suspicious shipment",
    "a bank reported unusual transactions",
    "a partner country shared information through Europol",
    "a victim went to the police",
    "an online service provider reported suspicious accounts",
    "an earlier seizure led investigators to the network's suppliers",
    "investigators decrypted messages exchanged on an encrypted communication platform",
)
BOILERPLATE = (  # long paragraphs that close many agency releases
    "In 2010 the European Union set up a four-year policy cycle to ensure greater continuity in the fight "
    "against serious international and organised crime. EMPACT, the European Multidisciplinary Platform "
    "Against Criminal Threats, brings together the Member States, EU institutions and agencies, third "
    "countries and international organisations to work together against the main criminal threats facing "
    "the EU. {Area} is one of the priorities of the current cycle.",
    "Europol supports the law enforcement authorities of the Member States in their fight against serious "
    "international crime and terrorism. Its analysts and specialists help national investigators to connect "
    "the dots between cases in different countries and to coordinate actions against criminal networks.",
)
PARTICIPANT_HEADINGS = (
    "The following authorities took part:",
    "Participating authorities:",
    "The operation involved the following law enforcement authorities:",
    "Authorities involved:",
)

# --- Reference data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    """An authority as releases name it."""

    id: str
    name: str
    country: str | None
    kind: str
    abbreviation: str | None = None
    native: str | None = None  # its native name, when written in Latin script


@dataclass(frozen=True)
class World:
    """The reference data the generator draws from."""

    countries: dict[str, tuple[tuple[str, ...], tuple[float, ...]]]  # region -> codes, cumulative weights
    bodies: dict[str, tuple[Body, ...]]  # national authorities by country code
    body_weights: dict[str, tuple[float, ...]]
    names: dict[str, str]  # country code -> name as running text writes it ("the Netherlands")
    special: dict[str, Body]  # Europol, Eurojust, INTERPOL, Frontex, EPPO and Europol's centres


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 or c in "’–" for c in text)


def _body(row: AgencyRow) -> Body:
    native = next((n for n in row.native_names if _latin(n) and n != row.name), None)
    abbreviation = next((a for a in row.abbreviations if _latin(a)), None)
    return Body(row.id, row.name, row.country, row.kind, abbreviation, native)


def _region(code: str) -> str:
    return next((name for name, codes in REGIONS.items() if code in codes), "africa-middle-east")


@cache
def world() -> World:
    """The agencies and countries of the reference data, grouped and weighted for drawing.

    National authorities are police, criminal police, gendarmerie, customs, border, prosecution
    and financial intelligence bodies with a country; a national one ("Spanish National Police",
    "Federal ...") is drawn more often than a regional one ("Kent Police").
    """
    agencies = load_agencies()
    countries = load_countries()
    bodies: dict[str, list[Body]] = {}
    weights: dict[str, list[float]] = {}
    for row in agencies.values():
        if not row.country or row.kind not in KIND_WEIGHTS or row.country not in countries:
            continue
        national = (any(w in row.name for w in NATIONAL_WORDS)
                    or countries[row.country].name in row.name
                    or any(d in row.name for d in countries[row.country].demonyms))
        bodies.setdefault(row.country, []).append(_body(row))
        weights.setdefault(row.country, []).append(KIND_WEIGHTS[row.kind] * (3.0 if national else 1.0))
    by_region: dict[str, tuple[list[str], list[float]]] = {}
    for code in sorted(bodies):
        weight = (6.0 if code in EU else 3.0 if code in EUROPE or code in ("US", "CA", "AU") else 1.0)
        codes, region_weights = by_region.setdefault(_region(code), ([], []))
        codes.append(code)
        region_weights.append(weight * min(len(bodies[code]), 3))
    names = {}
    for code in bodies:
        name = countries[code].name
        names[code] = f"the {name}" if code in COUNTRY_ARTICLE else name
    special_ids = ("europol", "eurojust", "interpol", "frontex", "eppo", "europol-ec3", "europol-emsc",
                   "europol-ectc", "europol-efecc", "europol-esocc", "europol-ipc3")
    return World({r: (tuple(c), tuple(accumulate(w))) for r, (c, w) in sorted(by_region.items())},
                 {c: tuple(b) for c, b in bodies.items()}, {c: tuple(w) for c, w in weights.items()},
                 names, {i: _body(agencies[i]) for i in special_ids})


# --- Operations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One figure of an operation: `kind` (arrest, search, seizure, ...) and how it is written."""

    kind: str
    count: int
    phrase: str  # the figure with its noun: "27 suspects", "3.2 tonnes of cocaine"
    breakdown: tuple[tuple[str, int], ...] = ()  # (country code, count), for arrests


@dataclass(frozen=True)
class Official:
    """An invented person speaking for an agency."""

    name: str
    title: str
    body: Body
    quote: str


@dataclass(frozen=True)
class Operation:
    """What one operation was: what every release that reports it draws on."""

    index: int
    area: str
    drug: str  # the main drug of a drugs operation, else ""
    codename: str | None
    network: tuple[str, str]  # (long, short)
    lead: Body
    partners: tuple[Body, ...]  # the other national authorities
    support: tuple[Body, ...]  # Europol, Eurojust, INTERPOL...
    countries: tuple[str, ...]  # country codes, the lead's first
    action: date
    published: date  # of the agency's release; articles about it follow within days
    start_year: int
    outcomes: tuple[Outcome, ...]
    officials: tuple[Official, ...]
    cities: tuple[str, ...]


def _rng(seed: int, index: int, stream: str) -> random.Random:
    """The generator of one stream of one release: a function of (seed, index, stream) only."""
    return random.Random(f"opgraph-corpus/{seed}/{index}/{stream}")


def codename(seed: int, index: int) -> str:
    """The codename operation `index` would have: distinct for the first
    len(CODE_FIRST) * len(CODE_SECOND) indices, then again with edition numerals."""
    space = len(CODE_FIRST) * len(CODE_SECOND)
    # 7919 is a prime that does not divide `space`, so index -> k is a permutation of each cycle.
    k = (index * 7919 + seed * 104729) % space
    cycle = index // space % (len(NUMERALS) + 1)
    first, second = CODE_FIRST[k // len(CODE_SECOND)], CODE_SECOND[k % len(CODE_SECOND)]
    return f"{first} {second} {NUMERALS[cycle - 1]}" if cycle else f"{first} {second}"


@cache
def _area_table() -> tuple[tuple[str, ...], tuple[int, ...]]:
    return tuple(AREAS), tuple(a.weight for a in AREAS.values())


def operation(seed: int, index: int) -> Operation:
    """The operation release `index` reports first (a function of seed and index only)."""
    rng = _rng(seed, index, "operation")
    w = world()
    names, weights = _area_table()
    area_name = rng.choices(names, weights)[0]
    area = AREAS[area_name]
    global_op = rng.random() < 0.06  # an INTERPOL-style operation with partners worldwide
    n_national = rng.choice((2, 2, 3, 3, 3, 4, 4, 5, 6, 7))
    region = rng.choices(list(w.countries), [8 if r == "europe" else 1 for r in w.countries])[0]
    countries: list[str] = []
    while len(countries) < n_national:
        pool = region if not global_op and rng.random() < 0.85 else rng.choice(list(w.countries))
        codes, cumulative = w.countries[pool]
        code = rng.choices(codes, cum_weights=cumulative)[0]
        if code not in countries:
            countries.append(code)
    bodies = []
    for code in countries:
        bodies.append(rng.choices(w.bodies[code], cum_weights=_body_weights(code, area_name))[0])
    if rng.random() < 0.15 and len(w.bodies[countries[0]]) > 1:  # a second authority of the lead's country
        bodies.insert(1, rng.choice([b for b in w.bodies[countries[0]] if b != bodies[0]]))
    lead, partners = bodies[0], tuple(bodies[1:])
    european = countries[0] in EUROPE
    support = []
    if rng.random() < (0.8 if european else 0.3):
        support.append(w.special["europol"])
    if rng.random() < (0.35 if european else 0.05):
        support.append(w.special["eurojust"])
    if global_op or rng.random() < (0.12 if european else 0.5):
        support.append(w.special["interpol"])
    if area_name == "migrants" and european and rng.random() < 0.5:
        support.append(w.special["frontex"])
    if area_name == "fraud" and european and rng.random() < 0.2:
        support.append(w.special["eppo"])
    if global_op and rng.random() < 0.7:  # INTERPOL leads, the national authorities take part
        lead, partners = w.special["interpol"], tuple(bodies)
        support.remove(w.special["interpol"])
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    action = date(year, 1, 1) + timedelta(days=rng.randint(0, 340))
    published = action + timedelta(days=rng.choice((0, 1, 1, 2, 2, 3, 5, 7, 14, 30)))
    drug = rng.choice(DRUGS[:6])[0] if area_name == "drugs" else ""
    currency = {"GB": "GBP", "US": "USD", "CA": "USD", "AU": "USD"}.get(countries[0], "EUR")
    outcomes = _outcomes(rng, area, drug, countries, currency)
    officials = _officials(rng, area_name, lead, partners, tuple(support), countries)
    cities: list[str] = []
    for code in countries[: rng.randint(2, 4)]:
        if code in CITIES:
            cities.append(rng.choice(CITIES[code]))
    network = rng.choice(area.networks)
    network = (network[0].format(drug=drug), network[1].format(drug=drug))
    return Operation(index, area_name, drug, codename(seed, index) if rng.random() < 0.7 else None,
                     network, lead, partners, tuple(support), tuple(countries), action, published,
                     year - rng.choice((0, 1, 1, 2, 2, 3)), outcomes, officials,
                     tuple(dict.fromkeys(cities)) or tuple(w.names[c] for c in countries[:3]))


@cache
def _body_weights(code: str, area: str) -> tuple[float, ...]:
    """Cumulative weights of a country's authorities for an operation in `area`: the kinds the
    area involves more often count two and a half times."""
    w = world()
    kinds = AREAS[area].kinds
    return tuple(accumulate(x * (2.5 if b.kind in kinds else 1.0) for b, x in zip(w.bodies[code], w.body_weights[code])))


def _amount(rng: random.Random, low: float, high: float) -> float:
    """A figure between low and high, spread evenly over its orders of magnitude."""
    return low * (high / low) ** rng.random()


def _round(value: float) -> int:
    """Two significant figures, as releases give amounts."""
    magnitude = 10 ** max(0, len(str(int(value))) - 2)
    return max(1, int(value) // magnitude * magnitude)


def _thousands(n: int, rng: random.Random) -> str:
    """A whole number as releases write it: '1 388' (Europol), '1,388', or '950'."""
    return f"{n:,}".replace(",", rng.choice((",", " "))) if n >= 1000 else str(n)


def _money(rng: random.Random, currency: str, low: float, high: float) -> str:
    value = _amount(rng, low, high)
    symbol = {"EUR": rng.choice(("EUR ", "EUR ", "€")), "GBP": "£", "USD": rng.choice(("USD ", "$"))}[currency]
    if value >= 1_000_000:
        return f"{symbol}{value / 1_000_000:.1f} million"
    return f"{symbol}{_thousands(_round(value), rng)}"


# Counted outcomes: kind -> (outcome kind, low, high, noun).
COUNTED = {
    "vehicles": ("seizure", 2, 30, "vehicles"), "firearms_few": ("seizure", 2, 15, "firearms"),
    "firearms": ("seizure", 10, 900, "firearms"), "ammunition": ("seizure", 500, 20000, "rounds of ammunition"),
    "labs": ("takedown", 2, 8, "drug laboratories"), "servers": ("takedown", 3, 400, "servers"),
    "devices": ("seizure", 10, 600, "electronic devices"), "suspects": ("identified", 5, 300, "further suspects"),
    "safeguarded": ("safeguarded", 2, 150, "children"), "victims": ("victims", 3, 200, "victims"),
    "victims_fraud": ("victims", 100, 9000, "victims"), "properties": ("seizure", 2, 40, "properties"),
    "documents": ("seizure", 20, 900, "forged documents"),
    "waste": ("seizure", 100, 30000, "tonnes of illegally shipped waste"),
    "animals": ("seizure", 20, 3000, "protected animals and animal products"),
    "counterfeits": ("seizure", 5000, 900000, "counterfeit items"), "websites": ("takedown", 10, 2000, "websites"),
    "stolen_goods": ("seizure", 20, 900, "stolen items"), "artefacts": ("seizure", 50, 9000, "archaeological objects"),
}


def _outcomes(rng: random.Random, area: Area, drug: str, countries: Sequence[str],
              currency: str) -> tuple[Outcome, ...]:
    """The figures of an operation: arrests and searches nearly always, then area-specific ones."""
    found: list[Outcome] = []
    scale = rng.choice((1, 1, 1, 2, 3, 6))
    for kind in area.outcomes:
        if kind not in ("arrest", "search", "drug") and rng.random() < 0.4:
            continue
        if kind == "arrest":
            n = rng.randint(3, 40) * scale
            found.append(Outcome("arrest", n, f"{n} suspects", _breakdown(rng, n, countries)))
        elif kind == "search":
            n = rng.randint(4, 60) * scale
            noun = rng.choice(("houses", "properties", "premises", "locations"))
            found.append(Outcome("search", n, f"{n} {noun}"))
        elif kind == "drug":
            main = next(d for d in DRUGS if d[0] == drug)
            for item, unit, low, high in [main] + rng.sample([d for d in DRUGS if d != main], rng.randint(0, 1)):
                value = _amount(rng, low, high)
                if unit == "pills":
                    phrase = f"{_thousands(_round(value), rng)} {item} pills"
                elif value >= 1000 and rng.random() < 0.6:
                    phrase = f"{value / 1000:.1f} tonnes of {item}"
                else:
                    phrase = f"{_thousands(_round(value), rng)} kg of {item}"
                found.append(Outcome("seizure", int(value), phrase))
        elif kind in ("cash", "crypto", "frozen"):
            text = _money(rng, currency, 20_000, 12_000_000)
            noun = {"cash": "in cash", "crypto": "in cryptocurrency", "frozen": "in bank accounts"}[kind]
            found.append(Outcome("frozen" if kind == "frozen" else "seizure", 1, f"{text} {noun}"))
        else:
            outcome_kind, low, high, noun = COUNTED[kind]
            if kind == "safeguarded":
                noun = rng.choice(("children", "victims"))
            n = int(_amount(rng, low, high))
            found.append(Outcome(outcome_kind, n, f"{_thousands(n, rng)} {noun}"))
    return tuple(found)


def _breakdown(rng: random.Random, total: int, countries: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """Arrests by country (for some operations): shares of the total over up to four countries."""
    if len(countries) < 2 or rng.random() > 0.45:
        return ()
    places = countries[:4]
    cuts = sorted(rng.sample(range(1, total), min(len(places), total) - 1)) if total > 1 else []
    bounds = [0, *cuts, total]
    return tuple((code, bounds[i + 1] - bounds[i]) for i, code in enumerate(places[: len(bounds) - 1]))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN_NAMES)} {rng.choice(SURNAMES)}"


def _title(rng: random.Random, body: Body, area: str, countries: Sequence[str]) -> str:
    """A title that fits the body ("Head of the European Cybercrime Centre (EC3)", "Chief Superintendent")."""
    if body.id == "europol":
        centre = world().special[AREAS[area].centre]
        return rng.choice(("Deputy Executive Director of Operations", "Head of Operations",
                           f"Head of the {centre.name} ({centre.abbreviation})", f"Head of the {centre.name}"))
    if body.id == "interpol":
        return rng.choice(("Director of Organized and Emerging Crime", "Executive Director of Police Services",
                           "Director of Cybercrime" if area == "cyber" else "Head of the Drugs and Organized Crime unit"))
    if body.id == "eurojust":
        return rng.choice((f"National Member for {world().names[countries[0]].removeprefix('the ')}",
                           "Head of the Operations Department"))
    by_kind = {
        "police": ("Chief Superintendent", "Director General", "Deputy Director", "Commissioner",
                   "Head of the Organised Crime Unit", "Detective Chief Inspector"),
        "criminal-police": ("Director", "Head of the Serious Crime Division", "Deputy Director", "Chief Inspector"),
        "gendarmerie": ("Director General", "Commander", "Head of the Criminal Investigation Department"),
        "customs": ("Director General", "Head of Customs Investigations", "Director of Enforcement"),
        "border": ("Commander", "Head of the Border Crime Unit", "Director General"),
        "prosecution": ("Chief Prosecutor", "Public Prosecutor", "Senior Prosecutor"),
        "financial-intelligence": ("Head", "Director"),
    }
    return rng.choice(by_kind.get(body.kind, ("Director",)))


def _officials(rng: random.Random, area: str, lead: Body, partners: Sequence[Body],
               support: Sequence[Body], countries: Sequence[str]) -> tuple[Official, ...]:
    """Nobody, one or two officials, each with a quote of two or three sentences."""
    count = rng.choice((0, 1, 1, 1, 2, 2))
    pool = [lead, *support, *partners[:2]]
    people = []
    for body in rng.sample(pool, min(count, len(pool))):
        sentences = rng.sample(QUOTES["any"], 2 if rng.random() < 0.5 else 1) + [rng.choice(QUOTES[area])]
        rng.shuffle(sentences)
        people.append(Official(_person(rng), _title(rng, body, area, countries), body, " ".join(sentences)))
    return tuple(people)


# --- Writing ----------------------------------------------------------------------------------


def article(name: str) -> str:
    """An agency's name as running text writes it: "the Spanish National Police", "Europol"."""
    return name if name in NO_ARTICLE or name.startswith(NO_ARTICLE_START) else f"the {name}"


def cap(text: str) -> str:
    """The text with its first letter capitalized."""
    return text[:1].upper() + text[1:]


def join(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _named(rng: random.Random, body: Body) -> str:
    """A body's first mention: its name, sometimes with its abbreviation or native name."""
    r = rng.random()
    if body.abbreviation and r < 0.3:
        return f"{body.name} ({body.abbreviation})"
    if body.native and r > 0.75:
        return f"{body.name} ({body.native})"
    return body.name


def _short(body: Body) -> str:
    """A later mention of a body: its abbreviation where it has one, else its name."""
    return body.abbreviation if body.abbreviation and body.abbreviation.isupper() else article(body.name)


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve")


def _words(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


@dataclass
class Draft:
    """A release being written: title, paragraphs and, apart, its participating-authority list."""

    title: str
    paragraphs: list[str]
    authorities: list[str] = field(default_factory=list)
    dateline: str | None = None

    def text(self, with_title: bool = True) -> str:
        """The release as plain text: title, dateline, paragraphs and list, a blank line apart."""
        parts = ([self.title] if with_title else []) + ([self.dateline] if self.dateline else [])
        return "\n\n".join(p for p in parts + self.paragraphs + self.authorities if p)

    def size(self) -> int:
        """Bytes of the plain text (UTF-8)."""
        return len(self.text().encode("utf-8"))


def _headline(rng: random.Random, op: Operation) -> str:
    """The figure a title gives: a seizure, victims safeguarded, servers taken down, or arrests."""
    verbs = {"seizure": "seized", "safeguarded": "safeguarded", "takedown": "taken down"}
    options = [f"{o.phrase} {verbs[o.kind]}" for o in op.outcomes if o.kind in verbs]
    arrests = next((o.count for o in op.outcomes if o.kind == "arrest"), 0)
    return rng.choice(options) if options else f"{arrests} arrests"


def _context(rng: random.Random, op: Operation, publisher: str) -> dict[str, str]:
    """The values of the sentence placeholders for one release about `op`."""
    w = world()
    lead_named = _named(rng, op.lead)
    partners = [article(_named(rng, b)) for b in op.partners] or ["partner agencies"]
    support = [article(b.name) for b in op.support] or ["partners abroad"]
    countries = [w.names[c] for c in op.countries]
    arrests = next((o.count for o in op.outcomes if o.kind == "arrest"), 0)
    action_from = op.action - timedelta(days=rng.randint(1, 4))
    op_name = f"Operation {op.codename}" if op.codename else "the operation"
    area = rng.choice(AREAS[op.area].words).format(drug=op.drug)
    if op.codename:
        intro = rng.choice((f"Operation {op.codename}", f"An international investigation codenamed {op.codename}",
                            f"An operation dubbed '{op.codename}'"))
    else:
        intro = rng.choice(("An international investigation", "A joint investigation"))
    return dict(
        lead=article(lead_named), Lead=cap(article(lead_named)), lead_short=_short(op.lead),
        Lead_short=cap(_short(op.lead)), lead_plain=article(op.lead.name), Lead_plain=cap(article(op.lead.name)),
        network=op.network[0], Network=cap(op.network[0]), network_short=op.network[1],
        Network_short=cap(op.network[1]), area=area, Area=cap(area), partners=join(partners),
        support=join(support), Support_cap=cap(join(support)),
        support_plain=join([b.name for b in op.support]) or "partners abroad",
        countries=join(countries), countries_short=join(countries[:3]), Countries_short=cap(join(countries[:3])),
        n_countries=_words(len(op.countries)), op=op_name, Op_cap=cap(op_name), Op_intro=intro,
        op_title=f"Operation {op.codename}" if op.codename else "international action",
        Op_or_police=f"Operation {op.codename}" if op.codename else "Police operation",
        codename=op.codename or "", drug=op.drug or "drug", arrests=str(arrests), arrests_words=_words(arrests),
        Arrests_words=cap(_words(arrests)), headline=_headline(rng, op), Headline=cap(_headline(rng, op)),
        action=_long_date(op.action),
        action_from=str(action_from.day) if action_from.month == op.action.month else _long_date(action_from),
        action_weekday=f"{op.action:%A}", weekday=f"{op.published:%A}", start=str(op.start_year),
        origin=rng.choice(ORIGINS), city=op.cities[0], cities=join(op.cities), publisher=publisher,
        months=str(rng.randint(4, 30)), experts=_words(rng.randint(2, 6)), meetings=_words(rng.randint(3, 12)),
        deploy_country=w.names[rng.choice(op.countries)], jit_countries=join(countries[:3]), support_sentence="",
    )


def _results(rng: random.Random, op: Operation, ctx: dict[str, str]) -> list[str]:
    """The paragraphs that give the operation's figures, in one of three styles."""
    w = world()
    when = rng.choice(WHEN_ACTION).format_map(ctx)
    arrests = [o for o in op.outcomes if o.kind == "arrest"]
    searches = [o for o in op.outcomes if o.kind == "search"]
    seized = [o.phrase for o in op.outcomes if o.kind == "seizure"]
    style = rng.random()
    if style < 0.45:  # one sentence of verbs
        verbs = ([f"arrested {arrests[0].phrase}"] if arrests else []) + (
            [f"searched {searches[0].phrase}"] if searches else []) + ([f"seized {join(seized)}"] if seized else [])
        where = f" in {join([w.names[c] for c in op.countries])}" if rng.random() < 0.5 else ""
        paragraphs = [f"{when}, {rng.choice(ACTORS)}{where} {join(verbs)}."]
    elif style < 0.8:  # one sentence per figure
        sentences = [f"{when}, {rng.choice(ACTORS)} {rng.choice(MOVES)}."]
        if arrests:
            sentences.append(rng.choice(("{p} were arrested.", "In total, {p} were arrested.",
                                         "Officers arrested {p}.")).format(p=arrests[0].phrase))
        if searches:
            sentences.append(rng.choice(("{p} were searched.", "Investigators searched {p}.",
                                         "Searches took place at {p}.")).format(p=searches[0].phrase))
        if seized:
            sentences.append(rng.choice(("Officers seized {p}.", "The seizures included {p}.",
                                         "Among the items seized were {p}.")).format(p=join(seized)))
        paragraphs = [" ".join(cap(s) for s in sentences)]
    else:  # a list of results, as Europol's releases give them
        lines = [rng.choice((f"{when}, investigators achieved the following results:", "Results of the action day:",
                             "The operation led to:"))]
        if arrests:
            lines.append(f"- {arrests[0].count} arrests")
        if searches:
            lines.append(f"- {searches[0].phrase} searched")
        lines += [f"- {phrase} seized" for phrase in seized]
        paragraphs = ["\n".join(lines)]
    for o in op.outcomes:
        template = {"takedown": "{p} were taken down.", "identified": "Investigators identified {p}.",
                    "safeguarded": "{p} were safeguarded.", "victims": "The investigation identified {p}.",
                    "frozen": "Assets worth {p} were frozen."}.get(o.kind)
        if template:
            paragraphs.append(cap(template.format(p=o.phrase)))
    if arrests and arrests[0].breakdown:
        (first, n), rest = arrests[0].breakdown[0], arrests[0].breakdown[1:]
        parts = [f"{count} in {w.names[code]}" for code, count in rest]
        if rng.random() < 0.5:
            paragraphs.append(f"Of those arrested, {n} {'was' if n == 1 else 'were'} detained in {w.names[first]}"
                              + (f", {join(parts)}." if len(parts) > 1 else f" and {parts[0]}." if parts else "."))
        else:
            paragraphs.append("Arrests were made in " + join([f"{w.names[c]} ({k})" for c, k in arrests[0].breakdown])
                              + ".")
    return paragraphs


def _quotes(rng: random.Random, op: Operation) -> list[str]:
    """The officials' statements, each in one of four forms."""
    out = []
    for person in op.officials:
        agency = article(person.body.name)
        q1, q2 = rng.choice((("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019")))
        form = rng.randrange(4)
        if form == 0:
            out.append(f"{person.name}, {person.title} at {agency}, said: {q1}{person.quote}{q2}")
        elif form == 1:
            out.append(f"{q1}{person.quote[:-1]},{q2} said {person.name}, {person.title} of {agency}.")
        elif form == 2:
            out.append(f"{person.title} {person.name} of {agency} said: {q1}{person.quote}{q2}")
        else:
            out.append(f"Speaking after the action day, {person.name}, {person.title} at {agency}, "
                       f"added: {q1}{person.quote}{q2}")
    return out


def _authorities(rng: random.Random, op: Operation) -> list[str]:
    """A participating-authority list (or a line of participating countries), in one of three styles."""
    w = world()
    national = [b for b in (op.lead, *op.partners) if b.country]

    def line(body: Body) -> str:
        return f"- {w.names[body.country].removeprefix('the ')}: {_named(rng, body)}"

    style = rng.random()
    if style < 0.45:
        return ["\n".join([rng.choice(PARTICIPANT_HEADINGS), *map(line, national),
                           *(f"- {b.name}" for b in op.support)])]
    if style < 0.75:
        eu = [b for b in national if b.country in EU]
        other = [b for b in national if b.country not in EU]
        lines = ["Participating authorities"]
        if eu:
            lines += ["EU Member States:", *map(line, eu)]
        if other:
            lines += ["Non-EU countries:", *map(line, other)]
        if op.support:
            lines.append("International and EU organisations: " + join([b.name for b in op.support]))
        return ["\n".join(lines)]
    return [f"Participating countries: {join(sorted(w.names[c] for c in op.countries))}."]


def _fillers(rng: random.Random, op: Operation, ctx: dict[str, str], news: bool) -> Iterator[str]:
    """Background paragraphs of one to three sentences, no sentence twice."""
    area = AREAS[op.area]
    pool = [*FILLER[area.family], *FILLER["ongoing"], *FILLER["context"], *area.background,
            *(FILLER["context-organised"] if area.family == "organised" else ()),
            *(FILLER["news"] if news else ())]
    rng.shuffle(pool)
    pool.insert(rng.randrange(0, 4), rng.choice(STARTS))
    while pool:  # made as they are needed
        take = rng.choice((1, 2, 2, 3))
        yield " ".join(s.format_map(ctx) for s in pool[:take])
        del pool[:take]


def _fit(rng: random.Random, draft: Draft, fillers: Iterator[str], target: int, where: int) -> None:
    """Insert filler paragraphs at `where` until the text reaches `target` bytes, staying under TEXT_MAX."""
    size = draft.size()
    budget = TEXT_MAX - 250
    for paragraph in fillers:
        if size >= target:
            break
        extra = len(paragraph.encode("utf-8")) + 2
        if size + extra <= budget:
            draft.paragraphs.insert(where, paragraph)
            where += 1
            size += extra
    while size > budget and len(draft.paragraphs) > 3:  # the rare release written too long
        removed = draft.paragraphs.pop(rng.randrange(2, len(draft.paragraphs)))
        size -= len(removed.encode("utf-8")) + 2


def _with_codename(rng: random.Random, paragraph: str, op: Operation, ctx: dict[str, str]) -> str:
    """The paragraph, with a sentence that names the operation when it has a codename the paragraph does not give."""
    if op.codename and op.codename not in paragraph:
        return f"{paragraph} {rng.choice(CODENAME_SENTENCES).format_map(ctx)}"
    return paragraph


def agency_release(rng: random.Random, op: Operation, publisher: Body) -> Draft:
    """An agency's release about an operation: lead paragraph, results, the agencies' roles,
    background, quotes and (in about half) a participating-authority list."""
    ctx = _context(rng, op, publisher.name)
    ctx["support_sentence"] = rng.choice(SUPPORT_SENTENCES).format_map(ctx) if op.support else ""
    title = rng.choice(TITLES_AGENCY).format_map(ctx)
    leads = LEADS_AGENCY if op.support else LEADS_AGENCY[:1] + LEADS_AGENCY[2:7]
    paragraphs = [_with_codename(rng, rng.choice(leads).format_map(ctx).strip(), op, ctx), *_results(rng, op, ctx)]
    if any(b.id == "europol" for b in op.support):
        paragraphs.append(rng.choice(EUROPOL_ROLE).format_map(ctx))
    if any(b.id == "eurojust" for b in op.support):
        paragraphs.append(rng.choice(EUROJUST_ROLE).format_map(ctx))
    if any(b.id == "interpol" for b in op.support) or op.lead.id == "interpol":
        paragraphs.append(rng.choice(INTERPOL_ROLE).format_map(ctx))
    anchor = len(paragraphs)
    paragraphs += _quotes(rng, op)
    if publisher.id == "europol" and rng.random() < 0.4:
        paragraphs.append(rng.choice(BOILERPLATE).format_map(ctx))
    draft = Draft(title, paragraphs)
    if rng.random() < 0.55:
        draft.authorities = _authorities(rng, op)
    _fit(rng, draft, _fillers(rng, op, ctx, news=False), rng.randint(2300, 4500), anchor)
    return draft


def news_article(rng: random.Random, op: Operation, outlet: tuple[str, str], published: date) -> Draft:
    """A news article about an operation: dateline, short paragraphs, officials quoted, background."""
    w = world()
    ctx = _context(rng, op, outlet[0])
    country = w.names[op.countries[0]].removeprefix("the ")
    city = CITIES[op.countries[0]][0] if op.countries[0] in CITIES else None
    datelines = [f"{country.upper()} ({outlet[1]}) - ", ""]
    if city:
        datelines += [f"{city.upper()}, {country} ({outlet[1]}) - ", f"{city.upper()} ({outlet[1]}) \u2013 "]
    ctx["Dateline"] = rng.choice(datelines)
    ctx["said_by"] = rng.choice((f"{ctx['lead_plain']} said", "police said", f"officials said on {published:%A}"))
    ctx["support_tail"] = f", with support from {ctx['support']}" if op.support else ""
    title = rng.choice(TITLES_NEWS).format_map(ctx)
    seconds = SECOND_NEWS if op.codename else SECOND_NEWS[2:]
    paragraphs = [rng.choice(LEADS_NEWS).format_map(ctx), _with_codename(rng, rng.choice(seconds).format_map(ctx), op, ctx),
                  *_results(rng, op, ctx), *_quotes(rng, op)]
    draft = Draft(title, paragraphs)
    _fit(rng, draft, _fillers(rng, op, ctx, news=True), rng.randint(2300, 4500), len(paragraphs) - len(op.officials))
    return draft


# --- Formats ----------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def _plain(rng: random.Random, draft: Draft, op: Operation, publisher: Body) -> str:
    """An agency release saved as text: title, sometimes a dateline, paragraphs, the list."""
    w = world()
    if rng.random() < 0.4:
        home = CITIES.get(publisher.country or "", (w.names.get(publisher.country or "", "Brussels"),))[0]
        place = {"europol": "The Hague", "eurojust": "The Hague", "interpol": "Lyon"}.get(publisher.id, home)
        draft.dateline = f"{place}, {_long_date(op.published)}"
    text = draft.text()
    if not draft.authorities and rng.random() < 0.12:  # saved with its line breaks lost
        text = re.sub(r"(?<=\.)\n\n", "", text).replace("\n\n", " ")
    return text + "\n"


def _dated(rng: random.Random, draft: Draft, published: date) -> str:
    """A news article as the scraper saves it: ' date YYYY-MM-DD ' and the article."""
    head = f" date {published.isoformat()} " if rng.random() < 0.7 else f"date {published.isoformat()}\n"
    title = draft.title + "\n\n" if rng.random() < 0.3 else ""
    return head + title + "\n\n".join(draft.paragraphs) + "\n"


_PAYLOAD_LANGUAGES = ("Bulgarian", "Spanish", "Czech", "Danish", "German", "Estonian", "Greek", "English",
                      "French", "Irish", "Italian", "Latvian", "Lithuanian", "Hungarian", "Maltese", "Dutch",
                      "Polish", "Portuguese", "Romanian", "Slovak", "Slovene", "Finnish", "Swedish", "Croatian")


def _json_string(text: str) -> str:
    """A JSON string's content as Europol's page data writes it (\\u escapes, escaped slashes)."""
    return json.dumps(text, ensure_ascii=True)[1:-1].replace("/", "\\/")


def _payload(rng: random.Random, draft: Draft, op: Operation, index: int) -> str:
    """A Europol page-data payload, cut at the start (inside the footer) and sometimes at the end."""
    blocks = [f"<p>{html.escape(p, quote=False)}</p>" for p in draft.paragraphs]
    for lines in draft.authorities:
        head, *items = lines.split("\n")
        blocks.append(f"<h3>{html.escape(head, quote=False)}</h3>")
        if items:
            blocks.append("<ul>" + "".join(f"<li>{html.escape(i.removeprefix('- '), quote=False)}</li>"
                                           for i in items) + "</ul>")
    body = _json_string("\n\n".join(blocks)).replace("\\n\\n", "\\n\\n\n")
    if rng.random() < 0.3 and not draft.authorities and draft.size() > 2700:  # cut in its last paragraph
        last = body.rfind("<p>") + 3
        body = body[: last + int((len(body) - last) * rng.uniform(0.3, 0.8))]
        body = re.sub(r"\\(?:u[0-9a-fA-F]{0,3})?$", "", body)
        tail = ""
    else:
        tail = '","image":null,"tags":[]}}}'
    day = op.published
    stamp = int(datetime(day.year, day.month, day.day, rng.randint(7, 15), rng.randint(0, 59),
                         tzinfo=timezone.utc).timestamp())
    languages = ",".join(f'{{"id":{362 + i},"title":"{name}"}}'
                         for i, name in enumerate(rng.sample(_PAYLOAD_LANGUAGES, rng.randint(4, 12))))
    news = "\\/media-press\\/newsroom\\/news\\/"
    return (
        f"\\r\\n\\u00a9 {day.year}<\\/p>\\r\\n\n"
        "Any use of Europol\\u2019s logo requires prior written consent.<\\/p>\\r\\n\",\"footer-bottom-second\":\"\n"
        "Europol is committed to user privacy. All personal data collected by Europol are processed in "
        "accordance with Regulation (EU) 2018\\/1725.<\\/p>\\r\\n\"},"
        f"\"terms\":{{\"tags\":[],\"languages\":[{languages}]}}}},\"NodeLoader\":{{\"node\":{{"
        f"\"id\":{3000 + index % 90000},\"type\":\"news\",\"title\":\"{_json_string(draft.title)}\","
        f"\"alias\":\"{news}{_slug(draft.title)}\",\"published\":{stamp},"
        f"\"navigation\":{{\"previous\":\"{news}{_slug(rng.choice(CODE_SECOND))}-network-dismantled\","
        f"\"next\":\"{news}{_slug(rng.choice(CODE_FIRST))}-action-day\"}},"
        f"\"updated\":{stamp + rng.randint(600, 90000)},\"body\":\"\n{body}{tail}\n"
    )


def _html(rng: random.Random, draft: Draft, publisher: str, site: str, published: date, news: bool) -> str:
    """A web page: head metadata, cookie banner, navigation, the article, related links, footer."""
    def e(text: str) -> str:
        return html.escape(text, quote=False)

    url = f"{site}/news/{published.year}/{_slug(draft.title)}"
    blocks = [f"      <p>{e(p)}</p>" for p in draft.paragraphs]
    if rng.random() < 0.5:
        blocks = [p.replace("\u201c", "&ldquo;").replace("\u201d", "&rdquo;").replace("\u2019", "&rsquo;")
                  for p in blocks]
    for lines in draft.authorities:
        head, *items = lines.split("\n")
        blocks.append(f"      <h2>{e(head)}</h2>")
        if items:
            blocks.append("      <ul>" + "".join(f"<li>{e(i.removeprefix('- '))}</li>" for i in items) + "</ul>")
    stamp = f"{published.isoformat()}T{rng.randint(6, 17):02d}:{rng.choice((0, 15, 30, 45)):02d}:00+00:00"
    date_meta = rng.choice((f'  <meta property="article:published_time" content="{stamp}">\n',
                            f'  <meta name="date" content="{published.isoformat()}">\n', ""))
    byline = f'        <p class="byline">By {_person(rng)}</p>\n' if news and rng.random() < 0.6 else ""
    related = "".join(f'<li><a href="/news/{_slug(word)}">{word} investigation: update</a></li>'
                      for word in rng.sample(CODE_SECOND, 3))
    if rng.random() < 0.75:
        open_tags, close_tags = '  <main id="content">\n    <article class="news-article">\n', "    </article>\n"
    else:
        open_tags, close_tags = '  <main class="page">\n    <div class="content">\n', "    </div>\n"
    return (
        "<!DOCTYPE html>\n"
        f"<html lang=\"{rng.choice(('en', 'en-GB', 'en-US'))}\">\n<head>\n  <meta charset=\"utf-8\">\n"
        f"  <title>{e(draft.title)} | {e(publisher)}</title>\n"
        f"  <meta property=\"og:title\" content=\"{html.escape(draft.title)}\">\n"
        f"  <meta property=\"og:site_name\" content=\"{html.escape(publisher)}\">\n"
        f"  <meta property=\"og:url\" content=\"{url}\">\n{date_meta}"
        f"  <link rel=\"canonical\" href=\"{url}\">\n"
        "  <style>.cookie-banner { position: fixed; bottom: 0; }</style>\n"
        "  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({\"page\": \"news\"});</script>\n"
        "</head>\n<body class=\"page-news\">\n"
        "  <div class=\"cookie-banner\" id=\"cookie-consent\"><p>We use cookies to make this site work. "
        "<a href=\"/cookies\">Manage cookies</a></p></div>\n"
        f"  <header class=\"site-header\">\n    <a href=\"/\" class=\"logo\">{e(publisher)}</a>\n"
        "    <nav class=\"main-nav\"><ul><li><a href=\"/about\">About us</a></li><li><a href=\"/news\">News</a>"
        "</li><li><a href=\"/contact\">Contact</a></li></ul></nav>\n  </header>\n"
        "  <div class=\"breadcrumbs\"><a href=\"/\">Home</a> &raquo; <a href=\"/news\">News</a></div>\n"
        f"{open_tags}      <header>\n        <h1>{e(draft.title)}</h1>\n"
        f"        <time datetime=\"{published.isoformat()}\">{_long_date(published)}</time>\n{byline}"
        "      </header>\n" + "\n".join(blocks) + "\n"
        "      <div class=\"share-links\">Share this page: <a href=\"#\">Facebook</a> <a href=\"#\">X</a> "
        "<a href=\"#\">LinkedIn</a></div>\n" + close_tags +
        f"    <aside class=\"related\"><h2>Related news</h2><ul>{related}</ul></aside>\n  </main>\n"
        f"  <footer class=\"site-footer\"><p>&copy; {published.year} {e(publisher)}</p>"
        "<form action=\"/search\"><input name=\"q\"><button>Search</button></form></footer>\n"
        "</body>\n</html>\n"
    )


def _jsonl_line(rng: random.Random, draft: Draft, publisher: str, site: str, published: date) -> str:
    """One JSON Lines record: metadata and the text (or, as some exporters write it, HTML in `body`)."""
    record: dict[str, object] = {"title": draft.title}
    if rng.random() < 0.5:
        record["date"] = published.isoformat()
    else:
        record["published"] = f"{published.isoformat()}T{rng.randint(6, 17):02d}:00:00+01:00"
    record.update(url=f"{site}/news/{_slug(draft.title)}", publisher=publisher, language="en")
    paragraphs = draft.paragraphs + draft.authorities
    if rng.random() < 0.3:
        record["body"] = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    else:
        record["text"] = "\n\n".join(paragraphs)
    return json.dumps(record, ensure_ascii=rng.random() < 0.5)


# --- Releases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
    """One generated release: its format, the operation it reports, and its content."""

    index: int
    format: str  # the Document.format kg.ingest reads it as
    operation: int  # the index of the operation it reports (its own, or an earlier release's)
    title: str
    content: str  # the file's content; for JSON Lines, one line without its line break


def plan(seed: int, index: int) -> tuple[str, int]:
    """The format of release `index` and the index of the operation it reports: its own or, for
    some news articles, one that an earlier release (1 to 12 indices before) reported first.
    A function of seed and index only."""
    rng = _rng(seed, index, "plan")
    fmt = rng.choices(FORMATS, cum_weights=_FORMAT_CUMULATIVE)[0]
    news_like = fmt == "dated" or (fmt in ("html", "jsonl") and rng.random() < 0.4)
    if index > 0 and news_like and rng.random() < FOLLOW_UP_SHARE:
        return fmt, max(0, index - rng.randint(1, 12))
    return fmt, index


_FORMAT_CUMULATIVE = tuple(accumulate(w for _, w in FORMAT_WEIGHTS))


def generate(seed: int, index: int) -> Release:
    """Release `index` of the corpus of `seed`, whatever the size of the corpus."""
    w = world()
    fmt, op_index = plan(seed, index)
    op = operation(seed, op_index)
    rng = _rng(seed, index, "text")
    news = fmt == "dated" or op_index != index or (fmt in ("html", "jsonl") and rng.random() < 0.3)
    if fmt == "payload":
        body = w.special["europol"]
    else:
        body = rng.choice([op.lead] * 3 + [b for b in op.support if b.id in ("europol", "interpol", "eurojust")] * 2)
    if news:
        published = op.published + timedelta(days=rng.randint(0, 3))
        outlet = rng.choice(NEWS_OUTLETS)
        draft = news_article(rng, op, outlet, published)
        publisher, site = outlet[0], f"https://www.{_slug(outlet[0])}.example"
    else:
        published = op.published
        draft = agency_release(rng, op, body)
        publisher, site = body.name, f"https://www.{_slug(body.abbreviation or body.name)}.example"
    if fmt == "plain":
        content = _plain(rng, draft, op, body)
    elif fmt == "dated":
        content = _dated(rng, draft, published)
    elif fmt == "payload":
        content = _payload(rng, draft, op, index)
    elif fmt == "html":
        content = _html(rng, draft, publisher, site, published, news)
    else:
        content = _jsonl_line(rng, draft, publisher, site, published)
    return Release(index, fmt, op_index, draft.title, content)


def release_path(index: int, fmt: str, width: int = 6) -> str:
    """Where release `index` is written, relative to the corpus folder: '000/000123.txt'."""
    return f"{index // FOLDER_SIZE:0{width - 3}d}/{index:0{width}d}{EXTENSIONS[fmt]}"


@dataclass(frozen=True)
class CorpusStats:
    """What write_corpus wrote."""

    files: int
    releases: int
    bytes: int
    formats: dict[str, int]  # releases per format
    seconds: float

    def summary(self) -> str:
        """The figures, as the command line prints them."""
        mix = ", ".join(f"{name} {self.formats.get(name, 0):,}" for name in FORMATS)
        rate = self.releases / self.seconds if self.seconds else 0.0
        return (f"releases: {self.releases:,} in {self.files:,} files ({mix})\n"
                f"size:     {self.bytes / 1e6:,.1f} MB, {self.bytes / max(self.releases, 1) / 1000:.1f} kB "
                "per release on average\n"
                f"time:     {self.seconds:.1f} s ({rate:,.0f} releases/s)")


def write_corpus(out: Path, releases: int, seed: int = 0, jobs: int | None = None) -> CorpusStats:
    """Write `releases` generated releases under `out` (created; it must be absent or empty)
    and say what was written.

    Release i is `generate(seed, i)`, written to `release_path(i, format)`; the JSON Lines
    releases of each block of JSONL_BLOCK indices share one file, named after the first of them.
    Same `releases` and `seed`, same bytes, whatever `jobs` (processes writing folders side by
    side; default: one per CPU, one for corpora of under two folders).
    """
    if releases < 0:
        raise ValueError(f"the number of releases cannot be negative ({releases})")
    out = Path(out)
    if out.exists() and any(not p.name.startswith(".") for p in out.iterdir()):
        raise FileExistsError(f"{out} is not empty: the corpus needs a new or empty folder")
    started = time.perf_counter()
    width = max(6, len(str(max(releases - 1, 0))))
    out.mkdir(parents=True, exist_ok=True)
    world()  # loaded once, before any worker starts
    chunks = [(str(out), seed, start, min(start + FOLDER_SIZE, releases), width)
              for start in range(0, releases, FOLDER_SIZE)]
    jobs = min(jobs or os.cpu_count() or 1, len(chunks))
    if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
        # fork: the workers share this module as loaded (benchmarks/ is not a package).
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_write_folder, chunks))
    else:
        results = [_write_folder(chunk) for chunk in chunks]
    formats = dict.fromkeys(FORMATS, 0)
    for _, _, counts in results:
        for name, count in counts.items():
            formats[name] += count
    return CorpusStats(sum(r[0] for r in results), releases, sum(r[1] for r in results), formats,
                       time.perf_counter() - started)


def _write_folder(chunk: tuple[str, int, int, int, int]) -> tuple[int, int, dict[str, int]]:
    """Write releases start..stop-1 (one folder) and count files, bytes and formats."""
    out, seed, start, stop, width = chunk
    folder = Path(out) / release_path(start, "plain", width).partition("/")[0]
    folder.mkdir(exist_ok=True)
    files = written = 0
    formats = dict.fromkeys(FORMATS, 0)
    lines: list[Release] = []  # the JSON Lines releases of the current block

    def write(index: int, fmt: str, content: str) -> None:
        nonlocal files, written
        data = content.encode("utf-8")
        with open(folder / release_path(index, fmt, width).partition("/")[2], "wb") as handle:
            handle.write(data)
        files += 1
        written += len(data)

    for index in range(start, stop):
        if index % JSONL_BLOCK == 0 and lines:
            write(lines[0].index, "jsonl", "".join(r.content + "\n" for r in lines))
            lines.clear()
        item = generate(seed, index)
        formats[item.format] += 1
        if item.format == "jsonl":
            lines.append(item)
        else:
            write(index, item.format, item.content)
    if lines:
        write(lines[0].index, "jsonl", "".join(r.content + "\n" for r in lines))
    return files, written, formats


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: write a corpus and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=1000, help="number of releases (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="seed (default 0): same seed, same bytes")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into (new or empty)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes writing side by side (default: one per CPU); the bytes do not depend on it")
    args = parser.parse_args(argv)
    try:
        stats = write_corpus(args.out, args.releases, args.seed, args.jobs)
    except (OSError, ValueError) as error:
        print(f"corpus.py: {error}", file=sys.stderr)
        return 2
    print(f"wrote:    {args.out}")
    print(stats.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
