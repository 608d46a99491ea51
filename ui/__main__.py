"""`python -m ui [--db PATH] [COMMAND ...]`: what the `gestco` console script runs."""

import multiprocessing
import sys

from ui.launcher import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the demo's worker processes, in a frozen bundle
    sys.exit(main())
