"""The argument parser: one-line usage errors, number types and the options commands share.

Each shared option (or group of options) is declared once, as a small parent parser; a command
lists the parents it takes, in the order its ``--help`` shows them, next to parents of its own
(see :func:`options`), and :func:`build_parser` merges them into its sub-parser.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from .. import __version__
from .._imageread import MAX_PIXELS as DEFAULT_MAX_PIXELS
from .errors import EXIT_USAGE

PROG = "python -m fastkmeans"

EPILOG = """\
With no command, runs the demo: segments an embedded photograph into 16 colours on all pixels
and on a coreset, writes the images into ./fastkmeans-demo/ and prints a comparison table.

examples:
  python -m fastkmeans
  python -m fastkmeans segment photo.jpg -k 8 -o photo-8.png
  python -m fastkmeans sweep photo.jpg --k 2,4,8,16,32 --plot elbow.png
  python -m fastkmeans fit points.csv -k 5 -o centers.npy
  python -m fastkmeans coreset-check points.npy -k 5 -m 400 --method lightweight
"""


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors (no usage dump) and exit status 2."""

    def error(self, message: str):
        sys.stderr.write(f"fastkmeans: error: {message} (see '{self.prog} --help')\n")
        self.exit(EXIT_USAGE)


# -- types ---------------------------------------------------------------------------------


def _number_type(convert: Callable, is_valid: Callable, rule: str) -> Callable:
    """An argparse ``type``: ``convert`` the text, then require ``is_valid``; else say ``rule``."""

    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            value = None
        if value is None or not is_valid(value):
            raise argparse.ArgumentTypeError(f"must be {rule}, got {text!r}")
        return value

    return parse


positive_int = _number_type(int, lambda v: v >= 1, "a positive integer")
non_negative_int = _number_type(int, lambda v: v >= 0, "an integer >= 0")
non_negative_float = _number_type(
    float, lambda v: math.isfinite(v) and v >= 0, "a finite number >= 0"
)


def k_list(text: str) -> list[int]:
    """Positive integers separated by commas, sorted, without repeats."""
    values = []
    for part in text.split(","):
        try:
            values.append(positive_int(part.strip()))
        except argparse.ArgumentTypeError:
            raise argparse.ArgumentTypeError(
                f"must be positive integers separated by commas, e.g. 2,4,8,16, got {text!r}"
            ) from None
    return sorted(set(values))


# -- shared options ------------------------------------------------------------------------


# Rules without a threshold: the elbow, or the best of a score.
SCORE_RULES = ("elbow", "silhouette", "davies-bouldin", "calinski-harabasz")
_SIZE_UNITS = {"": 1, "B": 1, "KB": 1000, "MB": 1000**2, "KIB": 1024, "MIB": 1024**2}


def select_rule(text: str) -> tuple[str, float | None]:
    """How ``sweep`` picks k: ``elbow``, ``silhouette``, ``davies-bouldin``,
    ``calinski-harabasz``, ``psnr:DB``, ``ssim:S`` or ``size:BYTES`` (with an optional KB, MB,
    KiB or MiB suffix)."""
    name, _, value = text.partition(":")
    name = name.strip().lower()
    rule = (
        "elbow, silhouette, davies-bouldin, calinski-harabasz, psnr:DB (e.g. psnr:32), "
        "ssim:S (e.g. ssim:0.95) or size:BYTES (e.g. size:200KB)"
    )
    if name in SCORE_RULES and not value:
        return name, None
    if name in ("psnr", "ssim", "size") and value:
        return name, _threshold(name, value.strip(), text)
    raise argparse.ArgumentTypeError(f"must be {rule}, got {text!r}")


# What each threshold must be, and the range its number must lie in.
_THRESHOLD_RULES = {
    "psnr": ("a PSNR in dB above 0, e.g. psnr:32", 0.0, float("inf")),
    "ssim": ("an SSIM in (0, 1], e.g. ssim:0.95", 0.0, 1.0),
    "size": ("a size of at least 1 byte (units B, KB, MB, KiB, MiB), e.g. size:200KB", 1.0, None),
}


def _threshold(name: str, value: str, text: str) -> float:
    what, low, high = _THRESHOLD_RULES[name]
    number = value.upper()
    if name == "psnr":
        number = number.removesuffix("DB")  # psnr:32dB
    digits = number.rstrip("KMIB")
    unit = number[len(digits) :]
    if unit and (name != "size" or unit not in _SIZE_UNITS):
        raise argparse.ArgumentTypeError(f"{name}: takes {what}; got {text!r} (unit {unit!r})")
    try:
        threshold = float(digits) * _SIZE_UNITS[unit]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{name}: takes {what}; got {text!r}") from None
    too_low = not threshold > low if name != "size" else not threshold >= low
    if too_low or threshold == float("inf") or (high is not None and threshold > high):
        raise argparse.ArgumentTypeError(f"{name}: takes {what}; got {text!r}")
    return threshold


def option_conflict(args: argparse.Namespace) -> str | None:
    """A rule between two options that their own types cannot check, broken; else None."""
    size, k = getattr(args, "coreset_size", None), getattr(args, "k", None)
    if size is not None and isinstance(k, int) and size < k:
        return f"--coreset-size {size} must be at least -k {k}: a coreset needs a point per cluster"
    return None


def options() -> argparse.ArgumentParser:
    """An empty parent parser, for a group of options merged into commands."""
    return argparse.ArgumentParser(add_help=False)


INPUT_IMAGE = options()
INPUT_IMAGE.add_argument("input", metavar="IN", help="input image")

INPUT_DATA = options()
INPUT_DATA.add_argument("data", metavar="DATA", help="data file (.npy or .csv)")

N_CLUSTERS = options()
N_CLUSTERS.add_argument(
    "-k",
    "--n-clusters",
    dest="k",
    type=positive_int,
    required=True,
    metavar="K",
    help="number of clusters",
)

SEED = options()
SEED.add_argument("--seed", type=non_negative_int, default=0, help="random seed (default 0)")

ITERATIONS = options()
ITERATIONS.add_argument(
    "--max-iter",
    type=positive_int,
    default=300,
    metavar="N",
    help="Lloyd iterations at most (default 300)",
)
ITERATIONS.add_argument(
    "--tol",
    type=non_negative_float,
    default=1e-4,
    metavar="T",
    help="stopping tolerance relative to the data's variance (default 1e-4)",
)

MAX_PIXELS = options()
MAX_PIXELS.add_argument(
    "--max-pixels",
    type=positive_int,
    default=DEFAULT_MAX_PIXELS,
    metavar="N",
    help=f"refuse an input image of more than N pixels, checked before decoding it "
    f"(default 2**27 = {DEFAULT_MAX_PIXELS:,})",
)

JSON = options()
JSON.add_argument("--json", action="store_true", help="print one JSON object instead of text")

QUIET = options()
QUIET.add_argument("-q", "--quiet", action="store_true", help="no progress notices on stderr")

COLOR_SPACE = options()
COLOR_SPACE.add_argument(
    "--color-space",
    choices=("rgb", "lab"),
    default="rgb",
    help="clustering space (default rgb)",
)


# -- the parser ----------------------------------------------------------------------------


def build_parser(commands: Sequence[ModuleType]) -> Parser:
    """The parser of ``python -m fastkmeans``, with one sub-command per module of ``commands``.

    A command module defines ``NAME``, ``HELP``, ``DESCRIPTION``, ``EPILOG``, ``PARENTS`` (its
    options, in order) and ``run(args)``; ``args.run`` is set to the chosen command's ``run``.
    """
    formatter = argparse.RawDescriptionHelpFormatter
    parser = Parser(
        prog=PROG,
        description="Fast k-means: image segmentation, clustering and coreset checks.",
        epilog=EPILOG,
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"fastkmeans {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in commands:
        sub = subparsers.add_parser(
            command.NAME,
            parents=command.PARENTS,
            help=command.HELP,
            description=command.DESCRIPTION,
            epilog=command.EPILOG,
            formatter_class=formatter,
        )
        sub.set_defaults(run=command.run)
    return parser
