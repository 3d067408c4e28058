"""QR codes: a real PNG that a real decoder (zxing-cpp) reads back."""
import io

import zxingcpp
from PIL import Image

from functions.shared import config
from functions.channels.qr import entry_url, qr_png

URL = "https://mashangban.example.cn/q/ABCD2345"


def open_png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_entry_url_points_at_the_h5_landing_page_under_the_public_base_url():
    previous = config.settings()
    config.use(config.load_settings({"PUBLIC_BASE_URL": "https://mashangban.example.cn/"}))
    try:
        assert entry_url("ABCD2345") == URL
    finally:
        config.use(previous)


def test_qr_png_is_a_png_of_printable_size():
    image = open_png(qr_png(URL))
    assert image.format == "PNG"
    width, height = image.size
    assert width == height and 200 <= width <= 1000


def test_qr_png_decodes_back_to_the_url_with_error_correction_q():
    results = zxingcpp.read_barcodes(open_png(qr_png(URL)))
    assert [(r.format, r.text, r.ec_level) for r in results] == \
        [(zxingcpp.BarcodeFormat.QRCode, URL, "Q")]


def test_box_size_scales_the_image():
    small, large = open_png(qr_png(URL, box_size=4)), open_png(qr_png(URL, box_size=8))
    assert large.size[0] == 2 * small.size[0]


def test_a_small_box_size_still_decodes():
    results = zxingcpp.read_barcodes(open_png(qr_png(URL, box_size=3)).convert("L"))
    assert [r.text for r in results] == [URL]
