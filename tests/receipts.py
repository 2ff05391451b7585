"""Receipt screenshots drawn for the OCR tests and bench (#16): a phone-width picture in one of
the four languages, with the fields it shows known, clean or degraded the way screenshots
travel (scaled down, blurred, JPEG-compressed).

Needs Pillow (the ``ocr`` extra) and a CJK font: Debian's ``fonts-wqy-zenhei`` (installed by
.ci/run) or ``fonts-noto-cjk``.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
LANGUAGES = ("zh-Hans", "zh-Hant", "en", "fr")
ZONES = {"zh-Hans": "Asia/Shanghai", "zh-Hant": "Asia/Taipei", "en": "UTC", "fr": "Europe/Paris"}
_FR_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
              "nov.", "déc.")  # fmt: skip
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def font_path() -> str | None:
    return next((path for path in FONTS if Path(path).exists()), None)


@dataclass(frozen=True)
class Receipt:
    """What the picture shows: the truth the reading is scored against."""

    language: str
    lines: tuple[tuple[str, int], ...]  # text, font size
    amount: Decimal
    currency: str  # "" when the receipt shows no currency (WeChat Pay's "-648.00")
    when: datetime  # naive, on the receipt's clock (ZONES[language])
    order: str


def _wechat_number(rng: random.Random, when: datetime) -> str:
    return (
        "42000"
        + f"{rng.randrange(10**5):05d}"
        + when.strftime("%Y%m%d")
        + f"{rng.randrange(10**10):010d}"
    )


def _apple_id(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    body = "".join(rng.choice(letters) for _ in range(9))
    return "M" + body[:4] + str(rng.randrange(10)) + body[5:]


def _gpa(rng: random.Random) -> str:
    groups = (4, 4, 4, 5)
    return "GPA." + "-".join(f"{rng.randrange(10**n):0{n}d}" for n in groups)


def receipt(language: str, seed: int) -> Receipt:
    """One receipt in ``language``; the seed picks the amount, time and order number."""
    rng = random.Random(f"{language}:{seed}")
    when = datetime(2025, rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(24),
                    rng.randrange(60))  # fmt: skip
    if language == "zh-Hans":
        amount = Decimal(rng.choice(["6.00", "30.00", "68.00", "128.00", "328.00", "648.00"]))
        order = _wechat_number(rng, when)
        stamp = f"{when.year}年{when.month}月{when.day}日 {when:%H:%M:%S}"
        lines = (
            ("抖音", 30), (f"-{amount}", 64), ("当前状态   支付成功", 28),
            (f"支付时间   {stamp}", 28), ("商品   抖音币充值", 28), ("支付方式   零钱", 28),
            (f"交易单号   {order}", 26), (f"商户单号   DY{when:%Y%m%d%H%M}{seed:03d}", 26),
        )  # fmt: skip
        return Receipt(language, lines, amount, "", when, order)
    if language == "zh-Hant":
        amount = Decimal(rng.choice(["30", "90", "170", "330", "990", "1490"]))
        order = _apple_id(rng)
        lines = (
            ("付款成功", 34), (f"NT${amount:,}", 60), (f"付款時間   {when:%Y/%m/%d %H:%M}", 28),
            ("商品   遊戲點數", 28), ("付款方式   信用卡", 28), (f"訂單編號   {order}", 28),
        )  # fmt: skip
        return Receipt(language, lines, amount, "TWD", when, order)
    if language == "en":
        amount = Decimal(rng.choice(["0.99", "4.99", "9.99", "19.99", "49.99", "99.99"]))
        order = _apple_id(rng)
        hour = when.hour % 12 or 12
        stamp = f"{_EN_MONTHS[when.month - 1]} {when.day}, {when.year} {hour}:{when:%M} " + (
            "PM" if when.hour >= 12 else "AM"
        )
        lines = (
            ("Receipt", 34), (f"Order ID: {order}", 28), (f"Date: {stamp}", 28),
            ("Game Coins x 500", 28), (f"Total: ${amount}", 40),
        )  # fmt: skip
        return Receipt(language, lines, amount, "USD", when, order)
    amount = Decimal(rng.choice(["1.99", "4.99", "12.50", "24.99", "49.90", "109.99"]))
    order = _gpa(rng)
    stamp = f"{when.day} {_FR_MONTHS[when.month - 1]} {when.year} {when:%H:%M}"
    shown = f"{amount}".replace(".", ",")
    lines = (
        ("Reçu de commande", 34), (f"N° de commande : {order}", 26), (f"Date : {stamp}", 28),
        ("Pièces x 1000", 28), (f"Total : {shown} €", 40),
    )  # fmt: skip
    return Receipt(language, lines, amount, "EUR", when, order)


def draw(item: Receipt, *, degraded: bool = False) -> bytes:
    """The receipt as a PNG (clean) or a small, blurred, heavily compressed JPEG (degraded)."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    path = font_path()
    assert path is not None, "a CJK font is needed: apt-get install fonts-wqy-zenhei"
    width = 720
    height = 80 + sum(size + 34 for _, size in item.lines)
    image = Image.new("RGB", (width, height), (247, 247, 247))
    pen = ImageDraw.Draw(image)
    y = 40
    for text, size in item.lines:
        font = ImageFont.truetype(path, size)
        pen.text((40, y), text, fill=(20, 20, 20), font=font)
        y += size + 34
    buffer = io.BytesIO()
    if not degraded:
        image.save(buffer, format="PNG")
        return buffer.getvalue()
    small = image.resize((int(width * 0.6), int(height * 0.6)), Image.Resampling.BILINEAR)
    small = small.filter(ImageFilter.GaussianBlur(0.8))
    small.save(buffer, format="JPEG", quality=30)
    return buffer.getvalue()


def score(item: Receipt, reading: object) -> tuple[bool, bool, bool]:
    """(amount, time, order number) right, as the parent would be offered them: an amount
    read without its currency is shown in the parent's default one, like a typed one."""
    from datetime import UTC
    from zoneinfo import ZoneInfo

    from handlers.policy import IntakePolicy

    zone = ZONES[item.language]
    default = IntakePolicy().default_currency(None, item.language, zone)
    amount = getattr(reading, "amount", None)
    currency = getattr(reading, "currency", None) or default
    amount_ok = (
        amount is not None
        and Decimal(amount) == item.amount
        and (currency == (item.currency or default))
    )
    when = item.when.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC).isoformat()
    return (
        amount_ok,
        getattr(reading, "when", None) == when,
        getattr(reading, "order", None) == item.order,
    )


def blank(width: int, height: int) -> bytes:
    """A white PNG of ``width`` × ``height``: a picture with nothing on it to read."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()
