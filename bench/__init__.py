"""Benchmarks, runnable as scripts (`python bench/models_bench.py`) and importable from the repository
root (`from bench import events_bench`), so the test suite and the benches share one scorer."""
