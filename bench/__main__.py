"""Run every benchmark module in this package, in name order, or those named on the command line."""

import importlib
import pkgutil
import sys

import bench


def main(names: list[str]) -> None:
    """Import each benchmark module and call its `main()`."""
    available = sorted(
        module.name
        for module in pkgutil.iter_modules(bench.__path__)
        if not module.ispkg and not module.name.startswith("_")
    )
    for name in names or available:
        if name not in available:
            sys.exit(f"No benchmark {name!r}; there are: {', '.join(available)}")
        print(f"\n== {name} ==", flush=True)
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
