"""QR codes for deputies' entries: a PNG that WeChat's scanner reads from paper."""
import io

from functions.shared.config import settings


def qr_png(url: str, *, box_size: int = 10) -> bytes:
    """A black-on-white PNG of `url`, with the quiet zone scanners need."""
    # Imported here: qrcode pulls in Pillow, which a cold API function should not load
    # before it draws its first code.
    import qrcode
    from qrcode.constants import ERROR_CORRECT_Q
    from qrcode.image.pil import PilImage
    # Q survives a quarter of the code being smudged or folded on a printed poster.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, box_size=box_size, border=4,
                         image_factory=PilImage)
    code.add_data(url)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def entry_url(entry_code: str) -> str:
    """The address a deputy's QR code points at (the H5 landing page of the entry)."""
    return f"{settings().public_base_url}/q/{entry_code}"
