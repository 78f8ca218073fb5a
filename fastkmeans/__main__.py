"""``python -m fastkmeans``: the command line (see :mod:`fastkmeans.cli`)."""

import os
import sys

# This process belongs to the command line, so it may choose how idle OpenMP threads wait:
# passively, instead of spinning. On a busy machine spinning threads fight the working ones for
# cores (measured: a 94k-colour fit took 0.89 s with 2 spinning threads, 0.08 s passive); on an
# idle one the difference is a few microseconds per parallel pass. Must precede Numba's OpenMP
# start-up; an explicit setting in the environment wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from .cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
