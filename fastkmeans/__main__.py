"""``python -m fastkmeans``: the command line (see :mod:`fastkmeans.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
