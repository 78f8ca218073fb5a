"""Shared test configuration: hypothesis profiles and session-scoped data."""

import os
from typing import NamedTuple

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

# "ci": reproducible examples (derandomize) so a red CI is never a lucky draw; "dev": random.
# deadline=None because the first call of a kernel compiles it.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    deadline=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# What the test extra installs (setup.cfg), by import name. Tests that need one of them skip
# without it on a developer's machine; in CI a missing one would only show as skips, hiding a
# broken install step, so there it fails the run.
TEST_EXTRA_MODULES = (
    "hypothesis",
    "threadpoolctl",
    "sklearn",
    "scipy",
    "pandas",
    "dask",
    "distributed",
    "tifffile",
    "matplotlib",
)


def pytest_configure(config):
    if not os.environ.get("CI"):
        return
    import importlib.util

    def installed(name):
        try:
            return importlib.util.find_spec(name) is not None
        except ImportError:
            return False

    missing = [name for name in TEST_EXTRA_MODULES if not installed(name)]
    if missing:
        raise pytest.UsageError(
            f"CI is set and the test extra is incomplete: {', '.join(missing)} missing; "
            f'install it with pip install -e ".[test]"'
        )


@pytest.fixture(scope="session")
def blobs():
    """Small well-separated 2-D Gaussian blobs (float64), 4 clusters of 50 points."""
    rng = np.random.default_rng(1234)
    centers = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [10.0, 10.0]])
    X = np.concatenate([c + rng.normal(size=(50, 2)) for c in centers])
    return X


class CliResult(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    """``run(*args)``: the command line's ``main(args)`` in-process, with ``tmp_path`` as the
    working directory; its exit status and what it printed."""
    from fastkmeans.cli import main

    monkeypatch.chdir(tmp_path)

    def run(*args):
        capsys.readouterr()
        returncode = main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        return CliResult(returncode, out, err)

    return run


@pytest.fixture
def pool_submissions(monkeypatch):
    """A list that grows by one for every slice a parallel pass hands to fastkmeans's pool,
    for tests comparing thread counts to check that their inputs were split at all (a small
    input runs on the calling thread whatever the setting); None with one thread only."""
    import numba

    from fastkmeans._kernels import _config

    if numba.config.NUMBA_NUM_THREADS < 2:
        return None
    pool = _config.thread_pool()
    real_submit = pool.submit
    submitted = []

    def submit(*args, **kwargs):
        submitted.append(1)
        return real_submit(*args, **kwargs)

    monkeypatch.setattr(pool, "submit", submit)
    return submitted
