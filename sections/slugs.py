"""Free slugs: one rule for every place that must add a row next to others whose slugs it may not repeat."""

MAX_SLUG_ATTEMPTS = 1000


def unique_slug(queryset, base, limit=100):
    """``base`` or ``base-2``, ``base-3``… whichever is free in ``queryset``."""
    base = (base or "item")[:limit].strip("-") or "item"
    if not queryset.filter(slug=base).exists():
        return base
    for number in range(2, MAX_SLUG_ATTEMPTS):
        suffix = f"-{number}"
        candidate = base[: limit - len(suffix)] + suffix
        if not queryset.filter(slug=candidate).exists():
            return candidate
    raise ValueError(f"No free slug for {base!r}")
