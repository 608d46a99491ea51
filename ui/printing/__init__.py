"""The documents on paper: laid out and painted with Qt (the content: gestco.services.paper)."""
