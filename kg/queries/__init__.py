"""The named SPARQL queries shipped with opgraph, one .rq file each (see kg/query.py)."""
