"""``spmp serve`` as a process: a busy port is refused, SIGTERM stops the whole server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import pytest

from spmp_widgets.services.users import add_user
from spmp_widgets.store import Store

from .browser_support import Server, wait_for_http


@pytest.fixture
def served_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'spmp.sqlite3'}"
    store = Store(url)
    add_user(store, "coord", "coordinator", "coord-pass-1")
    store.close()
    return url


def test_sigterm_stops_the_server_and_frees_the_port(served_store, tmp_path):
    server = Server(served_store, "coord", tmp_path / "serve.log")
    wait_for_http(server.url)
    os.kill(server.proc.pid, signal.SIGTERM)  # what systemd or `kill` sends
    assert server.proc.wait(30) is not None
    with socket.socket() as s:
        s.bind(("127.0.0.1", server.port))  # nothing is left listening
    server.close()


def test_a_busy_port_is_refused_not_moved(served_store, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        p = subprocess.run([sys.executable, "-m", "spmp_widgets", "serve", "--port", str(port),
                            "--user", "coord"], capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, SPMP_DATABASE_URL=served_store))
    assert p.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}" in p.stderr and "Open http" not in p.stdout
