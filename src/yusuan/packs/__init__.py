"""Template packs: the layout of a disclosure, as data."""

from yusuan.packs.loader import PackError, builtin_packs, check_pack, load_pack
from yusuan.packs.model import Pack, TableSpec

__all__ = ["Pack", "PackError", "TableSpec", "builtin_packs", "check_pack", "load_pack"]
