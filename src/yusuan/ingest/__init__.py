"""Inputs: YAML/JSON and the Excel 填报模板, into the domain model."""

from yusuan.ingest.errors import InputError, InputProblem
from yusuan.ingest.load import Loaded, load_budget

__all__ = ["InputError", "InputProblem", "Loaded", "load_budget"]
