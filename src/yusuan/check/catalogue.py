"""The rule catalogue (docs/rules.md): every registered rule, grouped by family, formatted as Markdown.

The example messages come from running each rule's failing fixture (tests/checker);
``scripts/gen_rules_doc.py`` collects them and writes the file, and a test keeps it in
sync with the registry.  Without examples (``yusuan rules --format markdown``) the
catalogue lists the message templates only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from yusuan.check.issue import Issue, Severity, Tier
from yusuan.check.registry import FAMILIES, Rule

NEED_LABELS: Mapping[str, str] = {
    "budget": "预算明细",
    "summary": "关键数字（由明细算出）",
    "catalog": "科目目录",
    "pack": "模板包",
    "tables": "表格",
    "narrative": "说明文字",
}
COMPILED_ONLY = frozenset({"budget", "summary"})
"""Needs that only a budget compiled by yusuan meets (an imported disclosure has no line items)."""

HEADER = """# 检查规则目录

<!-- 本文件由 scripts/gen_rules_doc.py 根据规则注册表生成，请勿手工编辑。修改规则后运行
     .venv/bin/python scripts/gen_rules_doc.py
     或 YUSUAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/checker/test_rules_doc.py -->

`yusuan check` 运行下列规则（`yusuan rules` 列出同样的内容）。每条规则有一个永不复用的代码
（族字母 + 三位数字）和一个简称（slug）；`--only`、`--skip` 可以用代码、简称或标签选择规则，`--tier` 选择层级。
"""

LEVELS = """**级别**：错误（error）阻止发布——`yusuan build` 不生成文件，除非加 `--force`；
警告（warning）和提示（notice）不阻止发布，但应逐条核实。**层级**：基本（basic）是每份公开文件都必须满足的；严格（strict）是细心的审核人员会查的；
建议（advisory）是良好做法。`--tier basic` 只运行基本规则，`--tier strict` 运行基本和严格规则，默认全部运行。

**适用**：需要“预算明细”或“关键数字”的规则只适用于由 yusuan 从预算数据编制的文件；其余规则同样适用于从已公开的
PDF 或文本读入的文件。示例是对示例预算故意改错后，规则实际给出的位置和说明。
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def applicability(rule: Rule) -> str:
    needs = "、".join(NEED_LABELS.get(n, n) for n in rule.needs) or "无"
    scope = "仅适用于由预算数据编制的文件" if COMPILED_ONLY & set(rule.needs) else "编制的文件和已公开的文件都适用"
    return f"需要 {needs}；{scope}"


def example_text(issue: Issue) -> str:
    where = issue.location.describe()
    return issue.message if where == "（整个文件）" else f"{where}：{issue.message}"


def _counts(rules: Sequence[Rule]) -> str:
    by_sev = "，".join(f"{s.label} {n}" for s in Severity if (n := sum(1 for r in rules if r.severity is s)))
    by_tier = "，".join(f"{t.label} {n}" for t in Tier if (n := sum(1 for r in rules if r.tier is t)))
    return f"{by_sev}；{by_tier}"


def families(rules: Sequence[Rule]) -> list[tuple[str, str, list[Rule]]]:
    """(letter, name, rules) for every family that has rules, in the registry's family order."""
    return [(letter, name, [r for r in rules if r.family == letter]) for letter, name in FAMILIES.items()
            if any(r.family == letter for r in rules)]


def _rule_section(rule: Rule, example: Issue | None) -> list[str]:
    tags = "、".join(t for t in rule.tags if t != FAMILIES.get(rule.family)) or "—"
    lines = [
        f"### {rule.code} {rule.title}",
        "",
        f"- 简称 `{rule.slug}` · {rule.severity.label}（{rule.severity.value}）"
        f" · {rule.tier.label}（{rule.tier.value}） · 标签：{tags}",
        f"- 适用：{applicability(rule)}",
        f"- 说明模板：{rule.message}",
    ]
    if example is not None:
        lines.append(f"- 示例：{example_text(example)}")
    if rule.hint:
        lines.append(f"- 建议：{rule.hint}")
    lines.append("")
    return lines


def catalogue_markdown(rules: Sequence[Rule], examples: Mapping[str, Issue] | None = None) -> str:
    """The catalogue as Markdown: counts, an overview per family, then every rule with its example."""
    groups = families(rules)
    lines = [HEADER, f"共 {len(rules)} 条规则（{_counts(rules)}）。", "", "| 族 | 名称 | 规则数 | 级别 |",
             "|---|---|---|---|"]
    lines += [f"| {letter} | {name} | {len(rs)} | {_counts(rs)} |" for letter, name, rs in groups]
    lines += ["", LEVELS]
    for letter, name, rs in groups:
        lines += [f"## {letter} {name}（{len(rs)} 条）", "", "| 代码 | 标题 | 级别 | 层级 | 简称 |",
                  "|---|---|---|---|---|"]
        lines += [f"| {r.code} | {_cell(r.title)} | {r.severity.label} | {r.tier.label} | `{r.slug}` |" for r in rs]
        lines.append("")
        for r in rs:
            lines += _rule_section(r, (examples or {}).get(r.code))
    return "\n".join(lines).rstrip("\n") + "\n"
