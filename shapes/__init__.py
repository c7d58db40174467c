"""The SHACL shapes, shipped inside the package as `kg.shapes`."""
