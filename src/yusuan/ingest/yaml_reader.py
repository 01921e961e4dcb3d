"""Read a budget from YAML or JSON, remembering the line of every value."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from yusuan.domain.source import SourceRef
from yusuan.ingest.build import Loc, Locator, path_text
from yusuan.ingest.errors import InputError, InputProblem


def _lines(node: yaml.Node, prefix: Loc, out: dict[Loc, int]) -> None:
    out[prefix] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            _lines(value_node, (*prefix, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for n, child in enumerate(node.value):
            _lines(child, (*prefix, n), out)


def _locator(file: str, lines: dict[Loc, int]) -> Locator:
    def locate(loc: Loc) -> SourceRef:
        probe = tuple(loc)
        while probe and probe not in lines:
            probe = probe[:-1]
        line = lines.get(probe)
        return SourceRef(file=file, row=line, path=path_text(loc) or None)

    return locate


def read_yaml(path: Path) -> tuple[Any, Locator]:
    """Parse ``path`` (YAML or JSON); raise :class:`InputError` with the line of a syntax error."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([InputProblem(f"文件不是 UTF-8 编码的文本（第 {exc.start} 字节）",
                                       SourceRef(file=name), code="bad-file")], name) from exc
    except OSError as exc:
        raise InputError([InputProblem(f"无法读取文件：{exc.strerror}", SourceRef(file=name),
                                       code="bad-file")], name) from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text, parse_float=str)
        except json.JSONDecodeError as exc:
            raise InputError([InputProblem(f"JSON 格式错误：{exc.msg}", SourceRef(file=name, row=exc.lineno),
                                           code="syntax")], name) from exc
        return data, lambda loc: SourceRef(file=name, path=path_text(loc) or None)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or "语法错误"
        raise InputError([InputProblem(f"YAML 格式错误：{problem}", SourceRef(file=name, row=line),
                                       code="syntax")], name) from exc
    except yaml.YAMLError as exc:
        raise InputError([InputProblem(f"YAML 格式错误：{exc}", SourceRef(file=name), code="syntax")],
                         name) from exc
    lines: dict[Loc, int] = {}
    if node is not None:
        _lines(node, (), lines)
    return data, _locator(name, lines)
