#!/usr/bin/env python3
"""Every platform's app icon from one source image: `make icons`.

Reads src-tauri/icons/source.png (square, 1024x1024, RGBA) and writes, beside it:
  32x32.png, 128x128.png, 128x128@2x.png, icon.png (512x512)  Linux (window, hicolor theme)
  icon.ico  (16, 24, 32, 48, 64, 128, 256)                    Windows (embedded in the .exe)
  icon.icns (16 .. 1024)                                        macOS
The outputs are committed, so a build never needs Pillow; run this again after editing the
source. (The source was drawn with ImageMagick:
  convert -size 1024x1024 xc:none -fill '#F4511E' -draw "roundrectangle 32,32 991,991 120,120"
    -fill white -font DejaVu-Sans-Bold -pointsize 640 -gravity center -annotate +8+0 P
    -depth 8 PNG32:source.png)
"""

import sys
from pathlib import Path

from PIL import Image

ICONS = Path(__file__).resolve().parent.parent / "src-tauri" / "icons"
PNGS = {"32x32.png": 32, "128x128.png": 128, "128x128@2x.png": 256, "icon.png": 512}
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]


def main() -> int:
    source = Image.open(ICONS / "source.png").convert("RGBA")
    if source.size != (1024, 1024):
        print(f"{ICONS / 'source.png'}: {source.size[0]}x{source.size[1]}, expected 1024x1024", file=sys.stderr)
        return 1
    for name, size in PNGS.items():
        source.resize((size, size), Image.LANCZOS).save(ICONS / name, optimize=True)
    # Each size is resampled from the source, not from the next size up.
    source.save(ICONS / "icon.ico", sizes=[(s, s) for s in ICO_SIZES])
    source.save(ICONS / "icon.icns")
    for name in [*PNGS, "icon.ico", "icon.icns"]:
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
