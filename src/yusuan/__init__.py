"""yusuan (预算): compile, check and publish Chinese government departmental budgets.

The Python API lives in :mod:`yusuan.api`; the CLI, web and REST layers are thin
wrappers around it.
"""

__version__ = "0.1.0"
