"""Page weight as Chromium counts it: bytes received from the network (headers and encoded bodies).

Read from the DevTools protocol's `Network.loadingFinished` events, which carry each request's
`encodedDataLength`. Unlike `Request.sizes()`, reading them never waits on the browser, so a
request that Chromium reports oddly (a poll cut short, a 304) cannot stall a test run.
"""


class Transferred:
    """Counts what one page receives from the moment it is created."""

    def __init__(self, page):
        self.bytes = 0
        self.requests = 0
        self._cdp = page.context.new_cdp_session(page)
        self._cdp.on("Network.loadingFinished", self._finished)
        self._cdp.send("Network.enable")

    def _finished(self, event: dict) -> None:
        self.bytes += int(event["encodedDataLength"])
        self.requests += 1

    def take(self) -> int:
        """The bytes counted since the last call, and start counting again."""
        taken, self.bytes, self.requests = self.bytes, 0, 0
        return taken
