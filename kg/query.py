"""SPARQL over a built graph: the named query library, parameters, and result formats.

Why: analysts ask the same questions again and again ("partners of an agency",
"arrests per country per year"); the library ships them as reviewed `.rq` files
with a comment saying what each answers and how it counts. Queries know the project's
prefixes without PREFIX lines (a query that declares its own wins), a named query takes
exactly the parameters it declares, bound as RDF terms (never pasted into the text), and
results print as an aligned table or Markdown with labels for people, CSV and TSV with
plain values and labels for spreadsheets and pipelines, or the W3C SPARQL 1.1 JSON results
for programs.
"""
from __future__ import annotations

import csv
import difflib
import io
import json
import re
import textwrap
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from kg.errors import OpgraphError
from kg.model import Kind, model
from kg.resources import ontology_path
from kg.serialize import prefixes as project_prefixes
from kg.store import FileSource, QuerySyntaxError, query_form

XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
XSD_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
LABEL_QUERY = """SELECT ?s ?label ?rank WHERE {
  VALUES ?s { %s }
  { ?s skos:prefLabel ?label BIND(0 AS ?rank) } UNION { ?s foaf:name ?label BIND(1 AS ?rank) }
  UNION { ?s rdfs:label ?label BIND(2 AS ?rank) } UNION { ?s dcterms:title ?label BIND(3 AS ?rank) }
  UNION { ?s opg:codename ?label BIND(4 AS ?rank) }
}"""
CONCEPT_LABELS = """SELECT ?concept (MIN(STR(?label)) AS ?label) WHERE {
  ?concept a skos:Concept ; skos:prefLabel ?label .
  FILTER(LANGMATCHES(LANG(?label), "en") || LANG(?label) = "")
} GROUP BY ?concept"""
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                 "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}


class QueryError(OpgraphError):
    """A query could not be found, read or given its parameters."""


def prefixes() -> dict[str, str]:
    """The prefixes every query knows without declaring them."""
    return {p: str(ns) for p, ns in project_prefixes().items()}


@dataclass(frozen=True)
class NamedQuery:
    """A query of the shipped library: what it answers, its parameters, its text.

    `kinds` maps a parameter to the kind of thing it names ("Agency", "Country",
    "Operation", "OutcomeType"), declared as `# param: agency [Agency] ...`: such a value
    may be a name, and is looked up: replaced by the graph's IRIs before the query runs (`look_up`).
    """

    name: str
    description: str
    params: tuple[tuple[str, str], ...]
    text: str
    kinds: dict[str, str] = field(default_factory=dict)
    optional: frozenset[str] = frozenset()
    rule: str = ""

    def usage(self) -> str:
        """The parameters as `--list` and errors show them: `--param agency=...`, an optional
        one in brackets."""
        return " ".join(f"[--param {p}=...]" if p in self.optional else f"--param {p}=..."
                        for p, _ in self.params)


@cache
def named_queries() -> dict[str, NamedQuery]:
    """The shipped queries by name (kg/queries/NAME.rq), read once: `kg query --name` asks for
    the text and then the parameter kinds of the same query."""
    found = {}
    for entry in sorted(files("kg.queries").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            name = entry.name[:-3]
            declared = _param_lines(text)
            found[name] = NamedQuery(name, _description(text),
                                     tuple((p, description) for p, _, description, _ in declared), text,
                                     {p: kind for p, kind, _, _ in declared if kind},
                                     frozenset(p for p, _, _, optional in declared if optional),
                                     _rule(text))
    return found


def _description(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("#") and not line.lstrip("# ").lower().startswith("param"):
            return line.lstrip("# ").strip()
    return ""


def _rule(text: str) -> str:
    """How a query counts, from its `# rule:` line and the indented comment lines under it
    (`#   ...`): `kg query --list` prints it under the question, so a total is never read
    without the rule that made it."""
    m = re.search(r"(?m)^#\s*rule:(.*(?:\n#   .*)*)", text)
    return " ".join(m.group(1).replace("\n#", " ").split()) if m else ""


def _param_lines(text: str) -> list[tuple[str, str | None, str, bool]]:
    """(name, kind or None, description, optional) of each `# param: name [Kind] description`
    line; a description that starts with "(optional)" makes the parameter optional."""
    found = []
    for m in re.finditer(r"(?m)^#\s*param:\s*(\w+)\s*(?:\[(\w+)\])?\s*(.*)$", text):
        if m.group(2) and m.group(2) not in LOOK_UPS:
            raise QueryError(f"parameter {m.group(1)}: unknown kind [{m.group(2)}]; "
                             f"known: {', '.join(sorted(LOOK_UPS))}")
        description = m.group(3).strip()
        found.append((m.group(1), m.group(2), description, description.startswith("(optional)")))
    return found


def named(name: str) -> NamedQuery:
    """One shipped query, or an error listing the known names."""
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no query named {name!r}; known: {', '.join(queries)}")
    return queries[name]


def check_params(query: NamedQuery, given: Collection[str]) -> None:
    """An error naming the query's parameters when one given is not declared (a misspelt
    `agnecy`) or a required one is missing. Why: an unbound variable means "all", so either
    mistake would answer another question ("every agency's partners") with exit 0."""
    declared = [p for p, _ in query.params]
    unknown = [p for p in dict.fromkeys(given) if p not in declared]
    missing = [p for p in declared if p not in given and p not in query.optional]
    if not unknown and not missing:
        return
    if unknown:
        close = difflib.get_close_matches(unknown[0], declared, n=1)
        problem = (f"has no parameter {', '.join(repr(p) for p in unknown)}"
                   + (f" (did you mean {close[0]!r}?)" if close else ""))
    else:
        problem = "needs " + ", ".join(f"--param {p}=..." for p in missing)
    takes = f"its parameters: {query.usage()}" if declared else "it takes no parameters"
    raise QueryError(f"query {query.name} {problem}; {takes}")


def listing(width: int) -> str:
    """`kg query --list`: each query on one line with its question and parameters (optional
    ones in brackets), and its counting rule, if it has one, wrapped under it."""
    shipped = named_queries()
    pad = max(len(n) for n in shipped) + 2
    lines = []
    for q in shipped.values():
        lines.append(f"{q.name.ljust(pad)}{q.description}" + (f" ({q.usage()})" if q.params else ""))
        if q.rule:
            lines += textwrap.wrap(f"Rule: {q.rule}", max(width, pad + 40), initial_indent=" " * (pad + 2),
                                   subsequent_indent=" " * (pad + 2))
    return "\n".join(lines)


def parse_param(assignment: str) -> tuple[str, ox.NamedNode | ox.Literal]:
    """'name=value' as a variable and an RDF term: <iri> or prefix:local is an IRI, a whole
    number an xsd:integer, anything else a plain string."""
    name, sep, value = assignment.partition("=")
    if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise QueryError(f"--param takes name=value, got {assignment!r}")
    if value.startswith("<") and value.endswith(">"):
        return name, ox.NamedNode(value[1:-1])
    prefix, colon, local = value.partition(":")
    known = prefixes()
    if colon and prefix in known and not local.startswith("//"):
        return name, ox.NamedNode(known[prefix] + local)
    if re.fullmatch(r"-?\d+", value):
        return name, ox.Literal(value, datatype=XSD_INTEGER)
    return name, ox.Literal(value)


Term = ox.NamedNode | ox.Literal
Found = ox.NamedNode | ox.Literal | ox.BlankNode | None  # a value in a row of results (None: unbound)

@dataclass(frozen=True)
class LookUp:
    """How a name given for a parameter of one kind is found: `sparql` binds ?name and returns
    the matching ?entity with ?rank 0 for a preferred label, 1 for another label or a code.
    `bind_all`: every match is bound (operations sharing a codename); otherwise the query is
    about one thing and a name that fits several is an error. `in_ontology`: the things are
    the ontology's concepts, not the graph's."""

    noun: str
    nouns: str
    sparql: str
    bind_all: bool = False
    in_ontology: bool = False


def by_labels(kind: Kind) -> LookUp:
    """The look-up of a kind of the model (kg/data/model.toml) by its preferred and other labels,
    and by its code where it has one (a country's "ES")."""
    code = f"\n  UNION {{ ?entity <{kind.code}> ?label BIND(1 AS ?rank) }}" if kind.code else ""
    return LookUp(kind.name, kind.plural, f"""SELECT DISTINCT ?entity ?rank WHERE {{
  {{ ?entity skos:prefLabel ?label BIND(0 AS ?rank) }} UNION {{ ?entity skos:altLabel ?label BIND(1 AS ?rank) }}{code}
  FILTER(LCASE(STR(?label)) = LCASE(?name))
  FILTER EXISTS {{ ?entity a <{kind.cls}> }}
}}""")


# The class is tested with FILTER EXISTS on the few labels that match: as a join, pyoxigraph reads
# the type triple of every agency in every release graph first (1.4 s at a million triples).
LOOK_UPS: dict[str, LookUp] = {
    **{kind.parameter: by_labels(kind) for kind in model().kinds.values() if kind.parameter},
    "Operation": LookUp("operation", "operations", """SELECT DISTINCT ?entity (0 AS ?rank) WHERE {
  ?entity opg:codename ?label .
  FILTER(REPLACE(LCASE(STR(?label)), "^operation\\\\s+", "") = REPLACE(LCASE(?name), "^operation\\\\s+", ""))
}""", bind_all=True),
    "Item": LookUp("seized item", "seized items", """SELECT DISTINCT ?entity (0 AS ?rank) WHERE {
  ?outcome opg:item ?entity .
  FILTER(LCASE(STR(?entity)) = LCASE(?name) || LCASE(STR(?entity)) = CONCAT(LCASE(?name), "s"))
}""", bind_all=True),
    "Entity": LookUp("agency, country, operation or official", "things", """SELECT DISTINCT ?entity ?rank WHERE {
  { ?entity skos:prefLabel ?label BIND(0 AS ?rank) } UNION { ?entity skos:altLabel ?label BIND(1 AS ?rank) }
  UNION { ?entity opg:countryCode ?label BIND(1 AS ?rank) } UNION { ?entity foaf:name ?label BIND(0 AS ?rank) }
  UNION { ?entity opg:codename ?label BIND(0 AS ?rank) }
  FILTER(LCASE(STR(?label)) = LCASE(?name)
         || REPLACE(LCASE(STR(?label)), "^operation\\\\s+", "") = REPLACE(LCASE(?name), "^operation\\\\s+", ""))
}""", bind_all=True),
    "OutcomeType": LookUp("outcome type", "outcome types", """SELECT DISTINCT ?entity (0 AS ?rank) WHERE {
  ?entity skos:inScheme opg:OutcomeTypes ; skos:prefLabel ?label .
  FILTER(LCASE(STR(?label)) = LCASE(?name) || LCASE(REPLACE(STR(?entity), "^.*[#/]", "")) = LCASE(?name))
}""", in_ontology=True),
}


def look_up(source, params: dict[str, Term], kinds: dict[str, str]) -> dict[str, list[Term]]:
    """Each parameter's values: a name given for a parameter of a declared kind becomes the
    IRIs of the things called so (see LOOK_UPS); an IRI, or a parameter of no kind, is kept.

    Why: a name matched inside the query (a case-insensitive label FILTER) makes the store join
    everything first and test the label last: seconds to tens of seconds at a million triples,
    where the same query starting from the IRI takes a tenth of a second. Looking up first also
    turns a misspelt name into a clear error rather than an empty answer. (Parameter look-up,
    not entity resolution: that is kg.resolve, at build time.)
    """
    bound: dict[str, list[Term]] = {}
    for name, value in params.items():
        if name not in kinds or isinstance(value, ox.NamedNode):
            bound[name] = [value]
            continue
        rule = LOOK_UPS[kinds[name]]
        where = _ontology() if rule.in_ontology else source
        found = run(where, rule.sparql, {"name": [ox.Literal(value.value)]})
        ranked = sorted(_match(name, value, entity, rank) for entity, rank in found.rows)
        if not ranked:
            raise QueryError(f"--param {name}: no {rule.noun} in the graph is called {value.value!r}")
        if rule.bind_all:
            bound[name] = [term for _, term in ranked]
            continue
        best = [term for (rank, _), term in ranked if rank == ranked[0][0][0]]
        if len(best) > 1:
            names = labels(where, [best])
            choices = "; ".join(f"{term} ({names.get(term.value, '?')})" for term in best)
            raise QueryError(f"--param {name}: {value.value!r} names {len(best)} {rule.nouns}: "
                             f"{choices}; give one by its IRI")
        bound[name] = best
    return bound


def _match(name: str, value: Term, entity: Found, rank: Found) -> tuple[tuple[int, str], Term]:
    """A thing a look-up found, as ((rank, IRI), term). A blank node cannot be bound (VALUES
    takes IRIs and literals): an error that says so, not the query's syntax error."""
    if not isinstance(entity, (ox.NamedNode, ox.Literal)):
        raise QueryError(f"--param {name}: {value.value!r} names a blank node ({entity}); only an IRI or a "
                         "literal can be bound to a parameter")
    assert isinstance(rank, ox.Literal)  # every look-up query binds ?rank to a number
    return (int(rank.value), str(entity)), entity


@cache
def _ontology():
    """The ontology as a query source (read once), for the kinds that are its concepts."""
    return FileSource([ontology_path()])


@dataclass
class Outcome:
    """What a query gave: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[list[Found]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)


def check_syntax(sparql: str) -> str:
    """The query form ('select', 'ask', 'graph'), or QuerySyntaxError naming line and column."""
    try:
        return query_form(sparql, prefixes())
    except QuerySyntaxError as exc:
        raise QuerySyntaxError(_readable_syntax_error(str(exc))) from exc


def _readable_syntax_error(message: str) -> str:
    m = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not m:
        return f"query syntax: {message}"
    detail = " ".join(m.group(3).split())
    if len(detail) > 160:
        detail = detail[:157] + "..."
    return f"query syntax error at line {m.group(1)}, column {m.group(2)}: {detail}"


def run(source, sparql: str, params: Mapping[str, Term | list[Term]] | None = None) -> Outcome:
    """Run a query on a source (see kg.store) and collect what it gave; each parameter is
    bound to its value, or to each of a list of values in turn."""
    form = check_syntax(sparql)
    result = source.query(sparql, prefixes(), params or {})
    if isinstance(result, (ox.QueryBoolean, bool)):
        return Outcome("ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [[solution[v] for v in variables] for solution in result]
        return Outcome("select", variables, rows)
    return Outcome("graph" if form == "graph" else form,
                   triples=[t if isinstance(t, ox.Triple) else ox.Triple(*t) for t in result])


def labels(source, rows) -> dict[str, str]:
    """A readable label for each IRI in the rows: skos:prefLabel, foaf:name, rdfs:label or title;
    for a concept of the ontology the graph does not label (a crime area, an outcome type), its
    English skos:prefLabel in the ontology ("Child sexual abuse", not opg:ChildSexualAbuse)."""
    iris = sorted({term.value for row in rows for term in row if isinstance(term, ox.NamedNode)})
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(iris), 500):
        chunk = " ".join(str(ox.NamedNode(i)) for i in iris[start:start + 500])
        result = source.query(LABEL_QUERY % chunk, prefixes(), {})
        for solution in result:
            iri, label, rank = solution["s"].value, solution["label"].value, int(solution["rank"].value)
            if iri not in found or (rank, label) < found[iri]:
                found[iri] = (rank, label)
    names = {iri: label for iri, (_, label) in found.items()}
    concepts = _concept_labels()
    names.update({iri: concepts[iri] for iri in iris if iri not in names and iri in concepts})
    return names


@cache
def _concept_labels() -> dict[str, str]:
    """The English skos:prefLabel of each concept of the ontology (read once). Why: the graph
    links operations to crime areas and outcomes to outcome types by IRI, and their labels are
    data of the ontology, which a built graph does not carry."""
    found = _ontology().query(CONCEPT_LABELS, prefixes(), {})
    return {row["concept"].value: row["label"].value for row in found}


def shown(term, names: dict[str, str]) -> str:
    """A term as a person reads it: a label, a prefixed name, or the literal's text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        if term.value in names:
            return names[term.value]
        for prefix, iri in prefixes().items():
            local = term.value[len(iri):]
            if term.value.startswith(iri) and re.fullmatch(r"[\w.-]*", local):
                return f"{prefix}:{local}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def table(outcome: Outcome, names: dict[str, str], width: int) -> str:
    """An aligned text table, cells cut with '…' so each line fits `width` characters."""
    cells = [[shown(t, names).replace("\n", " ") for t in row] for row in outcome.rows]
    widths = [max([len(v)] + [len(r[k]) for r in cells]) for k, v in enumerate(outcome.variables)]
    budget = max(width - 2 * (len(widths) - 1), len(widths) * 4)
    while sum(widths) > budget and max(widths) > 4:
        widths[widths.index(max(widths))] -= 1

    def line(values: list[str]) -> str:
        return "  ".join(_cut(v, w).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(outcome.variables), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out)


def _cut(value: str, width: int) -> str:
    return value if len(value) <= width else value[:width - 1] + "…"


def markdown(outcome: Outcome, names: dict[str, str]) -> str:
    """A Markdown table with the same readable cells as the text table."""
    def row(values: list[str]) -> str:
        return "| " + " | ".join(v.replace("|", "\\|").replace("\n", " ") for v in values) + " |"

    out = [row(outcome.variables), "| " + " | ".join("---" for _ in outcome.variables) + " |"]
    out += [row([shown(t, names) for t in r]) for r in outcome.rows]
    return "\n".join(out)


def results_csv(outcome: Outcome, names: dict[str, str]) -> str:
    """CSV for spreadsheets: the W3C SPARQL 1.1 results CSV (IRIs and literal values as plain
    text), with a NAMELabel column after each column of IRIs (see `readable`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header, rows = readable(outcome, names)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def results_tsv(outcome: Outcome, names: dict[str, str]) -> str:
    """TSV for shell pipelines: the cells of the CSV, tab-separated, with no quoting, so a tab or
    line break inside a value becomes a space. Not the W3C results TSV, whose typed terms
    (`"163"^^<http://www.w3.org/2001/XMLSchema#integer>`) a person or `cut` cannot use as they are."""
    header, rows = readable(outcome, names)
    lines = ["\t".join(header)]
    lines += ["\t".join(re.sub(r"[\t\r\n]", " ", cell) for cell in row) for row in rows]
    return "\n".join(lines) + "\n"


def readable(outcome: Outcome, names: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """The header and cells of CSV and TSV: each value as plain text (an IRI whole, a literal
    without quotes or datatype), and after each column that holds an IRI a NAMELabel column with
    what the table shows for it (a label, else a prefixed name). Why: a spreadsheet needs the IRI
    to join on and the label to read; the table alone has only the label, JSON only the IRI."""
    rows = outcome.rows
    labelled = [any(isinstance(r[k], ox.NamedNode) for r in rows) and f"{v}Label" not in outcome.variables
                for k, v in enumerate(outcome.variables)]
    header = [name for v, with_label in zip(outcome.variables, labelled, strict=True)
              for name in ([v, f"{v}Label"] if with_label else [v])]
    cells = [[cell for term, with_label in zip(r, labelled, strict=True)
              for cell in ([_plain(term), shown(term, names)] if with_label else [_plain(term)])]
             for r in rows]
    return header, cells


def _plain(term) -> str:
    if term is None:
        return ""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def results_json(outcome: Outcome) -> str:
    """W3C SPARQL 1.1 Query Results JSON (a boolean for ASK)."""
    if outcome.form == "ask":
        return json.dumps({"head": {}, "boolean": outcome.boolean}, indent=2)
    bindings = []
    for r in outcome.rows:
        binding = {}
        for var, term in zip(outcome.variables, r, strict=True):
            if term is not None:
                binding[var] = _json_term(term)
        bindings.append(binding)
    return json.dumps({"head": {"vars": outcome.variables}, "results": {"bindings": bindings}},
                      indent=2, ensure_ascii=False)


def _json_term(term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def graph_text(outcome: Outcome, fmt: str) -> str:
    """CONSTRUCT or DESCRIBE results as Turtle, N-Triples, N-Quads or JSON-LD."""
    rdf_format = GRAPH_FORMATS[fmt]
    data = [ox.Quad(t.subject, t.predicate, t.object) for t in outcome.triples] \
        if fmt in ("nq", "jsonld") else outcome.triples
    # opgid: would need escaped slashes in local names ("opgid:agency\/europol"): full IRIs read better.
    declared = {p: i for p, i in prefixes().items() if p != "opgid"} if fmt == "turtle" else None
    return (ox.serialize(data, format=rdf_format, prefixes=declared) or b"").decode("utf-8")


def read_query_file(path: Path) -> str:
    """A query from a file, with a clear error when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"{path}: cannot read the query: {exc.strerror or exc}") from exc
