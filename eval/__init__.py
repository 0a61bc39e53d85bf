"""Quality evaluation of the knowledge pipeline on real textbook chapters (`make eval`)."""
