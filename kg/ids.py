"""The only place that mints IRIs.

Why: an identifier is a promise. Every IRI is derived from what defines the
thing's identity (a release's text, an agency's reference id or normalized name
and country, an operation's codename), never from input order, counters or
blank nodes, so the same input always gives the same graph and a graph diffs
cleanly in git. The readable part of an IRI is a safe ASCII slug; the part that
guarantees uniqueness is a hash. The one IRI taken from an input, a release's
web address, goes through `web_iri`, which gives only ASCII URIs that every RDF
syntax and parser accepts, whatever the source wrote.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import Namespace, URIRef

from kg.model import model

OPG = Namespace("https://w3id.org/opgraph/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")  # NIF 2.0 Core
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")  # ITS 2.0 in RDF: itsrdf:taIdentRef
DEFAULT_BASE = "https://w3id.org/opgraph/id/"

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_SAFE_BASE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#]$")
_WEB_ADDRESS = re.compile(r"(https?)://([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?\Z", re.IGNORECASE | re.DOTALL)
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?(?::[0-9]{{1,5}})?\Z")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# What RFC 3986 lets a path keep as it is (unreserved, sub-delims, ':', '@', '/', and '%'
# of an escape); a query and a fragment may also hold '?' (and the query '/').
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_QUERY_SAFE = _PATH_SAFE + "?"


def slug(text: str, limit: int = 48) -> str:
    """Lower-case ASCII words joined by '-', safe in any IRI ('Policía Nacional' -> 'policia-nacional')."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _SLUG_JUNK.sub("-", folded.lower()).strip("-")
    return words[:limit].rstrip("-")


def digest(*parts: str, length: int = 16) -> str:
    """A short hex hash of the identity parts (joined unambiguously)."""
    joined = "\x1f".join(parts).encode("utf-8")
    return hashlib.sha256(joined).hexdigest()[:length]


def normalize_name(name: str) -> str:
    """The form of a name used as identity: case, accents, punctuation and 'the' ignored."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = folded.replace("\u2019", "'").replace("&", " and ")
    folded = re.sub(r"'s\b", "", folded)
    words = re.sub(r"[^\w]+", " ", folded).split()
    return " ".join(w for w in words if w != "the")


def check_base(base: str) -> str:
    """Return `base` if it is an absolute IRI ending in '/' or '#' that the writers can write,
    else raise ValueError (before anything is read, rather than when the first IRI is written)."""
    from kg.writers import iri_problem

    if not _SAFE_BASE.match(base):
        raise ValueError(f"base IRI must be absolute and end with '/' or '#': {base!r}")
    problem = iri_problem(base)
    if problem:
        raise ValueError(f"base IRI cannot be written: {problem}: {base!r}")
    return base


def web_iri(url: str) -> str | None:
    """The URI of an http(s) web address, percent-encoded where RFC 3986 requires it (spaces,
    quotes, '<', '>', non-ASCII, stray '%'), or None when `url` is no such address (no host,
    a host that is not a domain name, another scheme).

    Why: a release's URL comes from the page or the exporter, and may hold anything;
    written as it is, one space or right-to-left mark makes an IRI that N-Quads, Turtle
    or a strict parser (oxigraph) refuses, and the whole graph file with it. A
    percent-encoded URI names the same page and is valid in every syntax.
    """
    match = _WEB_ADDRESS.match(url.strip())
    if match is None:
        return None
    scheme, authority, path, query, fragment = match.groups()
    host = authority.lower()
    if not _HOST.match(host):
        try:
            host = authority.encode("idna").decode("ascii").lower()  # an internationalized domain
        except UnicodeError:
            return None
        if not _HOST.match(host):
            return None

    def encoded(part: str | None, safe: str) -> str:
        part = _STRAY_PERCENT.sub("%25", part or "")
        return quote(part, safe=safe, encoding="utf-8", errors="surrogatepass")

    query_text = "?" + encoded(query[1:], _QUERY_SAFE) if query is not None else ""
    fragment_text = "#" + encoded(fragment[1:], _QUERY_SAFE) if fragment is not None else ""
    return f"{scheme.lower()}://{host}{encoded(path, _PATH_SAFE)}{query_text}{fragment_text}"


class Minter:
    """Mints the IRIs of one build under one base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = check_base(base)

    def _iri(self, kind: str, local: str) -> URIRef:
        return URIRef(f"{self.base}{kind}/{local}")

    def release(self, key: str) -> URIRef:
        """A release, from the hash of its whitespace-free text."""
        return self._iri("release", key[:16])

    def evidence_graph(self, key: str) -> URIRef:
        """The named graph of a release's evidence layer (see `evidence_graph_of`)."""
        return URIRef(evidence_graph_of(self.release(key)))

    def reference_graph(self) -> URIRef:
        """The named graph holding agency and country descriptions."""
        return self._iri("graph", "reference")

    def description_graph(self) -> URIRef:
        """The named graph holding the build's description of itself (VoID and DCAT, kg.description)."""
        return self._iri("graph", "description")

    def dataset(self, key: str) -> URIRef:
        """The dataset a build (or a merge) wrote, from the hash of its graphs' names and builds."""
        return self._iri("dataset", key)

    def dataset_part(self, key: str, kind: str, iri: str) -> URIRef:
        """A part of a dataset's description: its sources, or the partition of one class or
        property ('.../dataset/<key>/class/agency-<hash of the class IRI>')."""
        local = iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        return self._iri("dataset", f"{key}/{kind}" if kind == iri else f"{key}/{kind}/{keyed(local, iri)}")

    def node(self, kind: str, key: str) -> URIRef:
        """A node of a kind of the model (kg/data/model.toml) from its resolved key: an agency's
        reference id or minted key, a country's ISO code, an operation's codename or release."""
        declared = model().kinds[kind]
        if declared.concept:
            return OPG[key]
        if declared.segment is None:
            raise ValueError(f"a {kind} has no node of its own")
        return self._iri(declared.segment, key.upper() if declared.upper else key)

    def phrase(self, release_key: str, start: int, end: int) -> URIRef:
        """Words of a release by their offsets, in the manner of NIF's RFC 5147 strings
        ('.../release/0123456789abcdef/char=10,17'): a span is its own identity."""
        return self._iri("release", f"{release_key[:16]}/char={start},{end}")

    def statement(self, release_key: str, *triple: str) -> URIRef:
        """The statement node of one asserted triple in one release's graph."""
        return self._iri("statement", digest(release_key, *triple))

    def source(self, path: str, sha256: str) -> URIRef:
        """A source file: its path and the hash of its bytes."""
        return self._iri("source", digest(path, sha256))

    def build(self, *identity: str) -> URIRef:
        """A build activity, from its tool version, start time and the hashes of what it used."""
        return self._iri("build", digest(*identity))

    def software(self, version: str) -> URIRef:
        """The software agent of a build: opgraph at one version."""
        return self._iri("software", f"opgraph-{slug(version) or digest(version)}")

    def data(self, sha256: str) -> URIRef:
        """A set of data files a build used (reference data, shapes), by the hash of their bytes."""
        return self._iri("data", sha256[:16])


def evidence_graph_of(release: str) -> str:
    """The name of a release's evidence graph, from the release IRI ('.../release/<hash>/evidence'),
    written to evidence.nq only when asked for (`kg build --evidence`). Why one function: the
    build names the graph, and explain and merge find it from the release graph's name."""
    return f"{release}/evidence"


def keyed(label: str, *identity: str) -> str:
    """A key with a readable slug and a hash of its identity: 'west-midlands-police-1f2e...'."""
    readable = slug(label)
    hashed = digest(*identity, length=12)
    return f"{readable}-{hashed}" if readable else hashed
