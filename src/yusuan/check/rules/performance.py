"""Family: see yusuan.check.registry.FAMILIES (rules are added by the family's author)."""

from __future__ import annotations
