"""Benchmarks: load and timing harnesses (not part of `make test`)."""
