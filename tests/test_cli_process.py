"""The command line as a process: what in-process calls of ``main`` cannot show.

The real entry point ``python -m fastkmeans`` and its exit statuses, Ctrl-C, the environment it
sets, and what ``import fastkmeans`` loads. Everything else is in test_cli.py.
"""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from fastkmeans import KMeans, __version__

ROOT = Path(__file__).resolve().parents[1]


def environment(**changes):
    """This process's environment, with the repository first on the path and ``changes``
    (a value of None removes the variable)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def python(*args, cwd, env=None):
    """Run ``python ARGS`` in ``cwd``."""
    return subprocess.run(
        [sys.executable, *[str(arg) for arg in args]],
        cwd=cwd,
        env=env or environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_entry_point_exit_statuses(tmp_path):
    result = python("-m", "fastkmeans", "--version", cwd=tmp_path)
    assert result.returncode == 0
    assert (result.stdout, result.stderr) == (f"fastkmeans {__version__}\n", "")
    for args, fragment in [
        (["frobnicate"], "invalid choice: 'frobnicate'"),  # usage error (argparse)
        (["fit", "missing.csv", "-k", "2"], "data file 'missing.csv' does not exist"),
    ]:
        result = python("-m", "fastkmeans", *args, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.startswith("fastkmeans: error: ")
        assert fragment in result.stderr and len(result.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_entry_point_runs_a_command(tmp_path):
    X = np.random.default_rng(0).normal(size=(50, 2))
    np.save(tmp_path / "points.npy", X)
    result = python("-m", "fastkmeans", "fit", "points.npy", "-k", 2, "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["inertia"] == KMeans(2, random_state=0).fit(X).inertia_


# A test runner started in the background of a non-interactive shell ignores SIGINT, and its
# children inherit that (Python then installs no KeyboardInterrupt handler): restore Ctrl-C as a
# terminal user has it.
_AS_IN_A_TERMINAL = "import signal\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n"


def signal_when(code, args, cwd, ready, signum, check=None):
    """Run ``python -c code ARGS`` in ``cwd``; once it prints ``ready`` on stderr (and
    ``check(cwd)`` holds), send it ``signum``. Returns the process, its stdout and stderr."""
    process = subprocess.Popen(
        [sys.executable, "-c", _AS_IN_A_TERMINAL + code, *args],
        cwd=cwd,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr.readline() == ready
        assert check is None or check(cwd)
        process.send_signal(signum)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    return process, out, err


def temporary_exists(directory):
    return any(path.name.endswith(".fastkmeans-tmp") for path in directory.iterdir())


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is a POSIX signal")
def test_ctrl_c_stops_cleanly_and_writes_nothing(tmp_path):
    from imageio import v3 as iio

    iio.imwrite(tmp_path / "in.png", np.zeros((8, 8, 3), np.uint8))
    # The segmentation is replaced by a long wait, announced on stderr, for Ctrl-C to interrupt.
    code = (
        "import sys, time\n"
        "from fastkmeans.cli import main, running\n"
        "def wait(*args, **kwargs):\n"
        "    print('working', file=sys.stderr, flush=True)\n"
        "    time.sleep(600)\n"
        "running.segment_image = wait\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    args = ["segment", "in.png", "-k", "2", "-o", "out.png", "-q"]
    process, out, err = signal_when(code, args, tmp_path, "working\n", signal.SIGINT)
    assert process.returncode == 130
    assert (out, err) == ("", "fastkmeans: interrupted\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.png"]


def test_import_loads_neither_the_command_line_nor_optional_packages(tmp_path):
    # Not scipy: Numba imports it where it is installed.
    prefixes = ("fastkmeans.cli", "matplotlib", "tifffile", "threadpoolctl", "sklearn", "dask")
    code = f"import sys, fastkmeans\nprint([n for n in sys.modules if n.startswith({prefixes!r})])"
    result = python("-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(
    "signum, status, message",
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
)
def test_a_signal_while_writing_removes_the_temporary_files(tmp_path, signum, status, message):
    from imageio import v3 as iio

    iio.imwrite(tmp_path / "in.png", np.arange(192, dtype=np.uint8).reshape(8, 8, 3))
    (tmp_path / "old.png").write_bytes(b"precious")
    # Flushing the first output's temporary file to disk is replaced by a long wait, announced
    # on stderr: the signal arrives while the temporary file exists beside the output.
    code = (
        "import os, sys, time\n"
        "from fastkmeans.cli import main, files\n"
        "def wait(fd):\n"
        "    print('writing', file=sys.stderr, flush=True)\n"
        "    time.sleep(600)\n"
        "files.os.fsync = wait\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    args = ["segment", "in.png", "-k", "2", "-o", "old.png", "--labels", "l.npy", "-q", "--force"]
    ready = "writing\n"
    process, out, err = signal_when(code, args, tmp_path, ready, signum, check=temporary_exists)
    assert process.returncode == status
    assert (out, err) == ("", f"fastkmeans: {message}\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.png", "old.png"]
    assert (tmp_path / "old.png").read_bytes() == b"precious"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_signals_wait_for_the_renames_whatever_thread_receives_them(tmp_path, signum):
    # A process has threads besides the main one (OpenBLAS's; the kernels' pool after a
    # parallel pass): a signal arriving while the outputs are renamed must still wait until
    # the block ends, then act as usual.
    code = (
        "import os, signal, threading, time\n"
        "import numpy as np\n"
        "import fastkmeans\n"
        "from fastkmeans.cli import files\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "signal.signal(signal.SIGTERM, signal.default_int_handler)\n"
        "X = np.random.default_rng(0).normal(size=(200_000, 3)).astype(np.float32)\n"
        "fastkmeans.KMeans(4, random_state=0, n_threads=2).fit(X)\n"
        "pool = [t.name for t in threading.enumerate() if t.name.startswith('fastkmeans')]\n"
        "steps = []\n"
        "try:\n"
        "    with files._signals_held():\n"
        f"        os.kill(os.getpid(), signal.{signum})\n"
        "        for _ in range(50):\n"
        "            time.sleep(0.002)\n"
        "        steps.append('block finished')\n"
        "except KeyboardInterrupt:\n"
        "    steps.append('interrupted after it')\n"
        "print(len(pool) > 0, steps)\n"
    )
    result = python("-c", code, cwd=tmp_path, env=environment(NUMBA_NUM_THREADS="2"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True ['block finished', 'interrupted after it']"
