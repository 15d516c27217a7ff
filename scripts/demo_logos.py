"""Draw the small PNG logos of the five demo associations (static/img/demo/*.png).

Run once with the project's Python (Pillow) when a demo association is added; the PNG
files are committed and referenced by demo/beneficiary_associations_demo.xml.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# code: (Latin name, background colour, accent colour)
ASSOCIATIONS = {
    "banan": ("BANAN", "#1f6f8b", "#f2c14e"),
    "meras": ("MERAS", "#2a9d8f", "#ffffff"),
    "tuwaiq": ("TUWAIQ", "#6a4c93", "#f4a261"),
    "aoun": ("AOUN", "#264653", "#e9c46a"),
    "manarat": ("MANARAT", "#e76f51", "#ffffff"),
}
SIZE = (360, 120)


def draw_logo(name, background, accent):
    image = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, SIZE[0] - 1, SIZE[1] - 1), radius=24, fill=background)
    # The mark: a circle with the initial, then the name.
    draw.ellipse((16, 16, 104, 104), fill=accent)
    try:
        big = ImageFont.truetype("DejaVuSans-Bold.ttf", 56)
        small = ImageFont.truetype("DejaVuSans-Bold.ttf", 40)
    except OSError:
        big = small = ImageFont.load_default()
    draw.text((60, 60), name[0], font=big, fill=background, anchor="mm")
    draw.text((122, 60), name, font=small, fill="#ffffff", anchor="lm")
    return image


def main():
    target = Path(__file__).resolve().parent.parent / "static" / "img" / "demo"
    target.mkdir(parents=True, exist_ok=True)
    for code, (name, background, accent) in ASSOCIATIONS.items():
        draw_logo(name, background, accent).save(target / ("%s.png" % code), optimize=True)


if __name__ == "__main__":
    main()
