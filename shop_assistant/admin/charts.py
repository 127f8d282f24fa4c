"""Small server-side SVG charts for the admin (no JavaScript, no external library)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


def bar_chart(
    points: Sequence[tuple[str, float]],
    *,
    title: str,
    width: int = 720,
    height: int = 180,
    every: int = 1,
) -> SafeString:
    """A bar per point (label, value), labelled every ``every`` bars, with an accessible
    title and a ``<desc>`` listing every value."""
    if not points:
        return format_html("<p>{}</p>", title)
    top = max((value for _label, value in points), default=0) or 1
    left, bottom, gap = 36, 24, 2
    slot = (width - left) / len(points)
    bars = []
    for index, (label, value) in enumerate(points):
        bar = max(slot - gap, 1)
        h = (height - bottom - 8) * value / top
        x = left + index * slot
        y = height - bottom - h
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'fill="#417690"><title>{escape(label)}: {value:g}</title></rect>'
        )
        if index % every == 0:
            bars.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - 8}" font-size="10" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    axis = (
        f'<text x="{left - 4}" y="12" font-size="10" text-anchor="end">{top:g}</text>'
        f'<text x="{left - 4}" y="{height - bottom}" font-size="10" text-anchor="end">0</text>'
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        'stroke="#999"/>'
    )
    description = "; ".join(f"{label}: {value:g}" for label, value in points)
    return mark_safe(
        f'<svg role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        f"{axis}{''.join(bars)}</svg>"
    )
