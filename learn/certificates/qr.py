"""Where a certificate's QR code points: its public verification page."""


def verification_url(base_url: str, code: str) -> str:
    """The public address where anyone can check a certificate."""
    return f"{base_url.rstrip('/')}/verify/{code}"
