"""Draw the application icon (resources/icons/hallmanager.png and .ico) with Qt and Pillow.

Run after changing the design: ``PYTHONPATH=. python tools/make_icon.py``. The files are
committed (small), so neither the app nor the build needs this script.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZE = 256


def draw(path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    img = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#0b5cad"))  # telecom blue
    p.drawRoundedRect(QRectF(8, 8, SIZE - 16, SIZE - 16), 44, 44)
    p.setBrush(QColor("#f2a900"))  # the duty badge
    p.drawEllipse(QRectF(SIZE - 96, 24, 64, 64))
    p.setPen(QPen(QColor("white")))
    font = QFont(["WenQuanYi Micro Hei", "Microsoft YaHei", "Noto Sans CJK SC"])
    font.setPixelSize(150)
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, 30, SIZE, SIZE - 30), Qt.AlignmentFlag.AlignCenter, "值")
    p.end()
    img.save(str(path))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    png = OUT / "hallmanager.png"
    draw(png)
    from PIL import Image

    Image.open(png).save(OUT / "hallmanager.ico",
                         sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128),
                                (256, 256)])
    print(png, OUT / "hallmanager.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
