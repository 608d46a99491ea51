"""Helpers the tests share (databases on either engine, the CLI, factories, the keyboard);
fixtures live in the conftest.py files."""
