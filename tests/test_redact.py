"""Credentials in an endpoint URL are used, and no secret (from a URL, the environment or
netrc) is ever printed: not in a message, not in a dry run, not in a --debug traceback.

Why: `http://alice:s3cret@host/store` failed with "Name or service not known" and printed the
password whole into terminals and CI logs.
"""
from __future__ import annotations

import base64
import threading
from http.server import ThreadingHTTPServer
from typing import ClassVar

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.redact import redact, remember, split_credentials
from kg.store import Endpoint
from tests.servers import free_port
from tests.test_store import Recorder

PASSWORD = "s3cret-pw"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


class Echo(Recorder):
    """A careless server: answers an error with a body that quotes the request, credentials
    included (the worst a store could do)."""

    seen: ClassVar[list[tuple[str, str, str | None]]] = []

    def body(self) -> bytes:
        auth = self.headers.get("Authorization")
        decoded = base64.b64decode(auth.split()[1]).decode() if auth and auth.startswith("Basic") else auth
        return f"refused {self.path} for {decoded}".encode()


def authorizations() -> list[str | None]:
    return [auth for _, _, auth in Echo.seen]


@pytest.fixture()
def echo():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    Echo.seen, Echo.status = [], 204
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_credentials_in_the_url_authenticate_and_are_masked(examples_graph, echo):
    url = f"http://alice:{PASSWORD}@127.0.0.1:{echo}/store"
    result = run("load", str(examples_graph), "--endpoint", url, "--keep-stale", env={"NETRC": "/nonexistent"})
    assert result.exit_code == 0, result.output
    expected = "Basic " + base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    assert Echo.seen and all(auth == expected for auth in authorizations())
    assert f"into http://alice:***@127.0.0.1:{echo}/store" in result.output
    assert PASSWORD not in result.output


def test_a_percent_encoded_password_is_decoded_and_masked(examples_graph, echo):
    url = f"http://alice:p%40ss%3Aword@127.0.0.1:{echo}/store"
    Echo.status = 403
    result = run("load", str(examples_graph), "--endpoint", url, "--keep-stale")
    assert result.exit_code == 2
    assert authorizations() == ["Basic " + base64.b64encode(b"alice:p@ss:word").decode()]
    assert "p@ss:word" not in result.output and "p%40ss" not in result.output
    assert "alice:***@" in result.output and "refused" in result.output


@pytest.mark.parametrize("debug", [(), ("--debug",)])
def test_an_unreachable_endpoint_with_credentials_never_shows_them(debug):
    url = f"http://alice:{PASSWORD}@127.0.0.1:{free_port()}/query"
    result = run(*debug, "query", "ASK {}", "--endpoint", url, "--retries", "0")
    assert result.exit_code == 2
    assert "Error: query: http://alice:***@127.0.0.1:" in result.output
    assert "cannot connect" in result.output and "Name or service" not in result.output
    assert PASSWORD not in result.output


@pytest.mark.parametrize("debug", [(), ("--debug",)])
def test_secrets_from_the_environment_and_netrc_are_masked(examples_graph, echo, tmp_path, debug):
    Echo.status = 403
    url = f"http://127.0.0.1:{echo}/store"
    env_result = run(*debug, "load", str(examples_graph), "--endpoint", url,
                     env={"OPGRAPH_USER": "bob", "OPGRAPH_PASSWORD": "env-pass-42"})
    assert env_result.exit_code == 2 and "refused" in env_result.output
    assert "env-pass-42" not in env_result.output and "bob:***" in env_result.output
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login carol password netrc-pass-7\n")
    netrc.chmod(0o600)
    netrc_result = run(*debug, "load", str(examples_graph), "--endpoint", url, env={"NETRC": str(netrc)})
    assert netrc_result.exit_code == 2 and "refused" in netrc_result.output
    assert "netrc-pass-7" not in netrc_result.output and "carol:***" in netrc_result.output


def test_a_dry_run_shows_no_credentials(examples_graph):
    result = run("load", "--dry-run", "--keep-stale", "--endpoint", f"http://alice:{PASSWORD}@127.0.0.1:9/store",
                 str(examples_graph))
    assert result.exit_code == 0 and result.output.startswith("PUT http://127.0.0.1:9/store?graph=")
    assert PASSWORD not in result.output


def test_a_bug_under_debug_shows_a_masked_traceback(monkeypatch):
    def broken(self, *args, **kwargs):
        raise ValueError(f"could not parse {self.url} with {PASSWORD}")

    monkeypatch.setattr(Endpoint, "query", broken)
    result = run("--debug", "query", "ASK {}", "--endpoint", f"http://alice:{PASSWORD}@127.0.0.1:9/query")
    assert result.exit_code == 2
    assert result.output.startswith("Traceback (most recent call last):")
    assert "ValueError: could not parse http://127.0.0.1:9/query with ***" in result.output
    assert PASSWORD not in result.output


def test_split_and_redact():
    assert split_credentials("https://u:p%2Fw@h:1/s?x=1") == ("https://h:1/s?x=1", "u", "p/w")
    assert split_credentials("http://h/s") == ("http://h/s", None, None)
    assert split_credentials("http://u@h/s") == ("http://h/s", "u", None)
    assert redact("GET http://u:raw@pass@h/s failed") == "GET http://u:***@h/s failed"
    remember("ab")  # too short to mask everywhere: masking it would mangle every message
    assert redact("about abc") == "about abc"
