"""The ceiling: a bare Flask app answering GET / with a short string, served like the real one."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    """A short string."""
    return "ok"
