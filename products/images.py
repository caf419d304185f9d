"""Simple packaging pictures drawn in code for demo products (never
downloaded): a bottle, tub, dropper, spray or pouch in the form's colour."""

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw

SIZE = 600
BACKGROUND = (244, 247, 246)
INK = (28, 36, 48)


def _bottle(draw, colour):
    draw.rounded_rectangle((230, 110, 370, 170), 12, fill=INK)
    draw.rounded_rectangle((170, 160, 430, 520), 40, fill=colour)


def _tub(draw, colour):
    draw.rounded_rectangle((140, 200, 460, 250), 14, fill=INK)
    draw.rounded_rectangle((150, 240, 450, 520), 24, fill=colour)


def _dropper(draw, colour):
    draw.ellipse((265, 70, 335, 140), fill=INK)
    draw.rectangle((280, 120, 320, 200), fill=INK)
    draw.rounded_rectangle((200, 200, 400, 520), 36, fill=colour)


def _spray(draw, colour):
    draw.rectangle((250, 90, 330, 130), fill=INK)
    draw.rectangle((330, 100, 370, 115), fill=INK)
    draw.rounded_rectangle((240, 130, 340, 190), 10, fill=INK)
    draw.rounded_rectangle((210, 180, 390, 520), 30, fill=colour)


def _pouch(draw, colour):
    draw.polygon([(160, 150), (440, 150), (470, 520), (130, 520)], fill=colour)
    draw.rectangle((160, 150, 440, 180), fill=INK)


SHAPES = {
    "capsule": _bottle,
    "tablet": _bottle,
    "powder": _tub,
    "liquid": _dropper,
    "topical": _spray,
    "bath_flakes": _pouch,
}


def packshot(product_format, colour, label):
    """PNG bytes of a package for ``product_format`` with ``label`` on it."""
    picture = PILImage.new("RGB", (SIZE, SIZE), BACKGROUND)
    draw = ImageDraw.Draw(picture)
    SHAPES.get(product_format, _bottle)(draw, colour)
    draw.rounded_rectangle((190, 300, 410, 420), 10, fill=(255, 255, 255))
    draw.text((300, 335), "Mg", fill=INK, anchor="mm", font_size=48)
    draw.text((300, 392), label[:18], fill=INK, anchor="mm", font_size=20)
    buffer = BytesIO()
    picture.save(buffer, "PNG")
    return buffer


def wagtail_image(title, product_format, colour, label, filename):
    from wagtail.images.models import Image

    buffer = packshot(product_format, colour, label)
    return Image.objects.create(title=title, file=ImageFile(buffer, name=filename))
