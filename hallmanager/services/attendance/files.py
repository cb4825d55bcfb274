"""Reading an imported file into rows of cells: XLSX (first sheet) or CSV in UTF-8 (with or
without BOM) or GBK/GB18030 (what Chinese Excel writes when it saves CSV).

openpyxl is imported only when an XLSX file is read (start-up stays fast).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hallmanager.domain.attendance.imports import Cell
from hallmanager.domain.errors import ValidationError

MAX_BYTES = 50 * 1024 * 1024


def decode_csv(data: bytes) -> str:
    """UTF-8 (BOM or not) first, else GB18030 (a superset of GBK); else a clear refusal."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ValidationError("无法识别文件编码（应为 UTF-8 或 GBK 编码的 CSV）") from exc


def read_rows(path: Path | str) -> list[list[Cell]]:
    """Every row of the file (blank rows kept as empty lists, so row numbers match what the
    user sees); ValidationError for a missing, empty, too large or unreadable file."""
    p = Path(path)
    if not p.is_file():
        raise ValidationError(f"文件不存在：{p}")
    size = p.stat().st_size
    if size == 0:
        raise ValidationError(f"文件是空的：{p.name}")
    if size > MAX_BYTES:
        raise ValidationError(f"文件太大（{size // 1024 // 1024} MB）：{p.name}")
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(p)
    if suffix in (".csv", ".txt"):
        text = decode_csv(p.read_bytes())
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
                text[:4096], delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    raise ValidationError(f"不支持的文件类型“{p.suffix}”：请选择 .xlsx 或 .csv 文件")


def _xlsx_rows(p: Path) -> list[list[Cell]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError(f"无法读取 Excel 文件：{p.name}（文件损坏或不是 .xlsx）") from exc
    try:
        ws = wb.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def is_blank(row: list[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)
