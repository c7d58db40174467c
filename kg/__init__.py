"""opgraph: law-enforcement press releases to an RDF knowledge graph of police cooperation.

The stages are a Python API as well as a CLI:

    from kg import build, validate_file
    result = build(["releases/"], "out/")
    validate_file(Path("out/graph.nq")).conforms
"""
from kg.pipeline import BuildResult, build
from kg.validation import ValidationResult, validate, validate_file

__all__ = ["BuildResult", "ValidationResult", "build", "validate", "validate_file"]
__version__ = "0.1.0"
