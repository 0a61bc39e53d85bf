"""arq task entry points: each unpacks its state, then only orchestrates (the course and
export jobs through jobs/tasks/lifecycle.py)."""
