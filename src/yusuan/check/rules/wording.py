"""Family N (continued): wording and typography of the narrative (rules N430 and up)."""

from __future__ import annotations
