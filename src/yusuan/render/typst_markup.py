"""Typst source building blocks for the PDF renderer.

Every piece of user text reaches Typst as a *string literal in code mode*
(``"..."`` with ``\\`` and ``"`` escaped), never as markup, so characters that
mean something in Typst markup (``# * _ ` $ < > @ [ ] \\ / =`` …) print as
themselves.  :data:`PREAMBLE` holds the page styles and the small Typst functions
that the generated body calls (``yp``, ``ytitle``, ``ytable`` …).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Font stacks: the usual Windows/Office family names first, then the free fonts
# Debian ships (fonts-noto-cjk).  Latin letters and digits come from a Times-like
# font, as in official documents typeset with Word (``covers: "latin-in-cjk"``
# leaves CJK punctuation such as “ ” to the CJK font).
LATIN_SERIF: tuple[str, ...] = ("Times New Roman", "Liberation Serif", "TeX Gyre Termes")
FANGSONG: tuple[str, ...] = ("FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC")
SONG: tuple[str, ...] = ("SimSun", "宋体", "NSimSun", "STSong", "Noto Serif CJK SC")
HEI: tuple[str, ...] = ("SimHei", "黑体", "STHeiti", "Noto Sans CJK SC")
KAI: tuple[str, ...] = ("KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "STKaiti", "AR PL UKai CN", "Noto Serif CJK SC")
BIAOSONG: tuple[str, ...] = (
    "FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK", "STZhongsong", "华文中宋", "Noto Serif CJK SC",
)

_PLACEHOLDER = re.compile(r"@([a-z]+)@")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def string(text: str) -> str:
    """A Typst string literal holding ``text`` exactly."""
    out = ['"']
    for ch in text:
        esc = _ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0x2028 <= ord(ch) <= 0x2029:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def text(value: str) -> str:
    """A code-mode expression printing ``value``; line breaks in it become Typst line breaks."""
    if "\n" not in value:
        return string(value)
    return f"ylines({string(value)})"


def array(items: Iterable[str]) -> str:
    """A Typst array literal of already-built expressions (a trailing comma keeps 1-tuples arrays)."""
    parts = list(items)
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def pt(value: float) -> str:
    return f"{value:.2f}pt"


def _font_family(names: Sequence[str]) -> str:
    return array(string(n) for n in names)


def _font_stack(cjk: Sequence[str], *, latin: Sequence[str] = LATIN_SERIF) -> str:
    latin_part = [f"(name: {string(n)}, covers: \"latin-in-cjk\")" for n in latin]
    return array([*latin_part, *(string(n) for n in cjk)])


def font_stacks() -> dict[str, str]:
    """Typst expressions for the font stacks, by the names the preamble uses."""
    return {
        "fang": _font_stack(FANGSONG),
        "song": _font_stack(SONG),
        "kai": _font_stack(KAI),
        "hei": _font_family(HEI),
        "biaosong": _font_family(BIAOSONG),
    }


# Sizes in pt: 二号 22, 小二 18, 三号 16, 四号 14, 小四 12, 五号 10.5.
PREAMBLE = r"""
#let fang = @fang@
#let song = @song@
#let kai = @kai@
#let hei = @hei@
#let biaosong = @biaosong@

#let portrait = (paper: "a4", flipped: false, margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm))
#let landscape = (paper: "a4", flipped: true, margin: (top: 20mm, bottom: 24mm, left: 20mm, right: 20mm))
#let yfooter = context align(center, text(font: song, size: 14pt, number-width: "tabular",
  "— " + counter(page).display("1") + " —"))

#set document(title: @title@, author: @author@, keywords: @keywords@, date: none)
#set text(font: fang, size: 16pt, lang: "zh", region: "cn", cjk-latin-spacing: none,
  top-edge: 0.88em, bottom-edge: -0.12em, hyphenate: false)
#set par(justify: true, leading: 0.8em, spacing: 0.8em, first-line-indent: (amount: 2em, all: true))
#set table(stroke: 0.5pt + black)
#set outline(depth: 4)

#let ylines(s) = s.split("\n").join(linebreak())
// Text that may break between any two characters (runs too long for their column).
#let ybrk(s) = s.split("\n").map(l => l.clusters().map(box).join()).join(linebreak())
#let noindent = (amount: 0pt, all: true)

#show heading: set text(weight: "regular")
#show heading: set block(sticky: true)
#show heading.where(level: 1): it => block(width: 100%, above: 1.6em, below: 1.2em, sticky: true,
  align(center, text(font: hei, size: 18pt, weight: "bold", it.body)))
#show heading.where(level: 2): it => block(width: 100%, above: 1.1em, below: 0.8em, sticky: true,
  par(first-line-indent: noindent, justify: false, h(2em) + text(font: hei, size: 16pt, it.body)))
#show heading.where(level: 3): it => block(width: 100%, above: 0.9em, below: 0.8em, sticky: true,
  par(first-line-indent: noindent, justify: false, h(2em) + text(font: kai, size: 16pt, weight: "bold", it.body)))
#show heading.where(level: 4): it => block(width: 100%, above: 0.8em, below: 0.8em, sticky: true,
  par(first-line-indent: noindent, justify: false, h(2em) + text(font: fang, size: 16pt, weight: "bold", it.body)))
// Table anchors: invisible headings that give tables their 目录 entries and bookmarks.
#show <yanchor>: it => none

// 目录 entries: the title with dot leaders in a column of its own and the page number, bottom-aligned,
// in a narrow column on the right, so wrapped titles never push the number onto a line of its own.
#let yleader = box(width: 1fr, repeat(gap: 0.25em, text(font: song, ".")))
#show outline.entry: it => {
  set text(size: 14pt, font: if it.level == 1 { hei } else { fang })
  set par(first-line-indent: noindent, justify: false)
  block(above: 0.75em, below: 0pt, link(it.element.location(), pad(left: (it.level - 1) * 2em,
    grid(columns: (1fr, auto), column-gutter: 0.25em, align: (left, right + bottom),
      it.body() + h(0.4em) + yleader, it.page()))))
}

// Level-1 headings: the outline gets the text in one line, the page shows it in balanced lines.
#let ypart(body, shown, outlined) = block(width: 100%, above: 1.6em, below: 1.2em, sticky: true, {
  [#heading(level: 1, outlined: outlined, bookmarked: true, body) <yanchor>]
  set par(first-line-indent: noindent, justify: false)
  align(center, text(font: hei, size: 18pt, weight: "bold", shown))
})

#let yp(style, body) = {
  if style == "body" or style == "statement" {
    par(body)
  } else if style == "note" {
    par(text(size: 14pt, body))
  } else if style == "center" {
    align(center, par(first-line-indent: noindent, body))
  } else if style == "right" {
    align(right, par(first-line-indent: noindent, justify: false, body))
  } else if style == "signature" {
    v(1.2em)
    align(right, pad(right: 2em, par(first-line-indent: noindent, justify: false, body)))
  } else {
    par(body)
  }
}

#let ytitle(title, subtitle, date, cover) = {
  set par(first-line-indent: noindent, justify: false)
  if cover {
    v(52mm)
  }
  align(center, text(font: biaosong, size: 22pt, weight: "bold", title))
  if subtitle != "" {
    v(0.8em)
    align(center, text(font: kai, size: 16pt, subtitle))
  }
  if cover {
    v(1fr)
    if date != "" { align(center, text(font: fang, size: 16pt, date)) }
    v(30mm)
  } else {
    if date != "" { v(0.4em); align(center, text(font: fang, size: 16pt, date)) }
    v(1.2em)
  }
}

#let ytoc(title) = {
  set par(first-line-indent: noindent, justify: false)
  align(center, block(below: 1.4em, text(font: hei, size: 18pt, weight: "bold", title)))
  outline(title: none)
}

#let ytable(code, title, org, unit, anchor, level, outlined, size, title-size, tbl, after) = {
  set par(first-line-indent: noindent, justify: false)
  block(width: 100%, sticky: true, below: 0.5em, {
    if anchor != none [#heading(level: level, outlined: outlined, bookmarked: true, anchor) <yanchor>]
    if code != "" { align(left, text(font: hei, size: 12pt, code)) }
    align(center, block(above: 0.4em, below: 0.7em, text(font: biaosong, size: title-size, weight: "bold", title)))
    set text(font: song, size: calc.max(size, 9pt), number-width: "tabular")
    grid(columns: (1fr, auto), column-gutter: 2em, align(left, org), align(right, unit))
  })
  {
    set text(font: song, size: size, number-width: "tabular")
    set par(leading: 0.45em, justify: false)
    tbl
  }
  if after.len() > 0 {
    set text(font: song, size: calc.max(size, 9pt))
    set par(leading: 0.55em, spacing: 0.55em, justify: true)
    block(above: 0.6em, for p in after { par(p) })
  }
}

#let yb(body) = strong(body)
"""


def preamble(*, title: str, author: str, keywords: Sequence[str], fonts: dict[str, str]) -> str:
    values = {
        **fonts,
        "title": string(title),
        "author": string(author),
        "keywords": array(string(k) for k in keywords),
    }
    # one pass, so that a placeholder-like text inside a value is never substituted again
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], PREAMBLE)


__all__ = ["BIAOSONG", "FANGSONG", "HEI", "KAI", "PREAMBLE", "SONG", "array", "font_stacks", "preamble", "pt",
           "string", "text"]
