"""Tables of numbers for the commands: reading ``.npy`` and ``.csv`` data, encoding results.

A ``.npy`` header is checked against the file's size before anything is allocated. A ``.csv``
file is read by these rules: a UTF-8 byte-order mark is ignored; lines starting with ``#`` and
blank lines are skipped; the first line is a header only when every one of its cells is a
name (not a number, not empty, not a missing-value marker such as ``NA``); every other cell
must be a number, and a missing or malformed one is an error naming the file, its 1-based line
and column.
"""

from __future__ import annotations

import io
import os

import numpy as np

from .errors import UserError, first_line
from .files import check_input, extension

TABLE_EXTENSIONS = (".npy", ".csv", ".txt")
_MISSING = ("", "na", "n/a", "null", "none", "?", "-")


def encode_table(array: np.ndarray, path: str, option: str) -> bytes:
    """``.npy`` (exact) or ``.csv``/``.txt`` (comma-separated rows)."""
    suffix = extension(path)
    buffer = io.BytesIO()
    if suffix == ".npy":
        np.save(buffer, array, allow_pickle=False)
    elif suffix in (".csv", ".txt"):
        fmt = "%d" if array.dtype.kind in "iu" else "%.17g"
        np.savetxt(buffer, np.atleast_2d(array), fmt=fmt, delimiter=",")
    else:
        raise UserError(f"{option} {path!r}: unknown format {suffix!r}; use .npy or .csv")
    return buffer.getvalue()


def check_table_format(path: str, option: str) -> None:
    """Fail now if ``path`` does not name a table format."""
    encode_table(np.zeros((1, 1)), path, option)


def load_data(path: str) -> np.ndarray:
    """An array of numbers from ``.npy`` or ``.csv``; a 1-D array becomes one column. The
    library checks the rest (2-D, finite, not empty)."""
    check_input(path, "data file")
    suffix = extension(path)
    if suffix == ".npy":
        data = _load_npy(path)
    elif suffix == ".csv":
        data = _load_csv(path)
    else:
        raise UserError(
            f"data file {path!r}: unknown format {suffix or '(no extension)'!r}; use .npy or .csv"
        )
    if data.ndim == 1:
        data = data.reshape(-1, 1)
    return data


# -- .npy ----------------------------------------------------------------------------------


def _load_npy(path: str) -> np.ndarray:
    """The array of a ``.npy`` file whose header matches its size (no pickles, no ``.npz``)."""
    fmt = np.lib.format
    with open(path, "rb") as handle:
        if handle.read(4) == b"PK\x03\x04":
            raise UserError(f"{path!r} holds several arrays (.npz); save one array with np.save")
        handle.seek(0)
        try:
            version = fmt.read_magic(handle)
            read_header = fmt.read_array_header_1_0 if version == (1, 0) else None
            if version == (2, 0):
                read_header = fmt.read_array_header_2_0
            if read_header is None:
                raise ValueError(f"unsupported .npy format version {version}")
            shape, fortran_order, dtype = read_header(handle)
        except Exception as exc:  # numpy raises ValueError, SyntaxError, ... for a bad header
            raise UserError(f"cannot read {path!r} as a .npy array ({first_line(exc)})") from None
        if dtype.hasobject:
            raise UserError(
                f"cannot read {path!r}: it holds Python objects (dtype {dtype}), not numbers"
            )
        declared = int(np.prod(shape, dtype=object)) * dtype.itemsize
        available = os.fstat(handle.fileno()).st_size - handle.tell()
        if declared > available:
            raise UserError(
                f"cannot read {path!r} as a .npy array: its header declares shape "
                f"{tuple(shape)} of {dtype} ({declared:,} bytes), the file holds {available:,} "
                f"bytes of data; the file is truncated or corrupt"
            )
        try:
            data = np.fromfile(handle, dtype=dtype, count=int(np.prod(shape, dtype=np.int64)))
        except (ValueError, OSError) as exc:
            raise UserError(f"cannot read {path!r} as a .npy array ({first_line(exc)})") from None
    order = "F" if fortran_order else "C"
    return data.reshape(shape, order=order)


# -- .csv ----------------------------------------------------------------------------------


def _load_csv(path: str) -> np.ndarray:
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")  # drops a byte-order mark
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(f"{path}:{line}: not UTF-8 text ({exc.reason})") from None
    lines = text.splitlines()
    rows = [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not rows:
        raise UserError(f"{path!r} holds no numbers")
    first_cells = _cells(rows[0][1])
    if all(not _is_number(cell) and cell.lower() not in _MISSING for cell in first_cells):
        rows = rows[1:]  # a header: a name in every column
        if not rows:
            raise UserError(f"{path!r} holds a header line and no numbers")
    body = "\n".join(line for _, line in rows)
    try:
        data = np.loadtxt(io.StringIO(body), delimiter=",", ndmin=2, comments="#")
    except ValueError as exc:
        _locate_error(path, rows)  # raises with the line and column
        message = f"cannot read {path!r} as comma-separated numbers ({first_line(exc)})"
        raise UserError(message) from None
    bad = np.argwhere(~np.isfinite(data))
    if bad.size:  # nan, inf, or a number beyond float64 (1e400): named where it is
        row, column = (int(i) for i in bad[0])
        number, line = rows[row]
        cell = _cells(line)[column]
        raise UserError(
            f"{path}:{number}: column {column + 1} is {cell!r}, not a finite number; fix it or "
            f"drop the row"
        )
    return data


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("#")[0].split(",")]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return "_" not in cell  # Python's float() takes "1_000"; a CSV reader does not


def _locate_error(path: str, rows: list[tuple[int, str]]) -> None:
    """Raise a UserError naming the first bad cell or ragged row by its 1-based line."""
    width = None
    for number, line in rows:
        cells = _cells(line)
        for column, cell in enumerate(cells, start=1):
            if cell.lower() in _MISSING:
                what = "an empty cell" if not cell else f"{cell!r}"
                raise UserError(
                    f"{path}:{number}: column {column} is {what}: a missing value; fill it in "
                    f"or drop the row"
                )
            if not _is_number(cell):
                raise UserError(f"{path}:{number}: column {column} is {cell!r}, not a number")
        if width is None:
            width = len(cells)
        elif len(cells) != width:
            raise UserError(
                f"{path}:{number}: {len(cells)} values, but the first data line has {width}"
            )
