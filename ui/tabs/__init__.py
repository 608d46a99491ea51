"""Screens, one module per tab."""
