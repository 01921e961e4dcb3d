"""Read a budget from YAML or JSON, remembering the line of every value."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from yusuan.domain.source import SourceRef
from yusuan.ingest.build import Loc, Locator, path_text
from yusuan.ingest.errors import InputError, InputProblem


def _lines(node: yaml.Node, prefix: Loc, out: dict[Loc, int], duplicates: list[tuple[Loc, int]]) -> None:
    """Record the line of every value; note keys that appear twice in one mapping."""
    out[prefix] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if key in seen:
                duplicates.append(((*prefix, key), key_node.start_mark.line + 1))
                continue
            seen.add(key)
            _lines(value_node, (*prefix, key), out, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for n, child in enumerate(node.value):
            _lines(child, (*prefix, n), out, duplicates)


def _locator(file: str, lines: dict[Loc, int]) -> Locator:
    def locate(loc: Loc) -> SourceRef:
        probe = tuple(loc)
        while probe and probe not in lines:
            probe = probe[:-1]
        line = lines.get(probe)
        return SourceRef(file=file, row=line, path=path_text(loc) or None)

    return locate


def read_yaml(path: Path) -> tuple[Any, Locator, list[InputProblem]]:
    """Parse ``path`` (YAML or JSON) with the line of every value.

    Raises :class:`InputError` for a file that cannot be parsed at all (with the line
    of the syntax error); returns problems such as duplicate keys alongside the data.
    """
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([InputProblem(f"无法读取文件：{exc.strerror}", SourceRef(file=name),
                                       code="bad-file")], name) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([InputProblem(f"文件不是 UTF-8 编码的文本（第 {exc.start + 1} 字节），请另存为 UTF-8",
                                       SourceRef(file=name, row=line), code="bad-file")], name) from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text, parse_float=str)
        except json.JSONDecodeError as exc:
            raise InputError([InputProblem(f"JSON 格式错误：{exc.msg}", SourceRef(file=name, row=exc.lineno),
                                           code="syntax")], name) from exc
        try:  # JSON is YAML: reuse the YAML composer for the line of every value
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return data, lambda loc: SourceRef(file=name, path=path_text(loc) or None), []
        lines: dict[Loc, int] = {}
        duplicates: list[tuple[Loc, int]] = []
        if node is not None:
            _lines(node, (), lines, duplicates)
        return data, _locator(name, lines), _duplicate_problems(name, duplicates)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        error_line = mark.line + 1 if mark is not None else None
        problem = exc.problem or "语法错误"
        raise InputError([InputProblem(f"YAML 格式错误：{problem}", SourceRef(file=name, row=error_line),
                                       code="syntax")], name) from exc
    except yaml.YAMLError as exc:
        raise InputError([InputProblem(f"YAML 格式错误：{exc}", SourceRef(file=name), code="syntax")],
                         name) from exc
    lines = {}
    duplicates = []
    if node is not None:
        _lines(node, (), lines, duplicates)
    return data, _locator(name, lines), _duplicate_problems(name, duplicates)


def _duplicate_problems(name: str, duplicates: list[tuple[Loc, int]]) -> list[InputProblem]:
    return [
        InputProblem(f"键「{loc[-1]}」重复出现，只能出现一次：请删除或合并重复的一项",
                     SourceRef(file=name, row=line, path=path_text(loc)), code="duplicate-key")
        for loc, line in duplicates
    ]
