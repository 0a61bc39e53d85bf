"""Root fields over relational data answered by one SQL statement that builds the JSON
(docs/compiled-reads.md): selection.py maps a selection to a shape, read.py runs it."""
