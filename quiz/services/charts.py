"""Geometry of the dashboard's server-rendered SVG charts (no JavaScript needed)."""

BAR_ROW = 30
LABEL_W = 230
BAR_MAX = 300
WIDTH = 600
LINE_H = 200
PAD = 30


def bars(data: list[tuple]) -> dict:
    """Return a horizontal bar chart of (label, value) pairs: rows with x, y, width."""
    top = max((value for _, value in data), default=0) or 1
    rows = [
        {
            "label": label,
            "value": value,
            "y": i * BAR_ROW,
            "x": LABEL_W,
            "w": round(BAR_MAX * value / top, 1),
        }
        for i, (label, value) in enumerate(data)
    ]
    return {"rows": rows, "width": WIDTH, "height": max(len(rows), 1) * BAR_ROW}


def line(data: list[tuple]) -> dict:
    """Return a line chart of (date, value) pairs: points and their labels."""
    top = max((value for _, value in data), default=0) or 1
    step = (WIDTH - 2 * PAD) / max(len(data) - 1, 1)
    points = [
        {
            "day": day,
            "value": value,
            "x": round(PAD + i * step, 1),
            "y": round(LINE_H - PAD - (LINE_H - 2 * PAD) * value / top, 1),
        }
        for i, (day, value) in enumerate(data)
    ]
    return {
        "points": points,
        "path": " ".join(f"{p['x']},{p['y']}" for p in points),
        "width": WIDTH,
        "height": LINE_H,
        "top": top,
        "base": LINE_H - PAD,
    }
