"""Bringing knowledge in: curated files, reference data."""
