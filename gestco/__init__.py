"""GESTCO: order management for small shops. This package is the Qt-free core."""

__version__ = "0.1.0"
