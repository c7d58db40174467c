"""The OWL ontology and JSON-LD context, shipped inside the package as `kg.ontology`."""
