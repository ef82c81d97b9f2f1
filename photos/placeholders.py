"""Placeholder images drawn with Pillow, for demo content and for tests.

They are clearly marked as placeholders, so nobody mistakes them for the
agencies' photographs they stand in for.
"""

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

NAVY = (20, 40, 75)
RED = (176, 0, 26)
PAPER = (244, 245, 247)


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow built without FreeType: the fixed bitmap font
        return ImageFont.load_default()


def _draw_label(draw, width, height, caption):
    draw.rectangle([0, height - 150, width, height], fill=(0, 0, 0))
    draw.text((32, height - 138), "PLACEHOLDER IMAGE", font=_font(26), fill=(255, 191, 71))
    lines = textwrap.wrap(caption, width=60)[:2]
    for index, line in enumerate(lines):
        draw.text((32, height - 98 + index * 36), line, font=_font(28), fill=(255, 255, 255))


def draw_photo_placeholder(caption, size=(1200, 800)):
    width, height = size
    image = Image.new("RGB", size, NAVY)
    draw = ImageDraw.Draw(image)
    for row in range(height):
        shade = int(40 + 60 * row / height)
        draw.line([(0, row), (width, row)], fill=(shade // 2, shade, shade + 60))
    # A rising sun and a horizon, so the placeholder reads as "a photograph" at a glance.
    draw.ellipse([width * 0.62, height * 0.12, width * 0.62 + 180, height * 0.12 + 180], fill=RED)
    draw.polygon(
        [
            (0, height * 0.62),
            (width * 0.35, height * 0.45),
            (width * 0.7, height * 0.6),
            (width, height * 0.5),
            (width, height),
            (0, height),
        ],
        fill=(30, 52, 90),
    )
    _draw_label(draw, width, height, caption)
    return image


def draw_chart_placeholder(caption, shares, size=(1200, 800)):
    """A pie chart of ``shares`` (label → percentage); the rest of 100 is drawn as "Rest of the world"."""
    width, height = size
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    draw.text((40, 30), caption, font=_font(44), fill=NAVY)
    box = [80, 120, 80 + 480, 120 + 480]
    colours = [RED, NAVY, (90, 110, 150), (160, 170, 190)]
    start = -90.0
    legend_y = 180
    remaining = 100 - sum(shares.values())
    for index, (label, share) in enumerate([*shares.items(), ("Rest of the world", remaining)]):
        end = start + 360 * share / 100
        colour = colours[index % len(colours)]
        draw.pieslice(box, start, end, fill=colour, outline=PAPER, width=3)
        start = end
        draw.rectangle([640, legend_y, 676, legend_y + 36], fill=colour)
        draw.text((692, legend_y), f"{label}: about {share:g}%", font=_font(30), fill=NAVY)
        legend_y += 64
    _draw_label(draw, width, height, caption)
    return image


PLACEHOLDER_KINDS = ("photo", "chart")


def placeholder_png(caption, kind="photo"):
    if kind == "chart":
        image = draw_chart_placeholder(caption, {"Japan and the United States": 33})
    else:
        image = draw_photo_placeholder(caption)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
