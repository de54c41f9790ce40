"""Draw the Teams app icons: color.png (192×192) and outline.png (32×32, white on transparent).

Run from the repository root: `python deploy/teams/make_icons.py`. Shapes only, no
fonts, so the PNGs come out the same on any machine. Drawn at 8× and scaled down
for smooth edges.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
# The icons ship inside the package, beside the manifest template (package data), so
# `policybot teams-package` works in the installed image too.
OUT = HERE.parents[1] / "bot" / "teams" / "app_package"
NHS_BLUE = (0, 94, 184, 255)  # #005EB8
WHITE = (255, 255, 255, 255)
SCALE = 8


def _bubble(
    draw: ImageDraw.ImageDraw,
    size: int,
    inset: float,
    *,
    fill: tuple[int, ...] | None = None,
    outline: tuple[int, ...] | None = None,
    width: int = 0,
) -> None:
    """A speech bubble with its tail at the bottom left, `inset` in from the edges:
    filled (colour icon) or drawn as a line (outline icon)."""
    s = size
    box = (s * inset, s * inset, s * (1 - inset), s * (0.78 - inset / 2))
    draw.rounded_rectangle(box, radius=s * 0.14, fill=fill, outline=outline, width=width)
    tail = [
        (s * 0.30, box[3] - s * 0.02),
        (s * 0.24, s * (0.94 - inset)),
        (s * 0.46, box[3] - s * 0.02),
    ]
    if fill is not None:
        draw.polygon(tail, fill=fill)
    else:
        draw.line(tail, fill=outline, width=width, joint="curve")


def _tick(draw: ImageDraw.ImageDraw, size: int, colour: tuple[int, ...], width: float) -> None:
    s = size
    points = [(s * 0.33, s * 0.42), (s * 0.45, s * 0.54), (s * 0.68, s * 0.30)]
    draw.line(points, fill=colour, width=int(width), joint="curve")


def colour_icon() -> Image.Image:
    big = 192 * SCALE
    image = Image.new("RGBA", (big, big), NHS_BLUE)
    draw = ImageDraw.Draw(image)
    _bubble(draw, big, 0.16, fill=WHITE)
    _tick(draw, big, NHS_BLUE, big * 0.075)
    return image.resize((192, 192), Image.Resampling.LANCZOS)


def outline_icon() -> Image.Image:
    big = 32 * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    stroke = int(big * 0.08)
    _bubble(draw, big, 0.08, outline=WHITE, width=stroke)
    _tick(draw, big, WHITE, stroke)
    small = image.resize((32, 32), Image.Resampling.LANCZOS)
    # Teams wants pure white with transparency: keep only the alpha of the drawing.
    alpha = small.getchannel("A")
    white = Image.new("RGBA", (32, 32), WHITE)
    white.putalpha(alpha)
    return white


def main() -> None:
    colour_icon().save(OUT / "color.png", optimize=True)
    outline_icon().save(OUT / "outline.png", optimize=True)
    print(f"wrote {HERE / 'color.png'} and {HERE / 'outline.png'}")


if __name__ == "__main__":
    main()
