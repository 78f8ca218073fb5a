"""Files for the commands: checking inputs and outputs, and writing outputs all or none.

Nothing is written until a command has everything in memory. Outputs are checked first
(:func:`check_outputs`): an existing file is kept unless ``--force`` is given, and an input is
never overwritten. :func:`write_files` then commits every output together or none of them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Sequence

from .._palette_file import publish
from .errors import UserError

TEMP_SUFFIX = ".fastkmeans-tmp"


def extension(path: str) -> str:
    return os.path.splitext(path)[1].lower()


# -- checks --------------------------------------------------------------------------------


def check_input(path: str, what: str) -> None:
    if not os.path.exists(path):
        raise UserError(f"{what} {path!r} does not exist")
    if not os.path.isfile(path):
        raise UserError(f"{what} {path!r} is not a file")


def same_file(a: str, b: str) -> bool:
    if os.path.exists(a) and os.path.exists(b):
        return os.path.samefile(a, b)
    return os.path.realpath(a) == os.path.realpath(b)


def check_outputs(outputs: dict[str, str | None], inputs: Sequence[str], force: bool) -> None:
    """Every output: a new file in an existing directory (or ``force``), never an input, and
    no two outputs the same file."""
    named = {option: path for option, path in outputs.items() if path is not None}
    seen: dict[str, str] = {}
    for option, path in named.items():
        for source in inputs:
            if same_file(path, source):
                raise UserError(
                    f"{option} {path!r} is the input file; the input is never overwritten, "
                    f"choose another name"
                )
        key = os.path.realpath(path)
        if key in seen:
            raise UserError(f"{seen[key]} and {option} name the same file {path!r}")
        seen[key] = option
        _check_destination(path, option, force)


def _check_destination(path: str, option: str, force: bool) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise UserError(f"{option}: directory {os.path.dirname(path)!r} does not exist")
    if os.path.isdir(path):
        raise UserError(f"{option} {path!r} is a directory")
    if os.path.lexists(path) and not force:
        raise UserError(f"{option} {path!r} exists; pass --force to replace it")
    if not os.access(directory, os.W_OK):
        raise UserError(f"{option} {path!r}: directory {directory!r} is not writable")


# -- writing -------------------------------------------------------------------------------


def write_files(files: dict[str, bytes], force: bool = False) -> None:
    """Write every file, all of them or none.

    Each file's bytes go to a new temporary file in its directory, created exclusively (a name
    planted there, a symlink included, is never opened) and flushed to disk; then every
    destination is checked again (an existing file needs ``force``); only then is each
    temporary file moved to its destination, with SIGINT and SIGTERM held back meanwhile
    (without ``force`` never over a file, even one another process created meanwhile).
    On any error before the renames, every temporary file is removed and no destination is
    touched. Errors name the destination, never a temporary file.
    """
    temporaries: dict[str, str] = {}
    try:
        for path, data in files.items():
            temporaries[path] = _write_temporary(path, data)
        for path in files:
            _check_destination(path, "output", force)
        with _signals_held():
            for path in files:
                try:
                    publish(temporaries[path], path, overwrite=force)
                except FileExistsError:
                    raise UserError(f"output {path!r} exists; pass --force to replace it") from None
                except OSError as exc:
                    raise UserError(f"cannot write {path!r}: {exc.strerror or exc}") from None
                del temporaries[path]
    finally:
        for temporary in temporaries.values():
            with contextlib.suppress(OSError):
                os.remove(temporary)


def _write_temporary(path: str, data: bytes) -> str:
    """A new file holding ``data`` beside ``path``, with a new file's usual permissions."""
    directory = os.path.dirname(os.path.abspath(path))
    prefix = f".{os.path.basename(path)}."
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise UserError(f"cannot write {path!r}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            if hasattr(os, "fchmod"):  # mkstemp makes it 0o600; a new file gets 0o666 - umask
                os.fchmod(stream.fileno(), 0o666 & ~_umask())
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        if isinstance(exc, OSError):
            raise UserError(f"cannot write {path!r}: {exc.strerror or exc}") from None
        raise
    return temporary


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _signals_held():
    """SIGINT and SIGTERM wait until the block ends, then act as they would have.

    Python handlers, not a signal mask: a process has other threads (OpenBLAS's, the kernels'
    pool), and a signal the main thread masks is delivered to one of them, whose C-level
    handler makes Python run the handler in the main thread anyway, inside the block. A
    handler that notes the signal holds it whichever thread the OS picked. Only the main
    thread can set handlers; elsewhere the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = (signal.SIGINT, signal.SIGTERM)
    arrived: list[int] = []
    previous = {
        signum: signal.signal(signum, lambda signum, _: arrived.append(signum)) for signum in held
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if arrived:
            signal.raise_signal(arrived[0])  # the first one, now to its own handler
