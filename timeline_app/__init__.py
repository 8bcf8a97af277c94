"""Evidence Timeline: court chronologies for litigation teams."""

__version__ = "0.1.0"
