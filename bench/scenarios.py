"""What the benchmark loads: each scenario names a URL and, when needed, a wrk Lua script."""

import json
from collections.abc import Callable
from dataclasses import dataclass

from bench.harness import ROOT, VENV_BIN


@dataclass
class Scenario:
    """One kind of request: how wrk sends it, and one probe request to count its queries."""

    name: str
    path: Callable[[dict], str]
    method: str = "GET"
    script: Callable[[dict], str] | None = None
    headers: Callable[[dict], dict] | None = None

    def wrk(self, base: str, data: dict, part: tuple[int, int] = (0, 1)) -> tuple[str, str | None]:
        """Return the URL and Lua script for wrk (`part`: this repeat's share of the rows)."""
        if self.script is _answer_script:
            return base + self.path(data), _answer_script(data, part)
        return base + self.path(data), self.script(data) if self.script else None

    def probe(self, base: str, data: dict):
        """Return (method, url, body, headers) of one representative request."""
        headers = self.headers(data) if self.headers else {}
        if self.method == "PUT":
            token, attempt, item, response = data["answers"][-1]
            url = f"{base}/api/v1/attempts/{attempt}/answers/{item}"
            body = {"response": response, "client_answer_id": "probe"}
            return "PUT", url, body, {"Authorization": "Bearer " + token}
        return "GET", base + self.path(data), None, headers


def _header_script(headers: dict) -> str:
    lines = [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()]
    return "\n".join(lines) + "\n"


def answer_rows(data: dict, part: tuple[int, int] = (0, 1)) -> list:
    """The answer rows of one repeat: repeats never send the same (attempt, item) twice (the
    last row is kept for the probe that counts the statements of a new answer)."""
    index, parts = part
    rows = data["answers"][:-1]
    size = len(rows) // parts
    return rows[index * size : (index + 1) * size]


def _answer_script(data: dict, part: tuple[int, int] = (0, 1)) -> str:
    """The Lua script of bench/lua/answer.lua with this repeat's rows."""
    rows = ",\n".join(
        f"{{{json.dumps(t)},{a},{json.dumps(i)},{json.dumps(json.dumps(r))}}}"
        for t, a, i, r in answer_rows(data, part)
    )
    template = (ROOT / "bench" / "lua" / "answer.lua").read_text()
    return template.replace("local rows = __ROWS__", "local rows = {\n" + rows + "\n}")


def _pupil(data: dict) -> dict:
    return data["pupils"][0]


def _bearer(data: dict) -> dict:
    return {"Authorization": "Bearer " + _pupil(data)["token"]}


def _pupil_cookie(data: dict) -> dict:
    """A pupil's browser: the device token and the session (with its CSRF token)."""
    pupil = _pupil(data)
    return {"Cookie": f"pupil={pupil['token']}; session={pupil['session']}"}


def _live_poll(data: dict, unchanged: bool) -> dict:
    headers = {"Authorization": "Bearer " + data["live"]["tokens"][0]}
    if unchanged:
        headers["If-None-Match"] = data["live"]["etag"]
    return headers


def _staff(cookie_key: str):
    return lambda data: {"Cookie": "session=" + data[cookie_key]}


def _with_headers(headers):
    return {"script": lambda d: _header_script(headers(d)), "headers": headers}


SCENARIOS = [
    Scenario(
        "question page (HTML)",
        lambda d: f"/kk/attempt/{_pupil(d)['attempt']}/item/{d['items'][0]}",
        **_with_headers(_pupil_cookie),
    ),
    Scenario(
        "item (API GET)",
        lambda d: f"/api/v1/attempts/{_pupil(d)['attempt']}/items/{d['items'][0]}?lang=kk",
        **_with_headers(_bearer),
    ),
    Scenario("answer (API PUT)", lambda d: "/", method="PUT", script=_answer_script),
    Scenario(
        "live state, unchanged (304)",
        lambda d: f"/api/v1/live/{d['live']['id']}/state",
        **_with_headers(lambda d: _live_poll(d, True)),
    ),
    Scenario(
        "live state, changed (200)",
        lambda d: f"/api/v1/live/{d['live']['id']}/state",
        **_with_headers(lambda d: _live_poll(d, False)),
    ),
    Scenario(
        "teacher's live screen",
        lambda d: f"/kk/teacher/live/{d['live']['id']}",
        **_with_headers(_staff("teacher_cookie")),
    ),
    Scenario(
        "report page", lambda d: "/kk/organizer/report", **_with_headers(_staff("organizer_cookie"))
    ),
]


def prepare(env: dict) -> dict:
    """Fill the app's database with pupils and attempts to load; return their tokens and ids."""
    import subprocess

    out = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "bench.seed"],
        cwd=ROOT,
        env={**__import__("os").environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)
