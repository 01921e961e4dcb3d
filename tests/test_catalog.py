"""Classification catalogues: shipped facts, CSV parsing, user-loaded files per year."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.catalog import CatalogFileError, CatalogKind, catalog_dir, install_catalog_file, load_catalog
from yusuan.catalog.loader import CodeEntry, parse_code_csv, parse_crosswalk_csv
from yusuan.domain.enums import UnitType
from yusuan.ingest import load_budget

ROOT = Path(__file__).resolve().parents[1]
XINXIANG = ROOT / "examples" / "xinxiang-2024" / "budget.yaml"

ORGAN_TYPES = (UnitType.ADMINISTRATIVE, UnitType.CIVIL_SERVICE_MANAGED)


@pytest.fixture(autouse=True)
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user catalogue store, always inside tmp_path."""
    path = tmp_path / "store"
    monkeypatch.setenv("YUSUAN_CATALOG_DIR", str(path))
    return path


def csv_file(tmp_path: Path, text: str, name: str = "catalog.csv", *, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems(excinfo: pytest.ExceptionInfo[CatalogFileError]) -> list[str]:
    return excinfo.value.problems


# -- shipped facts --------------------------------------------------------------------------------


def test_catalog_dir_follows_env(store: Path) -> None:
    assert catalog_dir() == store


def test_shipped_functional_names() -> None:
    cat = load_catalog(2024)
    assert cat.year == 2024
    assert cat.functional["2010301"] == "行政运行"
    assert cat.functional["201"] == "一般公共服务支出"
    assert cat.functional["20103"] == "政府办公厅（室）及相关机构事务"
    assert cat.has_functional("2010301")
    assert not cat.has_functional("2019999")


def test_shipped_economic_names() -> None:
    cat = load_catalog(2024)
    assert cat.econ["30101"] == "基本工资"
    assert cat.econ["301"] == "工资福利支出"
    assert cat.econ["30201"] == "办公费"
    assert cat.gov_econ["50101"] == "工资奖金津补贴"
    assert cat.gov_econ["50201"] == "办公经费"
    assert cat.gov_econ["50502"] == "商品和服务支出"
    assert cat.gov_econ["50905"] == "离退休费"


@pytest.mark.parametrize("unit_type", ORGAN_TYPES)
def test_crosswalk_for_organs(unit_type: UnitType) -> None:
    cat = load_catalog(2024)
    assert cat.gov_code_for("30101", unit_type) == "50101"
    assert cat.gov_code_for("30201", unit_type) == "50201"
    assert cat.gov_code_for("30302", unit_type) == "50905"
    assert cat.gov_code_for("30107", unit_type) is None  # 绩效工资: 事业单位 only


def test_crosswalk_for_institutions() -> None:
    cat = load_catalog(2024)
    inst = UnitType.PUBLIC_INSTITUTION
    assert cat.gov_code_for("30201", inst) == "50502"
    assert cat.gov_code_for("30299", inst) == "50502"  # the whole 302 类
    assert cat.gov_code_for("30101", inst) == "50501"
    assert cat.gov_code_for("30107", inst) == "50501"
    assert cat.gov_code_for("30302", inst) == "50905"  # no 事业 row for 303: the 机关 row applies
    assert cat.gov_code_for("39999", inst) == "59999"
    assert cat.gov_code_for("30198", inst) == "50501"  # 301 类 row
    assert cat.gov_code_for("30198", UnitType.ADMINISTRATIVE) is None
    assert cat.gov_code_for("30498", inst) is None


@pytest.mark.parametrize(("year", "name"), [(2018, "行政事业单位离退休"), (2019, "行政事业单位离退休"),
                                            (2024, "行政事业单位养老支出")])
def test_year_specific_name(year: int, name: str) -> None:
    assert load_catalog(year).functional["20805"] == name


def test_year_specific_econ_catalogue_starts_2018() -> None:
    # econ_dept.csv rows are valid from 2018; without a year the newest name is used
    assert load_catalog(None).econ["30101"] == "基本工资"
    assert load_catalog(None).functional["20805"] == "行政事业单位养老支出"


def test_shipped_catalogue_is_consistent() -> None:
    cat = load_catalog(2024)
    for code in cat.functional:
        assert len(code) in (3, 5, 7) and code.isdigit(), code
        for parent in (code[:3], code[:5]):
            if len(parent) < len(code):
                assert parent in cat.functional, f"{code} without parent {parent}"
    for table in (cat.econ, cat.gov_econ):
        for code in table:
            assert len(code) in (3, 5) and code[:3] in table, code
    for mapping in (cat.crosswalk_organ, cat.crosswalk_institution):
        for dept, gov in mapping.items():
            assert dept in cat.econ, dept
            assert gov in cat.gov_econ, gov
    unmapped = sorted(c for c in cat.econ if len(c) == 5 and cat.gov_code_for(c, UnitType.ADMINISTRATIVE) is None)
    assert unmapped == ["30107"]


def test_sources_name_the_shipped_data() -> None:
    assert load_catalog(2024).sources == ("随附目录（部分）：catalog/data/PROVENANCE.md",)


# -- code CSV parsing -----------------------------------------------------------------------------------


def test_parse_english_headers() -> None:
    entries = parse_code_csv("code,name\n2010301,行政运行\n201,一般公共服务支出\n", CatalogKind.FUNCTIONAL)
    assert entries == [CodeEntry("2010301", "行政运行"), CodeEntry("201", "一般公共服务支出")]


def test_parse_chinese_headers_bom_and_blank_lines() -> None:
    text = "\ufeff编码,名称,起始年度,终止年度\n\n2010301,行政运行,2024,\n ,  \n2010302, 一般行政管理事务 ,,2025\n\n"
    entries = parse_code_csv(text, CatalogKind.FUNCTIONAL)
    assert entries == [
        CodeEntry("2010301", "行政运行", 2024, None),
        CodeEntry("2010302", "一般行政管理事务", None, 2025),
    ]


def test_parse_other_header_spellings_and_column_order() -> None:
    text = "科目名称,level,科目编码\n基本工资,款,30101\n"
    assert parse_code_csv(text, CatalogKind.ECON) == [CodeEntry("30101", "基本工资")]


def test_parse_normalizes_spaced_codes() -> None:
    assert parse_code_csv('code,name\n"201 03 01",行政运行\n', CatalogKind.FUNCTIONAL)[0].code == "2010301"


def test_parse_reports_every_bad_line_with_its_number() -> None:
    text = "编码,名称,起始年度\n\n2010301,行政运行,2024\n20103X,坏编码\n2010302,\n2010303,机关服务,24\n,无编码\n"
    with pytest.raises(CatalogFileError) as info:
        parse_code_csv(text, CatalogKind.FUNCTIONAL, "f.csv")
    assert problems(info) == [
        "f.csv：第 4 行：编码「20103X」不是有效的支出功能分类科目编码",
        "f.csv：第 5 行：编码 2010302 缺少名称",
        "f.csv：第 6 行：年份「24」应为四位数字",
        "f.csv：第 7 行：编码「」不是有效的支出功能分类科目编码",
    ]
    assert str(info.value).startswith("f.csv：第 4 行")


def test_parse_line_numbers_count_the_blank_lines() -> None:
    with pytest.raises(CatalogFileError) as info:
        parse_code_csv("code,name\n\n\n\n3010,x\n", CatalogKind.ECON)
    assert problems(info) == ["第 5 行：编码「3010」不是有效的部门预算支出经济分类科目编码"]


def test_parse_economic_kind_rejects_functional_codes() -> None:
    with pytest.raises(CatalogFileError) as info:
        parse_code_csv("code,name\n301,工资福利支出\n2010301,行政运行\n", CatalogKind.ECON, "e.csv")
    assert problems(info) == ["e.csv：第 3 行：编码「2010301」不是有效的部门预算支出经济分类科目编码"]


def test_parse_gov_kind_label() -> None:
    with pytest.raises(CatalogFileError) as info:
        parse_code_csv("code,name\n5x101,a\n", CatalogKind.GOV_ECON)
    assert problems(info) == ["第 2 行：编码「5x101」不是有效的政府预算支出经济分类科目编码"]


@pytest.mark.parametrize("text", ["", "\ufeff"])
def test_parse_empty_file(text: str) -> None:
    with pytest.raises(CatalogFileError) as info:
        parse_code_csv(text, CatalogKind.FUNCTIONAL, "empty.csv")
    assert problems(info) == ["empty.csv：文件为空"]


def test_parse_missing_header() -> None:
    with pytest.raises(CatalogFileError) as info:
        parse_code_csv("2010301,行政运行\n", CatalogKind.FUNCTIONAL, "h.csv")
    assert problems(info) == ["h.csv：第 1 行应为表头，至少包含 code（编码）和 name（名称）列"]


def test_error_message_is_truncated_after_five_problems() -> None:
    text = "code,name\n" + "".join(f"X{n},a\n" for n in range(7))
    with pytest.raises(CatalogFileError) as info:
        parse_code_csv(text, CatalogKind.FUNCTIONAL)
    assert len(problems(info)) == 7
    assert str(info.value).endswith("…")
    assert str(info.value).count("；") == 4


# -- crosswalk CSV parsing ------------------------------------------------------------------------------


def test_parse_crosswalk() -> None:
    text = "\ufeff部门经济分类编码,政府经济分类编码,适用单位\n30201,50201,机关\n\n302,50502,事业\n"
    assert parse_crosswalk_csv(text) == [("30201", "50201", "机关"), ("302", "50502", "事业")]


def test_parse_crosswalk_defaults_to_organs() -> None:
    assert parse_crosswalk_csv("dept_code,gov_code\n30201,50201\n") == [("30201", "50201", "机关")]


def test_parse_crosswalk_errors_with_line_numbers() -> None:
    text = "dept_code,gov_code,applies_to\n30101,5010,机关\n30102,50101,企业\n\nabc,50101,机关\n30103,50101,事业\n"
    with pytest.raises(CatalogFileError) as info:
        parse_crosswalk_csv(text, "x.csv")
    assert problems(info) == [
        "x.csv：第 2 行：对应关系「30101 → 5010」编码无效",
        "x.csv：第 3 行：适用单位「企业」应为「机关」或「事业」",
        "x.csv：第 5 行：对应关系「abc → 50101」编码无效",
    ]


def test_parse_crosswalk_missing_header_and_empty() -> None:
    with pytest.raises(CatalogFileError) as info:
        parse_crosswalk_csv("code,name\n30101,50101\n", "x.csv")
    assert problems(info) == ["x.csv：表头应包含 dept_code 和 gov_code 列（可选 applies_to：机关/事业）"]
    with pytest.raises(CatalogFileError) as info:
        parse_crosswalk_csv("", "x.csv")
    assert problems(info) == ["x.csv：文件为空"]


def test_parse_crosswalk_short_row_is_reported() -> None:
    with pytest.raises(CatalogFileError) as info:
        parse_crosswalk_csv("dept_code,gov_code,applies_to\n30101,50101,机关\n30102\n", "x.csv")
    assert problems(info) == ["x.csv：第 3 行：列数不足（缺少 dept_code 或 gov_code）"]


# -- installing user catalogues -------------------------------------------------------------------------


def test_install_copies_into_the_year_folder(tmp_path: Path, store: Path) -> None:
    src = csv_file(tmp_path, "\ufeff编码,名称\n2010301,本局行政运行\n", "官方目录.csv")
    dest = install_catalog_file(src, CatalogKind.FUNCTIONAL, 2024)
    assert dest == store / "2024" / "functional.csv"
    assert dest.read_text(encoding="utf-8") == "编码,名称\n2010301,本局行政运行\n"


def test_installed_names_override_shipped_for_that_year_only(tmp_path: Path) -> None:
    assert load_catalog(2024).functional["2010301"] == "行政运行"  # cached before the install
    src = csv_file(tmp_path, "code,name\n2010301,本局行政运行\n2019999,其他一般公共服务支出（新）\n")
    install_catalog_file(src, CatalogKind.FUNCTIONAL, 2024)
    cat2024 = load_catalog(2024)
    assert cat2024.functional["2010301"] == "本局行政运行"
    assert cat2024.functional["2019999"] == "其他一般公共服务支出（新）"
    assert cat2024.functional["2010302"] == "一般行政管理事务"  # shipped entries not in the file stay
    assert any("functional.csv" in s for s in cat2024.sources)
    cat2023 = load_catalog(2023)
    assert cat2023.functional["2010301"] == "行政运行"
    assert "2019999" not in cat2023.functional


def test_installed_econ_catalogue(tmp_path: Path) -> None:
    install_catalog_file(csv_file(tmp_path, "code,name\n30101,岗位工资\n"), CatalogKind.ECON, 2024)
    assert load_catalog(2024).econ["30101"] == "岗位工资"
    assert load_catalog(2024).gov_econ["50101"] == "工资奖金津补贴"


def test_installed_crosswalk_overrides_shipped(tmp_path: Path) -> None:
    src = csv_file(tmp_path, "dept_code,gov_code,applies_to\n30201,50299,机关\n30201,50599,事业\n")
    install_catalog_file(src, CatalogKind.CROSSWALK, 2025)
    cat = load_catalog(2025)
    assert cat.gov_code_for("30201", UnitType.ADMINISTRATIVE) == "50299"
    assert cat.gov_code_for("30201", UnitType.PUBLIC_INSTITUTION) == "50599"
    assert cat.gov_code_for("30202", UnitType.ADMINISTRATIVE) == "50201"
    assert load_catalog(2024).gov_code_for("30201", UnitType.ADMINISTRATIVE) == "50201"


def test_installed_catalogue_is_used_by_the_budget(tmp_path: Path) -> None:
    install_catalog_file(csv_file(tmp_path, "code,name\n30101,岗位工资\n"), CatalogKind.ECON, 2024)
    budget = load_budget(XINXIANG).budget
    assert budget.econ_name("30101") == "岗位工资"


def test_install_rejects_a_bad_file_and_keeps_nothing(tmp_path: Path, store: Path) -> None:
    src = csv_file(tmp_path, "code,name\n2010301,行政运行\n20103X,坏\n", "bad.csv")
    with pytest.raises(CatalogFileError) as info:
        install_catalog_file(src, CatalogKind.FUNCTIONAL, 2024)
    assert problems(info) == [f"{src}：第 3 行：编码「20103X」不是有效的支出功能分类科目编码"]
    assert not (store / "2024" / "functional.csv").exists()


def test_install_rejects_a_bad_crosswalk(tmp_path: Path, store: Path) -> None:
    src = csv_file(tmp_path, "dept_code,gov_code,applies_to\n30201,50201,企业\n", "xw.csv")
    with pytest.raises(CatalogFileError) as info:
        install_catalog_file(src, CatalogKind.CROSSWALK, 2024)
    assert problems(info) == [f"{src}：第 2 行：适用单位「企业」应为「机关」或「事业」"]
    assert not (store / "2024").exists()


def test_install_non_utf8_raises_decode_error(tmp_path: Path) -> None:
    src = csv_file(tmp_path, "编码,名称\n2010301,行政运行\n", encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        install_catalog_file(src, CatalogKind.FUNCTIONAL, 2024)


def test_extra_dir_overlays_shipped(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "functional.csv").write_text("code,name\n2010301,会议指定名称\n", encoding="utf-8")
    assert load_catalog(2024, extra).functional["2010301"] == "会议指定名称"
    assert load_catalog(2024).functional["2010301"] == "行政运行"


def test_year_ranges_inside_a_user_file(tmp_path: Path) -> None:
    extra = tmp_path / "ranges"
    extra.mkdir()
    (extra / "functional.csv").write_text(
        "code,name,from_year,to_year\n2010350,旧名称,,2022\n2010350,新名称,2023,\n", encoding="utf-8")
    assert load_catalog(2021, extra).functional["2010350"] == "旧名称"
    assert load_catalog(2024, extra).functional["2010350"] == "新名称"


def test_user_entry_outside_its_years_does_not_override(tmp_path: Path) -> None:
    extra = tmp_path / "old"
    extra.mkdir()
    (extra / "functional.csv").write_text("code,name,from_year,to_year\n20805,旧目录名称,,2019\n", encoding="utf-8")
    assert load_catalog(2024, extra).functional["20805"] == "行政事业单位养老支出"
