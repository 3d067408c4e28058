"""A forked worker (gunicorn's) makes its own store client instead of sharing its parent's."""
import os

from functions.storage.models import BaseItem


def _client():
    return BaseItem._get_connection().connection.client


def test_a_forked_process_makes_its_own_store_client_and_it_works(store):
    parent = _client()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer over the pipe, never return into pytest
        try:
            child = _client()
            works = BaseItem.exists()  # a real call on the child's own connection
            os.write(write, b"own" if child is not parent and works else b"shared")
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 16) == b"own"
    assert _client() is parent  # the parent keeps its client
