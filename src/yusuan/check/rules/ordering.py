"""Families M and C (continued): order of table rows, printed names and decimals (rules M530, C330 and up)."""

from __future__ import annotations
