"""Experiments over many runs: comparing arms (e.g. prompt or config treatments)."""
