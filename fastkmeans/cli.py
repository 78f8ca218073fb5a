"""The command line: ``python -m fastkmeans [command] ...``.

Argument parsing, file input and output, progress notices and printing; the numerics live in
the library. A user error (missing or unreadable file, bad value, existing output) prints one
line ``fastkmeans: error: ...`` on stderr and exits with status 2; nothing is written unless
the command succeeds, outputs are replaced atomically, an existing output is kept unless
``--force`` is given, and the input is never overwritten.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.resources
import io
import json
import math
import os
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Sequence

import numpy as np

EXIT_OK = 0
EXIT_USAGE = 2

DEMO_DIR = "fastkmeans-demo"
DEMO_IMAGE = "coffee.png"
DEMO_CLUSTERS = 16
DEMO_CORESET = 1024
DATA_EXTENSIONS = (".npy", ".csv")
TABLE_EXTENSIONS = (".npy", ".csv", ".txt")


class UserError(Exception):
    """A problem with the user's input: reported as one line, exit status 2."""


# -- parsing -------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (no usage dump) and exit status 2."""

    def error(self, message: str):
        sys.stderr.write(f"fastkmeans: error: {message} (see '{self.prog} --help')\n")
        self.exit(EXIT_USAGE)


def _number_type(convert, is_valid, rule: str):
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


_positive_int = _number_type(int, lambda v: v >= 1, "a positive integer")
_non_negative_int = _number_type(int, lambda v: v >= 0, "an integer >= 0")
_non_negative_float = _number_type(
    float, lambda v: math.isfinite(v) and v >= 0, "a finite number >= 0"
)


def _k_list(text: str) -> list[int]:
    values = []
    for part in text.split(","):
        try:
            values.append(_positive_int(part.strip()))
        except argparse.ArgumentTypeError:
            raise argparse.ArgumentTypeError(
                f"must be positive integers separated by commas, e.g. 2,4,8,16, got {text!r}"
            ) from None
    return sorted(set(values))


_EPILOG_MAIN = """\
With no command, runs the demo: segments an embedded photograph into 16 colours on all pixels
and on a coreset, writes the images into ./fastkmeans-demo/ and prints a comparison table.

examples:
  python -m fastkmeans
  python -m fastkmeans segment photo.jpg -k 8 -o photo-8.png
  python -m fastkmeans sweep photo.jpg --k 2,4,8,16,32 --plot elbow.png
  python -m fastkmeans fit points.csv -k 5 -o centers.npy
  python -m fastkmeans coreset-check points.npy -k 5 -m 400 --method lightweight
"""

_EPILOG_DEMO = """\
examples:
  python -m fastkmeans demo
  python -m fastkmeans demo -k 8 --coreset-size 512 --out /tmp/demo
  python -m fastkmeans demo --image photo.png --json
"""

_EPILOG_SEGMENT = """\
Reads and writes any format imageio handles here (PNG, JPEG, TIFF, BMP, GIF, WebP, ...).
16-bit images keep their depth (write them as .tif, or .png for greyscale); alpha is kept.

examples:
  python -m fastkmeans segment photo.jpg -k 8 -o photo-8.png
  python -m fastkmeans segment photo.png -k 16 -o out.png --coreset-size 2000 --seed 1
  python -m fastkmeans segment scan.tif -k 4 -o seg.tif --color-space lab --labels labels.npy
  python -m fastkmeans segment photo.png -k 8 -o out.png --palette palette.csv --force --json
"""

_EPILOG_SWEEP = """\
One row per k with inertia, MSE, PSNR, SSIM and time; the elbow of the inertia curve is
marked. --plot needs matplotlib (pip install 'fastkmeans[plot]').

examples:
  python -m fastkmeans sweep photo.jpg --k 2,4,8,16,32
  python -m fastkmeans sweep photo.jpg --k 2,3,4,5,6,8 --plot elbow.png --json
"""

_EPILOG_FIT = """\
DATA is a .npy array or a .csv file of numbers (one row per sample, an optional header line).

examples:
  python -m fastkmeans fit points.csv -k 5
  python -m fastkmeans fit points.npy -k 50 --coreset-size 2000 -o centers.npy --json
"""

_EPILOG_CORESET = """\
Builds a coreset of DATA and prints its distortion: the worst ratio, either way round, between
the coreset's cost and the data's cost over k-means solutions (fastkmeans.testing).

examples:
  python -m fastkmeans coreset-check points.npy -k 5 -m 400
  python -m fastkmeans coreset-check points.csv -k 10 -m 1000 --method uniform --json
"""


def _build_parser() -> _Parser:
    from . import __version__

    formatter = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog="python -m fastkmeans",
        description="Fast k-means: image segmentation, clustering and coreset checks.",
        epilog=_EPILOG_MAIN,
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"fastkmeans {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(sub, *, clusters_required=True, seed=True, iterations=True, json_output=True):
        if clusters_required:
            sub.add_argument(
                "-k",
                "--n-clusters",
                dest="k",
                type=_positive_int,
                required=True,
                metavar="K",
                help="number of clusters",
            )
        if seed:
            sub.add_argument(
                "--seed", type=_non_negative_int, default=0, help="random seed (default 0)"
            )
        if iterations:
            sub.add_argument(
                "--max-iter",
                type=_positive_int,
                default=300,
                metavar="N",
                help="Lloyd iterations at most (default 300)",
            )
            sub.add_argument(
                "--tol",
                type=_non_negative_float,
                default=1e-4,
                metavar="T",
                help="stopping tolerance relative to the data's variance (default 1e-4)",
            )
        if json_output:
            sub.add_argument(
                "--json", action="store_true", help="print one JSON object instead of text"
            )
        sub.add_argument("-q", "--quiet", action="store_true", help="no progress notices on stderr")

    demo = commands.add_parser(
        "demo",
        help="segment the embedded photo on all pixels and on a coreset (the default)",
        description="Segment a photo into k colours on all pixels and on a coreset, write "
        "the segmented images, a side-by-side comparison and the palettes, and print a table.",
        epilog=_EPILOG_DEMO,
        formatter_class=formatter,
    )
    demo.add_argument(
        "-k",
        "--n-clusters",
        dest="k",
        type=_positive_int,
        default=DEMO_CLUSTERS,
        metavar="K",
        help=f"number of colours (default {DEMO_CLUSTERS})",
    )
    demo.add_argument(
        "--coreset-size",
        type=_positive_int,
        default=DEMO_CORESET,
        metavar="M",
        help=f"coreset size (default {DEMO_CORESET})",
    )
    demo.add_argument("--image", metavar="IN", help="use this image instead of the embedded photo")
    demo.add_argument(
        "--out",
        default=DEMO_DIR,
        metavar="DIR",
        help=f"output directory, created if needed; its demo files are replaced "
        f"(default ./{DEMO_DIR})",
    )
    common(demo, clusters_required=False, iterations=False)

    segment = commands.add_parser(
        "segment",
        help="segment an image into K colour regions",
        description="Segment an image into K colour regions with k-means and print MSE, PSNR "
        "and SSIM against the input.",
        epilog=_EPILOG_SEGMENT,
        formatter_class=formatter,
    )
    segment.add_argument("input", metavar="IN", help="input image")
    common(segment)
    segment.add_argument("-o", "--output", required=True, metavar="OUT", help="output image")
    segment.add_argument(
        "--coreset-size",
        type=_positive_int,
        metavar="M",
        help="cluster a sensitivity coreset of M weighted colours",
    )
    segment.add_argument(
        "--color-space",
        choices=("rgb", "lab"),
        default="rgb",
        help="clustering space (default rgb)",
    )
    segment.add_argument(
        "--labels", metavar="FILE", help="also write the label map (.npy, .csv or an image)"
    )
    segment.add_argument(
        "--palette", metavar="FILE", help="also write the palette (.npy, .csv or an image)"
    )
    segment.add_argument("--force", action="store_true", help="replace existing outputs")

    sweep = commands.add_parser(
        "sweep",
        help="segment an image for several k and find the elbow",
        description="Segment an image for each k and print inertia, MSE, PSNR, SSIM and time, "
        "marking the elbow of the inertia curve.",
        epilog=_EPILOG_SWEEP,
        formatter_class=formatter,
    )
    sweep.add_argument("input", metavar="IN", help="input image")
    sweep.add_argument(
        "--k",
        dest="ks",
        type=_k_list,
        default=[2, 4, 8, 16, 32],
        metavar="K1,K2,...",
        help="values of k (default 2,4,8,16,32)",
    )
    common(sweep, clusters_required=False)
    sweep.add_argument(
        "--coreset-size",
        type=_positive_int,
        metavar="M",
        help="cluster sensitivity coresets of M weighted colours",
    )
    sweep.add_argument(
        "--color-space",
        choices=("rgb", "lab"),
        default="rgb",
        help="clustering space (default rgb)",
    )
    sweep.add_argument("--plot", metavar="FILE", help="save an elbow plot (needs matplotlib)")
    sweep.add_argument("--force", action="store_true", help="replace an existing plot")

    fit = commands.add_parser(
        "fit",
        help="cluster points from a .npy or .csv file",
        description="Cluster the rows of DATA with k-means and print the result.",
        epilog=_EPILOG_FIT,
        formatter_class=formatter,
    )
    fit.add_argument("data", metavar="DATA", help="data file (.npy or .csv)")
    common(fit)
    fit.add_argument(
        "--coreset-size",
        type=_positive_int,
        metavar="M",
        help="fit on a sensitivity coreset of M points (the cost is still measured on all)",
    )
    fit.add_argument(
        "-o", "--output", metavar="FILE", help="write the centres (.npy, .csv or .txt)"
    )
    fit.add_argument("--force", action="store_true", help="replace an existing output")

    check = commands.add_parser(
        "coreset-check",
        help="build a coreset of a data file and print its distortion",
        description="Build a coreset of DATA and print its distortion.",
        epilog=_EPILOG_CORESET,
        formatter_class=formatter,
    )
    check.add_argument("data", metavar="DATA", help="data file (.npy or .csv)")
    common(check, iterations=False)
    check.add_argument(
        "-m", "--size", type=_positive_int, required=True, metavar="M", help="coreset size"
    )
    check.add_argument(
        "--method",
        choices=("sensitivity", "lightweight", "uniform"),
        default="sensitivity",
        help="coreset construction (default sensitivity)",
    )
    return parser


# -- entry point ---------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 success, 2 user error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["demo", *argv])
    handlers = {
        "demo": _demo,
        "segment": _segment,
        "sweep": _sweep,
        "fit": _fit,
        "coreset-check": _coreset_check,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = _show_warning
        try:
            handlers[args.command](args)
        except UserError as exc:
            return _fail(str(exc))
        except (ValueError, TypeError) as exc:
            # Raised by the library's input validation: the message names the rule.
            return _fail(_first_line(exc))
        except OSError as exc:
            return _fail(_describe_os_error(exc))
        except KeyboardInterrupt:
            sys.stderr.write("fastkmeans: interrupted\n")
            return 130
    return EXIT_OK


def _fail(message: str) -> int:
    sys.stderr.write(f"fastkmeans: error: {message}\n")
    return EXIT_USAGE


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _describe_os_error(exc: OSError) -> str:
    if exc.filename is not None and exc.strerror:
        return f"{exc.strerror}: {exc.filename}"
    return _first_line(exc)


class OutputFormatWarning(UserWarning):
    """The output format cannot store the result exactly (depth or channels)."""


def _show_warning(message, category, filename, lineno, file=None, line=None):
    """One line per warning of fastkmeans' own categories; other libraries' notices (codec
    deprecations, resource warnings) are not the user's concern here."""
    if category.__module__.split(".")[0] == "fastkmeans":
        sys.stderr.write(f"fastkmeans: warning: {_first_line(Warning(message))}\n")


# -- progress ------------------------------------------------------------------------------


class _Progress:
    """A notice on stderr when a step runs longer than ``delay`` seconds, and its duration."""

    def __init__(self, message: str, enabled: bool = True, delay: float = 1.0):
        self.message = message
        self.enabled = enabled
        self.delay = delay
        self._lock = threading.Lock()
        self._shown = False
        self._finished = False

    def _show(self) -> None:
        with self._lock:
            if not self._finished:
                self._shown = True
                sys.stderr.write(f"fastkmeans: {self.message}...\n")
                sys.stderr.flush()

    def __enter__(self) -> _Progress:
        self._start = time.perf_counter()
        if self.enabled:
            self._timer = threading.Timer(self.delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        if not self.enabled:
            return
        self._timer.cancel()
        with self._lock:
            self._finished = True
            if self._shown and exc_info[0] is None:
                elapsed = time.perf_counter() - self._start
                sys.stderr.write(f"fastkmeans: {self.message}: done in {elapsed:.1f} s\n")


# -- files ---------------------------------------------------------------------------------


def _extension(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _check_input(path: str, what: str) -> None:
    if not os.path.exists(path):
        raise UserError(f"{what} {path!r} does not exist")
    if not os.path.isfile(path):
        raise UserError(f"{what} {path!r} is not a file")


def _same_file(a: str, b: str) -> bool:
    if os.path.exists(a) and os.path.exists(b):
        return os.path.samefile(a, b)
    return os.path.realpath(a) == os.path.realpath(b)


def _check_outputs(outputs: dict[str, str | None], inputs: Sequence[str], force: bool) -> None:
    """Every output: a new file in an existing directory (or ``force``), never an input, and
    no two outputs the same file."""
    named = {option: path for option, path in outputs.items() if path is not None}
    seen: dict[str, str] = {}
    for option, path in named.items():
        for source in inputs:
            if _same_file(path, source):
                raise UserError(
                    f"{option} {path!r} is the input file; the input is never overwritten, "
                    f"choose another name"
                )
        key = os.path.realpath(path)
        if key in seen:
            raise UserError(f"{seen[key]} and {option} name the same file {path!r}")
        seen[key] = option
        directory = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(directory):
            raise UserError(f"{option}: directory {os.path.dirname(path)!r} does not exist")
        if os.path.isdir(path):
            raise UserError(f"{option} {path!r} is a directory")
        if os.path.exists(path) and not force:
            raise UserError(f"{option} {path!r} exists; pass --force to replace it")


def _write_files(files: dict[str, bytes]) -> None:
    """Write every file through a temporary file in its directory and an atomic rename."""
    for path, data in files.items():
        directory = os.path.dirname(os.path.abspath(path))
        temporary = os.path.join(
            directory, f".{os.path.basename(path)}.{os.getpid()}.fastkmeans-tmp"
        )
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.remove(temporary)


# Pillow modes imageio returns as more channels than colour + alpha.
_CONVERT_TO_RGB = ("CMYK", "YCbCr", "LAB", "HSV")


def _read_image(path: str) -> np.ndarray:
    """Read the first frame of an image file as uint8, uint16 or float data."""
    import imageio.v3 as iio

    _check_input(path, "input image")
    try:
        mode = iio.immeta(path, index=0).get("mode")
        kwargs = {"mode": "RGB"} if mode in _CONVERT_TO_RGB else {}
        image = iio.imread(path, index=0, **kwargs)
    except Exception as exc:  # codecs raise many types for a file that is not a valid image
        raise UserError(
            f"cannot read {path!r} as an image ({_first_line(exc)}); "
            f"is it a complete PNG, JPEG, TIFF, BMP, GIF or WebP file?"
        ) from None
    image = np.asarray(image)
    if image.dtype == np.bool_:
        image = image.astype(np.uint8) * np.uint8(255)
    elif image.dtype.kind in "iu" and image.dtype not in (np.uint8, np.uint16):
        if image.size and image.min() >= 0 and image.max() <= 65535:
            image = image.astype(np.uint16)
    if image.ndim == 4 and image.shape[0] == 1:
        image = image[0]
    return np.ascontiguousarray(image)


def _encode_image(image: np.ndarray, path: str, option: str) -> bytes:
    import imageio.v3 as iio

    extension = _extension(path)
    if not extension:
        raise UserError(f"{option} {path!r} has no extension; name the format, e.g. {path}.png")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[..., 0]  # codecs take greyscale as (H, W)
    try:
        # Through a scratch file rather than "<bytes>": some imageio backends (TIFF) only
        # write to files. The result is written to its destination atomically later.
        with tempfile.TemporaryDirectory(prefix="fastkmeans-") as scratch:
            scratch_path = os.path.join(scratch, "image" + extension)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                iio.imwrite(scratch_path, image, extension=extension)
            with open(scratch_path, "rb") as handle:
                return handle.read()
    except Exception as exc:  # unknown format, or the format cannot hold this image
        remedy = "try .tif" if image.dtype == np.uint16 else "try .png or .tif"
        raise UserError(
            f"{option} {path!r}: cannot write {_describe_image(image)} image as {extension} "
            f"({_first_line(exc)}); {remedy}"
        ) from None


def _describe_image(image: np.ndarray) -> str:
    channels = 1 if image.ndim == 2 else image.shape[2]
    kind = {1: "grey", 2: "grey + alpha", 3: "RGB", 4: "RGBA"}.get(channels, f"{channels}-ch")
    depth = {np.dtype(np.uint8): "8-bit", np.dtype(np.uint16): "16-bit"}.get(
        image.dtype, str(image.dtype)
    )
    article = "an" if depth[0] in "8aeiou" else "a"
    return f"{article} {depth} {kind}"


def _preflight_image(example: np.ndarray, path: str, option: str) -> None:
    """Fail early when ``path``'s format cannot hold an image like ``example``; warn when it
    does not store it exactly (depth or channels)."""
    import imageio.v3 as iio

    probe = np.ascontiguousarray(example[:2, :2])
    data = _encode_image(probe, path, option)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            back = np.asarray(iio.imread(data, index=0, extension=_extension(path)))
    except Exception:  # a format we can write but not read back: nothing more to check
        return
    if back.ndim == 4 and back.shape[0] == 1:
        back = back[0]
    if probe.ndim == 3 and probe.shape[2] == 1:
        probe = probe[..., 0]
    if back.dtype != probe.dtype or back.shape != probe.shape:
        warnings.warn(
            f"{_extension(path)} cannot store {_describe_image(probe)} image exactly "
            f"(it reads back as {_describe_image(back)} image); {path!r} will differ from "
            f"the result",
            OutputFormatWarning,
            stacklevel=2,
        )


def _encode_table(array: np.ndarray, path: str, option: str) -> bytes:
    """``.npy`` (exact) or ``.csv``/``.txt`` (comma-separated rows)."""
    extension = _extension(path)
    buffer = io.BytesIO()
    if extension == ".npy":
        np.save(buffer, array, allow_pickle=False)
    elif extension in (".csv", ".txt"):
        fmt = "%d" if array.dtype.kind in "iu" else "%.17g"
        np.savetxt(buffer, np.atleast_2d(array), fmt=fmt, delimiter=",")
    else:
        raise UserError(f"{option} {path!r}: unknown format {extension!r}; use .npy or .csv")
    return buffer.getvalue()


def _load_data(path: str) -> np.ndarray:
    """A 2-D array of numbers from ``.npy`` or ``.csv`` (comma-separated, optional header)."""
    _check_input(path, "data file")
    extension = _extension(path)
    if extension == ".npy":
        try:
            data = np.load(path, allow_pickle=False)
        except (ValueError, OSError, EOFError) as exc:
            raise UserError(f"cannot read {path!r} as a .npy array ({_first_line(exc)})") from None
        if not isinstance(data, np.ndarray):
            raise UserError(f"{path!r} holds several arrays (.npz); save one array with np.save")
    elif extension == ".csv":
        data = None
        for skip in (0, 1):
            try:
                data = np.loadtxt(path, delimiter=",", ndmin=2, skiprows=skip)
                break
            except ValueError as exc:
                error = exc
        if data is None:
            raise UserError(
                f"cannot read {path!r} as comma-separated numbers ({_first_line(error)})"
            )
    else:
        raise UserError(
            f"data file {path!r}: unknown format {extension or '(no extension)'!r}; "
            f"use .npy or .csv"
        )
    if data.ndim == 1:
        data = data.reshape(-1, 1)
    return data


# -- printing ------------------------------------------------------------------------------


def _number(value, digits: int = 4) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and math.isinf(value):
        return "inf"
    return f"{value:.{digits}g}" if isinstance(value, float) else str(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = []
    for index, row in enumerate([header, *rows]):
        cells = [
            str(cell).ljust(width) if column == 0 else str(cell).rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _json_number(value):
    """JSON has no infinity: an infinite PSNR (identical images) is written as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _print_json(payload: dict) -> None:
    print(json.dumps(payload, indent=2, allow_nan=False))


def _segmentation_record(seg, method: str | None = None) -> dict:
    record = {} if method is None else {"method": method}
    record.update(
        n_clusters=seg.n_clusters,
        n_colours=seg.n_colours,
        coreset_size=seg.coreset_size,
        color_space=seg.color_space,
        time_s=seg.time,
        n_iter=seg.n_iter,
        converged=seg.converged,
        inertia=seg.inertia,
        mse=seg.mse,
        psnr=_json_number(seg.psnr),
        ssim=seg.ssim,
    )
    return record


# -- image commands ------------------------------------------------------------------------


def _warm_up(image: np.ndarray, coreset: bool, color_space: str, quiet: bool) -> None:
    """Compile (or load from Numba's cache) every kernel the run needs, on a small crop of the
    same dtype and channels, so that the timings that follow exclude compilation."""
    from .image import segment_image

    crop = np.ascontiguousarray(image[:32, :32])
    with _Progress("compiling kernels (first run only)", enabled=not quiet):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            segment_image(crop, 2, color_space=color_space, random_state=0)
            if coreset:
                segment_image(crop, 2, coreset_size=8, color_space=color_space, random_state=0)


def _segment_with_progress(image, k, args, *, coreset_size, quiet, label=None):
    from .image import segment_image

    where = "on a coreset" if coreset_size else "on all pixels"
    message = label or f"segmenting {where} (k={k})"
    with _Progress(message, enabled=not quiet):
        return segment_image(
            image,
            k,
            coreset_size=coreset_size,
            color_space=getattr(args, "color_space", "rgb"),
            random_state=args.seed,
            max_iter=getattr(args, "max_iter", 300),
            tol=getattr(args, "tol", 1e-4),
        )


def _demo(args) -> None:
    from .image import palette_image, side_by_side

    if args.image is not None:
        image = _read_image(args.image)
        name = args.image
    else:
        resource = importlib.resources.files("fastkmeans").joinpath("data", DEMO_IMAGE)
        import imageio.v3 as iio

        image = np.asarray(iio.imread(resource.read_bytes(), extension=".png"))
        name = f"{DEMO_IMAGE} (embedded, CC0, photograph by Rachel Michetti)"
    directory = args.out
    if os.path.exists(directory) and not os.path.isdir(directory):
        raise UserError(f"--out {directory!r} exists and is not a directory")
    parent = os.path.dirname(os.path.abspath(directory))
    if not os.path.isdir(parent):
        raise UserError(f"--out: directory {os.path.dirname(directory)!r} does not exist")
    paths = {
        stem: os.path.join(directory, stem + ".png")
        for stem in ("segmented_full", "segmented_coreset", "comparison", "palette")
    }
    if args.image is not None:
        for path in paths.values():
            if _same_file(path, args.image):
                raise UserError(
                    f"--image {args.image!r} is one of the demo's outputs; the input is never "
                    f"overwritten, choose another --out"
                )
    from ._validation import check_coreset_size, check_image

    image = check_image(image)
    check_coreset_size(args.coreset_size, args.k)
    _preflight_image(image, paths["segmented_full"], "--out")

    _warm_up(image, True, "rgb", args.quiet)
    full = _segment_with_progress(image, args.k, args, coreset_size=None, quiet=args.quiet)
    small = _segment_with_progress(
        image, args.k, args, coreset_size=args.coreset_size, quiet=args.quiet
    )

    def by_size(seg):
        counts = np.bincount(seg.labels.ravel(), minlength=seg.palette.shape[0])
        return seg.palette[np.argsort(-counts, kind="stable")]

    strip_full = palette_image(by_size(full))
    strip_coreset = palette_image(by_size(small))
    width = max(strip_full.shape[1], strip_coreset.shape[1])
    palettes = np.full(
        (2 * strip_full.shape[0] + 8, width) + strip_full.shape[2:],
        np.iinfo(image.dtype).max if image.dtype.kind == "u" else 1.0,
        dtype=image.dtype,
    )
    palettes[: strip_full.shape[0], : strip_full.shape[1]] = strip_full
    palettes[strip_full.shape[0] + 8 :, : strip_coreset.shape[1]] = strip_coreset
    outputs = {
        paths["segmented_full"]: full.image,
        paths["segmented_coreset"]: small.image,
        paths["comparison"]: side_by_side([image, full.image, small.image]),
        paths["palette"]: palettes,
    }
    encoded = {path: _encode_image(data, path, "--out") for path, data in outputs.items()}
    os.makedirs(directory, exist_ok=True)
    _write_files(encoded)

    rows = [("full", full), ("coreset", small)]
    if args.json:
        records = []
        for method, seg in rows:
            record = _segmentation_record(seg, method)
            record["speed_up"] = full.time / seg.time
            records.append(record)
        _print_json(
            {
                "image": name,
                "shape": list(image.shape),
                "n_clusters": args.k,
                "coreset_size": args.coreset_size,
                "seed": args.seed,
                "results": records,
                "files": list(outputs),
            }
        )
        return
    height, width_px = image.shape[:2]
    print(
        f"fastkmeans demo: {name}\n"
        f"{width_px}x{height} pixels, {full.n_colours:,} distinct colours, k={args.k}, "
        f"coreset of {args.coreset_size} colours, seed {args.seed}\n"
    )
    header = ("method", "time (s)", "iterations", "inertia", "MSE", "PSNR (dB)", "SSIM", "speed-up")
    table = []
    for method, seg in rows:
        note = "" if seg.coreset_size or method == "full" else " (exact summary)"
        table.append(
            (
                method + note,
                f"{seg.time:.3f}",
                str(seg.n_iter),
                f"{seg.inertia:.5g}",
                f"{seg.mse:.2f}",
                _number(seg.psnr, 4) if math.isinf(seg.psnr) else f"{seg.psnr:.2f}",
                f"{seg.ssim:.4f}",
                f"{full.time / seg.time:.2f}x",
            )
        )
    print(_table(header, table))
    print(f"\nwrote {', '.join(outputs)}")


def _segment(args) -> None:
    outputs = {"-o": args.output, "--labels": args.labels, "--palette": args.palette}
    _check_input(args.input, "input image")
    _check_outputs(outputs, [args.input], args.force)
    for option in ("--labels", "--palette"):
        path = outputs[option]
        if path is not None and _extension(path) not in TABLE_EXTENSIONS:
            _encode_image(np.zeros((2, 2), np.uint8), path, option)
    image = _read_image(args.input)
    from ._validation import check_coreset_size, check_image

    # Validate before the warm-up, so that an error is the only line on stderr.
    image = check_image(image)
    if args.coreset_size is not None:
        check_coreset_size(args.coreset_size, args.k)
    _preflight_image(image, args.output, "-o")

    _warm_up(image, args.coreset_size is not None, args.color_space, args.quiet)
    seg = _segment_with_progress(
        image, args.k, args, coreset_size=args.coreset_size, quiet=args.quiet
    )

    files = {args.output: _encode_image(seg.image, args.output, "-o")}
    if args.labels is not None:
        if _extension(args.labels) in TABLE_EXTENSIONS:
            files[args.labels] = _encode_table(seg.labels, args.labels, "--labels")
        else:
            depth = np.uint8 if seg.n_clusters <= 256 else np.uint16
            files[args.labels] = _encode_image(seg.labels.astype(depth), args.labels, "--labels")
    if args.palette is not None:
        if _extension(args.palette) in TABLE_EXTENSIONS:
            files[args.palette] = _encode_table(seg.palette, args.palette, "--palette")
        else:
            from .image import palette_image

            strip = palette_image(seg.palette)
            files[args.palette] = _encode_image(
                strip[..., 0] if strip.shape[-1] == 1 else strip, args.palette, "--palette"
            )
    _write_files(files)

    record = {"input": args.input, "output": args.output, "shape": list(image.shape)}
    record.update(_segmentation_record(seg))
    if args.json:
        _print_json(record)
        return
    where = f"coreset of {seg.coreset_size}" if seg.coreset_size else "all pixels"
    print(
        f"{args.input} -> {args.output}: k={seg.n_clusters} ({where}, {seg.color_space}), "
        f"{seg.n_iter} iteration{'s' if seg.n_iter != 1 else ''}, {seg.time:.3f} s"
    )
    print(f"inertia {seg.inertia:.6g}")
    print(f"MSE     {seg.mse:.4f}")
    print(f"PSNR    {_number(seg.psnr) if math.isinf(seg.psnr) else f'{seg.psnr:.2f}'} dB")
    print(f"SSIM    {seg.ssim:.4f}")


def _sweep(args) -> None:
    from .image import elbow_index

    _check_input(args.input, "input image")
    if args.plot is not None:
        _check_outputs({"--plot": args.plot}, [args.input], args.force)
        try:
            import matplotlib
        except ImportError:
            raise UserError(
                "--plot needs matplotlib, which is not installed; "
                "install it with: pip install 'fastkmeans[plot]'"
            ) from None
        matplotlib.use("Agg")
        from matplotlib import pyplot as plt

        supported = plt.figure().canvas.get_supported_filetypes()
        plt.close("all")
        if _extension(args.plot).lstrip(".") not in supported:
            raise UserError(
                f"--plot {args.plot!r}: unknown format {_extension(args.plot)!r}; "
                f"use one of {', '.join('.' + ext for ext in sorted(supported))}"
            )
    image = _read_image(args.input)
    from ._validation import check_coreset_size, check_image

    image = check_image(image)
    if args.coreset_size is not None:
        check_coreset_size(args.coreset_size, max(args.ks))
    _warm_up(image, args.coreset_size is not None, args.color_space, args.quiet)
    results = []
    for k in args.ks:
        results.append(
            _segment_with_progress(image, k, args, coreset_size=args.coreset_size, quiet=args.quiet)
        )
    inertias = [seg.inertia for seg in results]
    elbow = elbow_index(args.ks, inertias)

    if args.plot is not None:
        figure, axis = plt.subplots(figsize=(6, 4))
        axis.plot(args.ks, inertias, marker="o")
        if elbow is not None:
            axis.plot([args.ks[elbow]], [inertias[elbow]], "o", color="red", ms=10, mfc="none")
            axis.annotate(f"elbow k={args.ks[elbow]}", (args.ks[elbow], inertias[elbow]))
        axis.set_xlabel("k (clusters)")
        axis.set_ylabel("inertia")
        axis.set_title(os.path.basename(args.input))
        buffer = io.BytesIO()
        figure.savefig(buffer, format=_extension(args.plot).lstrip("."), bbox_inches="tight")
        plt.close(figure)
        _write_files({args.plot: buffer.getvalue()})

    if args.json:
        _print_json(
            {
                "input": args.input,
                "shape": list(image.shape),
                "elbow_k": None if elbow is None else args.ks[elbow],
                "results": [_segmentation_record(seg) for seg in results],
                "plot": args.plot,
            }
        )
        return
    header = ("k", "inertia", "MSE", "PSNR (dB)", "SSIM", "time (s)", "")
    rows = []
    for index, (k, seg) in enumerate(zip(args.ks, results, strict=True)):
        rows.append(
            (
                str(k),
                f"{seg.inertia:.5g}",
                f"{seg.mse:.2f}",
                _number(seg.psnr) if math.isinf(seg.psnr) else f"{seg.psnr:.2f}",
                f"{seg.ssim:.4f}",
                f"{seg.time:.3f}",
                "<- elbow" if index == elbow else "",
            )
        )
    print(_table(header, rows))
    if elbow is None:
        print("no elbow: give at least three values of k on a curve that bends")
    if args.plot is not None:
        print(f"wrote {args.plot}")


# -- data commands -------------------------------------------------------------------------


def _fit(args) -> None:
    from . import KMeans, cost

    _check_input(args.data, "data file")
    if args.output is not None:
        _check_outputs({"-o": args.output}, [args.data], args.force)
        _encode_table(np.zeros((1, 1)), args.output, "-o")
    X = _load_data(args.data)
    from ._validation import check_array, check_coreset_size, check_n_clusters, check_random_state

    X = check_array(X, "DATA")
    check_n_clusters(args.k, X.shape[0])
    if args.coreset_size is not None:
        check_coreset_size(args.coreset_size, args.k)
    rng = check_random_state(args.seed)
    model = KMeans(args.k, max_iter=args.max_iter, tol=args.tol, random_state=rng)
    with _Progress("compiling kernels (first run only)", enabled=not args.quiet):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            KMeans(1, random_state=0).fit(X[:2])
    message = f"fitting k={args.k} on {X.shape[0]} x {X.shape[1]} data"
    with _Progress(message, enabled=not args.quiet):
        start = time.perf_counter()
        if args.coreset_size is None:
            model.fit(X)
            inertia = model.inertia_
        else:
            from .coreset import sensitivity_coreset

            coreset = sensitivity_coreset(X, args.k, args.coreset_size, random_state=rng)
            model.fit(coreset.points, sample_weight=coreset.weights)
            inertia = cost(X, model.cluster_centers_)
        elapsed = time.perf_counter() - start
    centers = model.cluster_centers_
    if args.output is not None:
        _write_files({args.output: _encode_table(centers, args.output, "-o")})
    record = {
        "data": args.data,
        "n_samples": X.shape[0],
        "n_features": X.shape[1],
        "n_clusters": args.k,
        "coreset_size": args.coreset_size,
        "time_s": elapsed,
        "n_iter": model.n_iter_,
        "converged": model.converged_,
        "inertia": inertia,
        "centers": centers.tolist(),
        "output": args.output,
    }
    if args.json:
        _print_json(record)
        return
    where = f"a coreset of {args.coreset_size}" if args.coreset_size else "all rows"
    print(
        f"{args.data}: {X.shape[0]} x {X.shape[1]}, k={args.k} fitted on {where} in "
        f"{elapsed:.3f} s, {model.n_iter_} iterations"
        f"{'' if model.converged_ else ' (not converged)'}"
    )
    print(f"inertia (all rows) {inertia:.8g}")
    if centers.size <= 200:
        print("centres:")
        for row in centers:
            print("  " + "  ".join(f"{value:.6g}" for value in row))
    if args.output is not None:
        print(f"wrote {args.output}")


def _coreset_check(args) -> None:
    from . import coreset as coresets
    from .testing import coreset_distortion

    X = _load_data(args.data)
    from ._validation import check_array, check_n_clusters, check_random_state

    X = check_array(X, "DATA")
    check_n_clusters(args.k, X.shape[0])
    rng = check_random_state(args.seed)
    message = f"building a {args.method} coreset of {args.size} points and measuring it"
    with _Progress(message, enabled=not args.quiet):
        start = time.perf_counter()
        if args.method == "sensitivity":
            coreset = coresets.sensitivity_coreset(X, args.k, args.size, random_state=rng)
        elif args.method == "lightweight":
            coreset = coresets.lightweight_coreset(X, args.size, random_state=rng)
        else:
            coreset = coresets.uniform_coreset(X, args.size, random_state=rng)
        built = time.perf_counter() - start
        report = coreset_distortion(X, coreset, args.k, random_state=rng, details=True)
    distortion = float(report.distortion)
    record = {
        "data": args.data,
        "n_samples": X.shape[0],
        "n_features": X.shape[1],
        "n_clusters": args.k,
        "method": args.method,
        "size": int(coreset.points.shape[0]),
        "requested_size": args.size,
        "build_time_s": built,
        "distortion": _json_number(distortion),
        "worst_solution": report.solution,
        "cost_data": report.cost_data,
        "cost_coreset": report.cost_coreset,
        "n_solutions": report.n_solutions,
    }
    if args.json:
        _print_json(record)
        return
    print(
        f"{args.data}: {X.shape[0]} x {X.shape[1]}, {args.method} coreset of "
        f"{record['size']} points (asked {args.size}) for k={args.k}, built in {built:.3f} s"
    )
    print(
        f"distortion {_number(distortion, 6)} (worst of {report.n_solutions} solutions: "
        f"{report.solution}; cost on data {report.cost_data:.6g}, on coreset "
        f"{report.cost_coreset:.6g})"
    )
