"""`sqcheck convert IN OUT` between YAML, JSON and XLSX: nothing lost, and what cannot be kept is refused."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import yaml

from checker.workbook.conversion import dump_yaml
from checker.yamlio import load_file
from tests.conftest import EXAMPLES, run_cli
from tests.workbook_forms import xuzhou

EXAMPLE = EXAMPLES / "xuzhou-2017--diemeng.yaml"


def _convert(source: Path, target: Path) -> None:
    run = run_cli("convert", source, target)
    assert run.code == 0, run.err
    assert f"已转换：{source} → {target}" in run.out


def test_yaml_json_xlsx_yaml_keeps_everything(tmp_path: Path) -> None:
    chain = [EXAMPLE, tmp_path / "a.json", tmp_path / "b.xlsx", tmp_path / "c.yaml", tmp_path / "d.xlsx"]
    for source, target in itertools.pairwise(chain):
        _convert(source, target)
    original = load_file(EXAMPLE).data
    back = load_file(tmp_path / "c.yaml").data
    assert back == load_file(tmp_path / "a.json").data
    for key in ("standard", "standard_version", "period", "filled_by", "filled_on", "illustrative"):
        assert back.get(key) == original.get(key), key
    assert back["community"] == {k: v for k, v in original["community"].items() if v not in (None, "")}
    for req_id, fact in original["facts"].items():
        for key in ("evidence", "note", "not_applicable"):
            if fact.get(key):
                assert back["facts"][req_id][key] == fact[key], (req_id, key)
    assert (tmp_path / "c.yaml").read_text(encoding="utf-8").startswith("# 社区自评表 — 徐州市社区基本公共服务标准")


def test_canonical_values(tmp_path: Path) -> None:
    data = {
        "standard": "xuzhou-2017",
        "standard_version": "2017",
        "period": "2024",
        "filled_on": "2024-06-30",
        "community": {"name": "1e5", "district": "true", "street": "010", "area_type": "urban", "phone": ""},
        "facts": {
            "XZ-F-103": {"value": "有", "evidence": [], "note": ""},
            "XZ-F-801": {"value": 650.0, "note": "=A1+1"},
            "XZ-S-101": {"value": {"handled": ["M03", "M01"]}},
            "XZ-F-104": {"value": None},
        },
    }
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _convert(source, tmp_path / "out.xlsx")
    _convert(tmp_path / "out.xlsx", tmp_path / "out.yaml")
    text = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    back = load_file(tmp_path / "out.yaml").data
    assert back["community"] == {"name": "1e5", "district": "true", "street": "010", "area_type": "urban"}
    assert back["facts"] == {
        "XZ-F-103": {"value": True},
        "XZ-F-801": {"value": 650, "note": "=A1+1"},
        "XZ-S-101": {"value": {"handled": ["M01", "M03"], "online": []}},
    }
    assert 'name: "1e5"' in text  # YAML 1.1 would leave it plain; our YAML 1.2 loader would read a number


def test_unsupported_output(tmp_path: Path) -> None:
    run = run_cli("convert", EXAMPLE, tmp_path / "out.csv")
    assert run.code == 2
    assert "不支持的输出格式“.csv”" in run.err
    assert not (tmp_path / "out.csv").exists()


def test_invalid_input_is_not_converted(tmp_path: Path) -> None:
    source = tmp_path / "bad.yaml"
    source.write_text(EXAMPLE.read_text(encoding="utf-8").replace("value: 420", "value: 约420"), encoding="utf-8")
    run = run_cli("convert", source, tmp_path / "out.xlsx")
    assert run.code == 2
    assert "应为数字（单位：m²），实际为“约420”" in run.err
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize(
    ("fact", "message"),
    [
        ({"XZ-F-105": {"value": ["社区党组织", "计生协会、老龄委"]}}, "条目“计生协会、老龄委”含有换行、“、”或“；”"),
        ({"XZ-F-105": {"value": ["无"]}}, "在 Excel 表中表示“一项也没有”"),
        ({"XZ-F-101": {"value": "  "}}, "只含空格的文字在 Excel 表中与空单元格无法区分"),
        ({"XZ-F-103": {"value": True, "note": "a\x01b"}}, "含有 Excel 不能保存的控制字符"),
    ],
)
def test_what_a_workbook_cannot_hold_is_refused(tmp_path: Path, fact: dict, message: str) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["facts"].update(fact)
    source = tmp_path / "in.yaml"
    source.write_text(dump_yaml(data, xuzhou()), encoding="utf-8")
    run = run_cli("convert", source, tmp_path / "out.xlsx")
    assert run.code == 2, run.err
    assert message in run.err
    assert run.err.startswith(f"{source}:")
    assert run_cli("convert", source, tmp_path / "out.json").code == 0  # JSON and YAML hold it fine
