"""Dialogs for rare or destructive actions."""
