"""arq task entry points: each unpacks its payload, then orchestrates (jobs/tasks/lifecycle.py)."""
