"""unionxl: collect, check and consolidate Vietnamese trade-union Excel workbooks.

The library's entry points (see README, "Dùng như thư viện / as a library"):

    run(folder, unit=None, previous=None, jobs=None, progress=None) -> Result
    rollup(folder, unit_name=None, superior_name=None, previous=None, jobs=None, progress=None) -> Result
    check_file(path, unit, display=None) -> Result
"""

__version__ = "0.1.0"

__all__ = ["Result", "UsageError", "check_file", "rollup", "run", "__version__"]

_EXPORTS = {"run": "pipeline", "rollup": "pipeline", "check_file": "pipeline", "UsageError": "pipeline",
            "Result": "result"}


def __getattr__(name: str):
    # Imported on first use: `unionxl --help` and the reading workers do not pay for the whole pipeline.
    if name in _EXPORTS:
        from importlib import import_module

        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'unionxl' has no attribute {name!r}")
