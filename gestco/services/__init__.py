"""Use cases the screens and commands call. Inputs and outputs are plain values and
frozen dataclasses from gestco.domain; every write is one transaction."""
