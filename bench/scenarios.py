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

    def wrk(self, base: str, data: dict) -> tuple[str, str | None]:
        """Return the URL and Lua script for wrk."""
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
    lines = [f'wrk.headers["{k}"] = "{v}"' for k, v in headers.items()]
    return "\n".join(lines) + "\n"


def _answer_script(data: dict) -> str:
    """The Lua script of bench/lua/answer.lua with this run's rows."""
    rows = ",\n".join(
        f"{{{json.dumps(t)},{a},{json.dumps(i)},{json.dumps(json.dumps(r))}}}"
        for t, a, i, r in data["answers"]
    )
    template = (ROOT / "bench" / "lua" / "answer.lua").read_text()
    return template.replace("ROWS", "{\n" + rows + "\n}", 1)


def _pupil(data: dict) -> dict:
    return data["pupils"][0]


SCENARIOS = [
    Scenario("home page", lambda d: "/kk/"),
    Scenario(
        "item (API GET)",
        lambda d: f"/api/v1/attempts/{_pupil(d)['attempt']}/items/{d['items'][0]}?lang=kk",
        script=lambda d: _header_script({"Authorization": "Bearer " + _pupil(d)["token"]}),
        headers=lambda d: {"Authorization": "Bearer " + _pupil(d)["token"]},
    ),
    Scenario("answer (API PUT)", lambda d: "/", method="PUT", script=_answer_script),
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
