"""Compute: tables and key figures derived from a budget (pure functions)."""

from yusuan.compute.engine import compute_tables
from yusuan.compute.model import Cell, Column, HeaderCell, Row, Table, Tables
from yusuan.compute.summary import Change, Direction, Summary, summarize

__all__ = ["Cell", "Change", "Column", "Direction", "HeaderCell", "Row", "Summary", "Table", "Tables",
           "compute_tables", "summarize"]
