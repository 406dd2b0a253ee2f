"""Benchmarks behind `make bench`: each module here has a `main()` that prints its figures."""
