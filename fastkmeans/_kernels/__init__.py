"""Private Numba kernels: C-contiguous arrays in, no validation, no ``np.random``.

Every parallel kernel loops over the fixed blocks of :func:`fastkmeans._parallel.block_bounds`,
writes only its own block's accumulator slot, and leaves the reduction (in block order) to the
driver, so results do not depend on the thread count.
"""
