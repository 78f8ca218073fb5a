"""User errors and exit statuses."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1  # the machine ran out of memory
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_TERMINATED = 143  # 128 + SIGTERM


class UserError(Exception):
    """A problem with the user's input: reported as one line, exit status 2."""


class Terminated(KeyboardInterrupt):
    """Raised by the SIGTERM handler: the command stops as on Ctrl-C (temporary files removed,
    nothing written), with its own message and exit status."""


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message, or its type's name when it has none."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
