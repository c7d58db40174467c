"""What kg.shacl understands: the SHACL terms it implements, and the error for any other.

Why: the engine must refuse a shapes graph using a feature it lacks rather than ignore it;
these sets are the one list of what it does implement, read when shapes are compiled.
"""
from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import SH, XSD

from kg.errors import ValidationRunError

Term = URIRef | BNode | Literal
Triple = tuple[Term, Term, Term]


class UnsupportedShapesError(ValidationRunError):
    """The shapes graph uses a SHACL feature this engine does not implement (or is malformed)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"shapes use {what}, which kg.shacl does not support; validate with "
                         "kg.validation (pySHACL) or extend kg.shacl and its agreement tests")
        self.what = what


TARGETS = {SH.targetClass, SH.targetObjectsOf}
PARAMETERS = {SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH["class"], SH.pattern,
              SH.minLength, SH.minInclusive, SH.maxInclusive, SH["in"], SH.hasValue, SH["or"],
              SH.lessThanOrEquals, SH.property}
SHAPE_INFO = {SH.path, SH.message, SH.severity, SH.deactivated}
DOCUMENTATION = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue}
SUPPORTED_PREDICATES = TARGETS | PARAMETERS | SHAPE_INFO | DOCUMENTATION | {SH.inversePath}
SUPPORTED_TYPES = {SH.NodeShape, SH.PropertyShape, SH.PropertyGroup}
NODE_KINDS = {
    SH.IRI: "I", SH.BlankNode: "B", SH.Literal: "L", SH.BlankNodeOrIRI: "BI",
    SH.BlankNodeOrLiteral: "BL", SH.IRIOrLiteral: "IL",
}
ALLOWED_SEVERITIES = {SH.Info, SH.Warning}  # kg.validation runs pySHACL with allow_warnings=True
WHOLE_INTEGERS = {XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.nonPositiveInteger,
                  XSD.negativeInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong,
                  XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte}
COMPONENT = {name: SH[name + "ConstraintComponent"] for name in (
    "MinCount", "MaxCount", "Datatype", "NodeKind", "Class", "Pattern", "MinLength",
    "MinInclusive", "MaxInclusive", "In", "HasValue", "Or", "LessThanOrEquals")}
