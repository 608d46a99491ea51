"""GESTCO's PySide6 front end. Talks to the core through gestco.services only."""
