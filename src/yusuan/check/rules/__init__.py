"""Rule families; importing this package registers every rule."""

from yusuan.check.rules import (  # noqa: F401  (imported to register)
    arithmetic,
    codes,
    completeness,
    cross_table,
    data,
    narrative,
    ordering,
    performance,
    wording,
)
