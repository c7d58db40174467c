"""Checks on the curated reference data in kg/reference/data/.

Why: the resolver trusts these files blindly (ids become IRIs, countries become
opg:basedIn, names become labels and match keys), so a typo here silently corrupts
every graph built afterwards. Each test reads the files as the shipped package does
and states one property a hand edit can break.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import pycountry
import pytest

DATA = Path(str(files("kg.reference") / "data"))

AGENCY_HEADER = ["id", "name", "native_names", "abbreviations", "aliases",
                 "country", "kind", "parent", "wikidata"]
COUNTRY_HEADER = ["code", "form", "kind"]
SHARED_HEADER = ["form", "reason"]
LIST_COLUMNS = ("native_names", "abbreviations", "aliases")
NAME_COLUMNS = ("name",) + LIST_COLUMNS
AGENCY_KINDS = {
    "police", "criminal-police", "gendarmerie", "customs", "border", "prosecution",
    "judiciary", "ministry", "regulator", "intelligence", "financial-intelligence",
    "international", "eu-agency", "unit", "other",
}
COUNTRY_FORM_KINDS = {"name", "native", "demonym", "region"}
# Kosovo: user-assigned in ISO 3166 but used by the EU and by Europol releases.
EXTRA_CODES = {"XK"}
ISO_CODES = {c.alpha_2 for c in pycountry.countries}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID = re.compile(r"^Q[0-9]+$")


def read_tsv(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def split_list(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def fold(text: str) -> str:
    """The comparison key a matcher may reasonably use: no case, accents or quote style."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("\u2019", "'").replace("\u2018", "'").casefold()


@pytest.fixture(scope="module")
def agencies() -> list[dict[str, str]]:
    return read_tsv("agencies.tsv")[1]


@pytest.fixture(scope="module")
def country_rows() -> list[dict[str, str]]:
    return read_tsv("country_names.tsv")[1]


@pytest.fixture(scope="module")
def shared_forms() -> set[str]:
    return {fold(r["form"]) for r in read_tsv("shared_names.tsv")[1]}


# --- headers -----------------------------------------------------------------

@pytest.mark.parametrize("name, header", [
    ("agencies.tsv", AGENCY_HEADER),
    ("country_names.tsv", COUNTRY_HEADER),
    ("shared_names.tsv", SHARED_HEADER),
])
def test_header_is_exact(name, header):
    assert read_tsv(name)[0] == header


@pytest.mark.parametrize("name, width", [
    ("agencies.tsv", len(AGENCY_HEADER)),
    ("country_names.tsv", len(COUNTRY_HEADER)),
    ("shared_names.tsv", len(SHARED_HEADER)),
])
def test_every_line_has_the_header_width(name, width):
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.endswith("\n")
    bad = [(n, line) for n, line in enumerate(text.splitlines(), 1)
           if len(line.split("\t")) != width]
    assert bad == []


@pytest.mark.parametrize("name", ["agencies.tsv", "country_names.tsv", "shared_names.tsv"])
def test_no_quotes_or_control_characters(name):
    # QUOTE_NONE means a stray quote is data; a soft hyphen or NBSP never is.
    text = (DATA / name).read_text(encoding="utf-8")
    bad = sorted({c for c in text if c in '"\r\u00ad\u00a0\u200b\ufeff'})
    assert bad == []


# --- agencies ----------------------------------------------------------------

def test_agencies_ids_unique_and_slug_shaped(agencies):
    ids = [r["id"] for r in agencies]
    assert [i for i in ids if not SLUG.match(i)] == []
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert dupes == []


def test_agencies_have_names(agencies):
    assert [r["id"] for r in agencies if not r["name"].strip()] == []


def test_agencies_country_is_iso_alpha2(agencies):
    bad = [(r["id"], r["country"]) for r in agencies
           if r["country"] and r["country"] not in ISO_CODES | EXTRA_CODES]
    assert bad == []


def test_international_bodies_have_no_country(agencies):
    bad = [r["id"] for r in agencies
           if r["kind"] in {"international", "eu-agency"} and r["country"]]
    assert bad == []


def test_agencies_kind_allowed(agencies):
    assert [(r["id"], r["kind"]) for r in agencies if r["kind"] not in AGENCY_KINDS] == []


def test_agencies_parent_exists_and_is_not_self(agencies):
    ids = {r["id"] for r in agencies}
    bad = [(r["id"], r["parent"]) for r in agencies
           if r["parent"] and (r["parent"] not in ids or r["parent"] == r["id"])]
    assert bad == []


def test_agencies_parent_chains_terminate(agencies):
    parent = {r["id"]: r["parent"] for r in agencies}
    for start in parent:
        seen, node = set(), start
        while parent.get(node):
            assert node not in seen, f"cycle through {start}"
            seen.add(node)
            node = parent[node]


def test_units_have_a_parent(agencies):
    assert [r["id"] for r in agencies if r["kind"] == "unit" and not r["parent"]] == []


def test_agencies_wikidata_shape(agencies):
    bad = [(r["id"], r["wikidata"]) for r in agencies
           if r["wikidata"] and not QID.match(r["wikidata"])]
    assert bad == []


def test_agencies_wikidata_unique(agencies):
    qids = [r["wikidata"] for r in agencies if r["wikidata"]]
    assert sorted({q for q in qids if qids.count(q) > 1}) == []


def test_agencies_no_stray_whitespace(agencies):
    bad = []
    for r in agencies:
        for col, cell in r.items():
            if cell != cell.strip():
                bad.append((r["id"], col, cell))
        for col in LIST_COLUMNS:
            for item in split_list(r[col]):
                if not item or item != item.strip() or "  " in item:
                    bad.append((r["id"], col, item))
    assert bad == []


def test_agencies_no_empty_list_items(agencies):
    bad = [(r["id"], col) for r in agencies for col in LIST_COLUMNS
           if r[col] and "" in r[col].split("|")]
    assert bad == []


def test_no_name_shared_across_countries(agencies, shared_forms):
    """A form that names bodies of two countries must be declared in shared_names.tsv."""
    owners: dict[str, set[str]] = defaultdict(set)
    for r in agencies:
        for col in NAME_COLUMNS:
            for item in split_list(r[col]) if col != "name" else [r["name"]]:
                owners[fold(item)].add(r["country"] or "international")
    clashes = sorted(f for f, countries in owners.items()
                     if len(countries) > 1 and f not in shared_forms)
    assert clashes == []


def test_shared_names_are_really_shared(agencies, shared_forms):
    """Every declared exception must still be needed (so the list does not rot)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for r in agencies:
        for col in NAME_COLUMNS:
            for item in split_list(r[col]) if col != "name" else [r["name"]]:
                owners[fold(item)].add(r["country"] or "international")
    stale = sorted(f for f in shared_forms if len(owners.get(f, ())) < 2)
    assert stale == []


def test_shared_names_have_reasons():
    rows = read_tsv("shared_names.tsv")[1]
    assert [r["form"] for r in rows if not r["reason"].strip()] == []


def test_abbreviations_are_not_plain_lowercase_words(agencies):
    # Abbreviations are matched case-sensitively; an all-lowercase one would match prose.
    allowed = {"fedpol"}
    bad = [(r["id"], a) for r in agencies for a in split_list(r["abbreviations"])
           if a.islower() and a not in allowed]
    assert bad == []


def test_key_bodies_present(agencies):
    ids = {r["id"] for r in agencies}
    for needed in ("europol", "europol-ec3", "eurojust", "interpol", "frontex",
                   "es-policia-nacional", "es-guardia-civil", "gb-nca", "us-fbi"):
        assert needed in ids


# --- country names -------------------------------------------------------------

def test_country_codes_are_iso_alpha2(country_rows):
    bad = [(r["code"], r["form"]) for r in country_rows
           if r["code"] not in ISO_CODES | EXTRA_CODES]
    assert bad == []


def test_country_form_kind_allowed(country_rows):
    bad = [(r["code"], r["form"], r["kind"]) for r in country_rows
           if r["kind"] not in COUNTRY_FORM_KINDS]
    assert bad == []


def test_country_forms_not_empty_nor_padded(country_rows):
    bad = [(r["code"], r["form"]) for r in country_rows
           if not r["form"] or r["form"] != r["form"].strip() or "|" in r["form"]]
    assert bad == []


def test_every_iso_country_has_a_demonym(country_rows):
    with_demonym = {r["code"] for r in country_rows if r["kind"] == "demonym"}
    missing = sorted((ISO_CODES | EXTRA_CODES) - with_demonym)
    assert missing == []


def test_country_form_points_to_one_country(country_rows):
    owners: dict[str, set[str]] = defaultdict(set)
    for r in country_rows:
        owners[fold(r["form"])].add(r["code"])
    assert sorted(f for f, codes in owners.items() if len(codes) > 1) == []


def test_country_form_does_not_name_another_iso_country(country_rows):
    iso_names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                iso_names[fold(value)] = c.alpha_2
    bad = [(r["code"], r["form"]) for r in country_rows
           if iso_names.get(fold(r["form"]), r["code"]) != r["code"]]
    assert bad == []


def test_country_rows_unique(country_rows):
    # Exact repeats only: accent-less variants ("Curacao") are deliberate extra forms.
    keys = [(r["code"], r["form"], r["kind"]) for r in country_rows]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


def test_names_read_in_lower_case_name_curated_bodies():
    from kg.reference import DATA_DIR, load_agencies
    from kg.tsv import read_tsv
    agencies = load_agencies()
    rows = read_tsv(DATA_DIR / "lower_case_names.tsv", ["form", "id", "why"])
    assert rows and all(r["id"] in agencies and r["form"] == r["form"].lower() and r["why"] for r in rows)
