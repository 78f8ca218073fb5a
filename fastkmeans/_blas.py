"""BLAS held to one thread while fastkmeans runs its products on its own threads.

The wide-row search interleaves BLAS products with fastkmeans's kernels, chunk by chunk. With
BLAS on its own threads, OpenBLAS's threads spin for a while after each product and take cores
from the kernels that follow. Measured on 2 cores, paired, 10 iterations: with BLAS at one
thread and the chunks spread over fastkmeans's threads, 0.82 / 0.80 / 0.62 of the time on
200,000 x 128, k = 256; 100,000 x 768, k = 64; 1,000,000 x 32, k = 1024 (whose runs of
6.8-9.0 s, beside the usual 3.9-5.1 s, did not recur: 2.8-4.9 s since). Holding BLAS to one
thread needs ``threadpoolctl`` (``pip install fastkmeans[blas]``; scikit-learn installs it
too); without it BLAS keeps its threads and the chunks run one after another, as before. The
results are the same either way: the search decides every row with exact distances, whatever
BLAS computed the products with.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Iterator

import numpy as np


@functools.cache
def _controller():
    """threadpoolctl's view of the BLAS libraries loaded in this process, or None."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    controller = ThreadpoolController().select(user_api="blas")
    return controller if controller.lib_controllers else None


def numpy_blas(lib_controllers: list) -> list:
    """Those of ``lib_controllers`` that numpy's products call: the libraries inside numpy's
    folders (a wheel's ``numpy.libs``), or all of them when none is (numpy linked against a
    system or conda BLAS).

    Other packages load BLAS libraries of their own (faiss-cpu an OpenBLAS built with OpenMP);
    their threading does not matter to numpy's products.
    """
    package = os.path.dirname(os.path.realpath(np.__file__))
    folders = (package + os.sep, package + ".libs" + os.sep)
    numpy_own = [
        lib for lib in lib_controllers if os.path.realpath(lib.filepath).startswith(folders)
    ]
    return numpy_own or list(lib_controllers)


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[bool]:
    """Hold every loaded BLAS to one thread inside the block; yields whether it did.

    Only from the main thread: threadpoolctl lets one thread (the first that sets a limit)
    change OpenBLAS's thread count, and ignores the others, so a limit set from a worker
    thread could neither be relied on nor be undone by the user's own threadpoolctl calls.
    Nor where a BLAS's count is per thread (OpenBLAS built with OpenMP): the limit would not
    reach fastkmeans's threads. In both cases nothing changes and the block gets False. Only
    numpy's own BLAS is judged (:func:`numpy_blas`); every BLAS is held.
    """
    controller = _controller()
    if controller is None or threading.current_thread() is not threading.main_thread():
        yield False
        return
    limiter = controller.limit(limits=1)
    try:
        yield all(
            lib.get_num_threads() == 1 and getattr(lib, "threading_layer", "") != "openmp"
            for lib in numpy_blas(controller.lib_controllers)
        )
    finally:
        limiter.restore_original_limits()
