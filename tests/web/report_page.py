"""The report page's table as a reader sees it, for tests that compare exports with it."""

import html
import re


def _text(cell: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()


def table(client, lang: str, query: str = "") -> dict:
    """Return the page's rows ([№, school, participants, links joined by newlines]), their
    school ids, the total and the total row's label, as shown at
    /<lang>/organizer/report<query>."""
    page = client.get(f"/{lang}/organizer/report{query}").get_data(as_text=True)
    body = page.split('<table class="report-table">', 1)[1].split("</table>", 1)[0]
    rows = []
    ids = [int(n) for n in re.findall(r'<tr data-school="(\d+)"', body)]
    for tr in re.findall(r"<tr data-school[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        links = [_text(x) for x in re.findall(r'<span class="link-line">(.*?)</span>', cells[3])]
        rows.append([_text(cells[0]), _text(cells[1]), _text(cells[2]), "\n".join(links)])
    foot = body.split("<tfoot>", 1)[1]
    label = _text(re.search(r'<th scope="row">(.*?)</th>', foot, re.S).group(1))
    total = _text(re.search(r'<td class="num total">(.*?)</td>', foot, re.S).group(1))
    return {"rows": rows, "ids": ids, "total": total, "label": label}
