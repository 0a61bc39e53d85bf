"""The Query root's fields, one module per domain (merged in schema/query.py)."""
