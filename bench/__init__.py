"""Benchmarks of the gateway against the raw drivers on the seeded demo dataset.

Plain scripts, not tests: `python -m bench.run` (see BENCHMARKS.md). pytest only
collects `tests/`.
"""
