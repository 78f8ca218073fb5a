"""The command line: ``python -m fastkmeans [command] ...``.

Argument parsing, file input and output, progress notices and printing; the numerics live in
the library, which also checks the inputs. A user error (missing or unreadable file, bad value,
existing output) prints one line ``fastkmeans: error: ...`` on stderr and exits with status 2;
nothing is written unless the command succeeds, a command's outputs are committed together or
not at all, an existing output is kept unless ``--force`` is given, and the input is never
overwritten. SIGTERM stops a command like Ctrl-C (exit status 143, 130 for Ctrl-C).

Modules: :mod:`.parser` (the parser and the options commands share), one module per command
(:mod:`.demo`, :mod:`.segment`, :mod:`.sweep`, :mod:`.fit`, :mod:`.coreset_check`),
:mod:`.running` (warm-ups and timed runs), :mod:`.files` (checking inputs and outputs, writing
all or none), :mod:`.images` (reading and encoding images), :mod:`.tables` (reading ``.npy``
and ``.csv`` data, encoding tables), :mod:`.output` (progress, numbers, tables, JSON) and
:mod:`.pictures` (captioned pictures side by side: the demo's comparison) and :mod:`.errors`.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import warnings
from collections.abc import Sequence

from .._kernels._config import defer_interrupt
from . import coreset_check, demo, fit, segment, sweep
from .errors import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    Terminated,
    UserError,
    first_line,
)
from .parser import build_parser, option_conflict

__all__ = ["UserError", "main"]

COMMANDS = (demo, segment, sweep, fit, coreset_check)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 success, 1 out of memory, 2 user
    error, 130 interrupted by SIGINT, 143 terminated by SIGTERM).

    ``argv`` defaults to ``sys.argv[1:]``; with no command (or only the demo's options) the
    demo runs. Usage errors,
    ``--help`` and ``--version`` return their status instead of exiting. The warning filters,
    ``warnings.showwarning`` and the SIGTERM handler are restored on return, so ``main`` can be
    called in-process.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(COMMANDS)
    if argv and argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv = ["demo", *argv]  # the demo's options with no command: the demo
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args(["demo", *argv])
    except SystemExit as exc:  # --help, --version, or a usage error already reported
        return EXIT_OK if exc.code is None else exc.code
    conflict = option_conflict(args)
    if conflict is not None:
        return _fail(conflict)
    with warnings.catch_warnings(), _sigterm_as_interrupt():  # both restored on exit
        warnings.simplefilter("always")
        warnings.showwarning = _show_warning
        try:
            args.run(args)
        except UserError as exc:
            return _fail(str(exc))
        except (ValueError, TypeError) as exc:
            # Raised by the library's input checks: the message names the rule.
            return _fail(first_line(exc))
        except OSError as exc:
            return _fail(_describe_os_error(exc))
        except MemoryError:
            # One line, not a traceback: what to change is the input's size or the settings.
            sys.stderr.write(
                "fastkmeans: error: out of memory; try a smaller input (for images "
                "--max-pixels, or --coreset-size where the command has it)\n"
            )
            return EXIT_FAILURE
        except Terminated:
            sys.stderr.write("fastkmeans: terminated\n")
            return EXIT_TERMINATED
        except KeyboardInterrupt:
            sys.stderr.write("fastkmeans: interrupted\n")
            return EXIT_INTERRUPTED
    return EXIT_OK


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """While a command runs, SIGTERM raises :class:`Terminated` (like Ctrl-C's
    KeyboardInterrupt), so that temporary files are removed on the way out. Both wait for the
    end of a parallel pass under way (milliseconds; see ``_kernels._config.defer_interrupt``).
    Signal handlers belong to the main thread: elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        exception_type = Terminated if signum == signal.SIGTERM else KeyboardInterrupt
        if not defer_interrupt(exception_type):
            raise exception_type

    previous = {signal.SIGTERM: signal.signal(signal.SIGTERM, interrupt)}
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not if ignored
        previous[signal.SIGINT] = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _fail(message: str) -> int:
    sys.stderr.write(f"fastkmeans: error: {message}\n")
    return EXIT_USAGE


def _describe_os_error(exc: OSError) -> str:
    if exc.filename is not None and exc.strerror:
        return f"{exc.strerror}: {exc.filename}"
    return first_line(exc)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    """One line per warning of fastkmeans' own categories; other libraries' notices (codec
    deprecations, resource warnings) are not the user's concern here."""
    if category.__module__.split(".")[0] == "fastkmeans":
        sys.stderr.write(f"fastkmeans: warning: {first_line(Warning(message))}\n")
