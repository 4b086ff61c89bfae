"""The beheerder enters a bouwvak year that a rule needed (or this or next year) and is missing."""

from signalen.regels import ScanContext


def bouwvak_ontbreekt(ctx: ScanContext):
    return []
