"""Rules 3 and 4: planning against the bouwvak (with a suggested date), and a winter start."""

from signalen.regels import ScanContext


def bouwvak_start(ctx: ScanContext):
    return []


def bouwvak_fase(ctx: ScanContext):
    return []


def winterstart(ctx: ScanContext):
    return []
