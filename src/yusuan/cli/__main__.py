"""``python -m yusuan.cli``."""

from yusuan.cli import main

main()
