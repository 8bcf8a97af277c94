"""Frozen copies of earlier code, measured beside the current code."""
