"""`python -m ui [--db PATH] [COMMAND ...]`: what the `gestco` console script runs."""

import sys

from ui.launcher import main

sys.exit(main())
