"""unionxl: collect, check and consolidate Vietnamese trade-union Excel workbooks."""

__version__ = "0.1.0"
