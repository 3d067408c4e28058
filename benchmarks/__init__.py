"""Benchmarks: figures, not pass/fail timings. `make bench` runs them all."""
