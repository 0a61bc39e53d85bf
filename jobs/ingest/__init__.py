"""The document job's pure parts: what runs in the reading process, and store rows."""
