"""Small helpers the kernels use instead of Numba's overloads of numpy calls.

Each overload a kernel calls (``np.zeros``, ``np.ascontiguousarray``, ``ndarray.sum``, ...) is
compiled again in every fresh process, once for each argument signature it meets: 30-150 ms
each on the machines here, as overloads are not cached with the kernels that call them. These
helpers are inlined at Numba-IR level and typed with the kernel itself. Measured on a fresh
process's first fit of a photo: overloads took 0.9-1.0 s of its 5.2-5.5 s of compilation, and
0.3 s once the kernels it compiles used these instead (and ``np.empty`` only).
"""

import numpy as np

from ._config import jit_inline

# For the kernels' rounding slacks: ``np.finfo`` inside a kernel compiles an overload.
FLOAT64_EPS = float(np.finfo(np.float64).eps)


@jit_inline
def zeroed(out):
    """``out[:] = 0`` for a 1-D array, returned: ``np.zeros`` is ``np.empty`` then this."""
    for i in range(out.shape[0]):
        out[i] = 0
    return out


@jit_inline
def transposed(a):
    """A C-contiguous copy of ``a.T`` for a 2-D array (``np.ascontiguousarray(a.T)``)."""
    out = np.empty((a.shape[1], a.shape[0]), a.dtype)
    for f in range(a.shape[1]):
        for j in range(a.shape[0]):
            out[f, j] = a[j, f]
    return out
