"""Where the files shipped with the package live (ontology, JSON-LD context, shapes).

Why: the ontology and shapes sit at the top of the repository for people to read,
and are mapped into the package as `kg.ontology` and `kg.shapes` so an installed
`kg` finds them without a network or a checkout.
"""
from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path


def ontology_path() -> Path:
    """The OWL ontology (Turtle)."""
    return Path(str(files("kg.ontology") / "opgraph.ttl"))


def context_path() -> Path:
    """The JSON-LD context used to compact graph.jsonld."""
    return Path(str(files("kg.ontology") / "context.jsonld"))


def data_path(name: str) -> Path:
    """A data file of kg itself (kg/data/NAME): the explain page's layout and palette."""
    return Path(str(files("kg") / "data" / name))


def shapes_path() -> Path:
    """The SHACL shapes every built graph must conform to."""
    return Path(str(files("kg.shapes") / "opgraph.shapes.ttl"))


@cache
def context() -> dict:
    """The JSON-LD context document, parsed once."""
    return json.loads(context_path().read_text(encoding="utf-8"))
