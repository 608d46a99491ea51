"""`python -m gestco COMMAND`: the admin commands, without Qt."""

import sys

from gestco.cli import main

if __name__ == "__main__":
    sys.exit(main())
