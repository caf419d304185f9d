"""The brand's mark and pictures, drawn in code (never downloaded): a
rounded square in the brand colour with a white ledger line and an "M"
stroke. ``manage.py draw_brand_icons`` writes the favicon and touch icons;
the demo loader uploads the logo and social picture as Wagtail images."""

from io import BytesIO

from PIL import Image, ImageDraw

BRAND = (11, 110, 79)
BRAND_DARK = (7, 77, 55)
TINT = (244, 247, 246)
INK = (28, 36, 48)
WHITE = (255, 255, 255)

# The mark on a 64-unit grid: the "M" stroke and the ledger line under it.
M_STROKE = [(16, 42), (16, 20), (32, 34), (48, 20), (48, 42)]
LEDGER = [(14, 50), (50, 50)]


def mark(size, background=BRAND):
    """The mark as a square RGBA picture ``size`` pixels wide."""
    scale = size / 64
    picture = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), round(14 * scale), background)
    width = max(2, round(6 * scale))
    points = [(x * scale, y * scale) for x, y in M_STROKE]
    draw.line(points, fill=WHITE, width=width, joint="curve")
    draw.line([(x * scale, y * scale) for x, y in LEDGER], fill=WHITE, width=width)
    return picture


def mark_svg(colour="#0b6e4f"):
    stroke = " ".join(f"{x},{y}" for x, y in M_STROKE)
    ledger = " ".join(f"{x},{y}" for x, y in LEDGER)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="14" fill="{colour}"/>'
        '<g fill="none" stroke="#fff" stroke-width="6" stroke-linejoin="round">'
        f'<polyline points="{stroke}"/><polyline points="{ledger}"/></g></svg>\n'
    )


def png(picture):
    buffer = BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer


def social_picture(name, tagline):
    """1200 × 630: the mark, the name and the tagline on the site's tint."""
    picture = Image.new("RGB", (1200, 630), TINT)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 560, 1200, 630), fill=BRAND)
    picture.paste(mark(200), (100, 180), mark(200))
    draw.text((340, 250), name, fill=INK, anchor="ls", font_size=88)
    draw.text((344, 340), tagline, fill=BRAND_DARK, anchor="ls", font_size=40)
    return picture.convert("RGB")


def hero_picture(width=1600, height=900):
    """The home page's picture: soft mineral shapes in the brand's colours,
    no words (its alt text describes it)."""
    picture = Image.new("RGB", (width, height), TINT)
    draw = ImageDraw.Draw(picture)
    shapes = [
        (0.62, 0.10, 0.98, 0.74, (206, 228, 219)),
        (0.70, 0.38, 1.10, 1.05, (160, 205, 187)),
        (0.48, 0.52, 0.74, 0.98, (226, 236, 232)),
        (0.80, 0.04, 0.94, 0.29, BRAND),
    ]
    for left, top, right, bottom, colour in shapes:
        box = (left * width, top * height, right * width, bottom * height)
        draw.ellipse(box, fill=colour)
    for row in range(5):
        y = height * (0.2 + row * 0.14)
        draw.line((width * 0.06, y, width * 0.42, y), fill=(214, 222, 219), width=6)
    return picture
