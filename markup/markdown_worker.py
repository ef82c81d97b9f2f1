"""Python-Markdown in worker processes, each killed when a text keeps it busy past the time limit.

A thread cannot be stopped, and gunicorn's timeout does not stop a gthread worker's thread either: a text
that sends Python-Markdown into minutes of backtracking would hold its thread (and, inside a request's
transaction, SQLite's write lock) until it finished. A process can be killed. Each worker is a fresh
interpreter running this file, which imports only Python-Markdown, and converts one text at a time; at
most PROCESSES run at once in each server process. Not forked (forking a threaded server copies locks
that other threads hold), nor started through multiprocessing's spawn (which runs the server's main
script again in the child).

What it costs, measured on the development machine with its two cores shared (load average 7, so
roughly three times an idle machine's figures): starting a worker, once per server process (and again
after a worker is killed), 0.36 s; a 5 kB body, 14 ms rendered in the thread, 23 ms through a worker; a
100 kB body, 0.36 s and 0.41 s. markup.markdown renders short, obviously cheap texts in the thread.

Nothing here uses Django: a worker must start quickly and touch no database.
"""

import os
import subprocess
import sys
import threading
from multiprocessing.connection import Connection

import markdown

EXTENSIONS = ["extra", "sane_lists", "smarty"]
PROCESSES = 2
# How long a new worker may take to import Python-Markdown, on a machine busy with other requests.
STARTUP_TIMEOUT = 15


class TooSlow(Exception):
    """The text was not converted within the time limit; the worker converting it was killed."""


class TooDeep(Exception):
    """Python-Markdown ran out of recursion on the text's nesting."""


class Busy(Exception):
    """Every worker stayed busy with other texts for as long as this one may take."""


def markdown_to_html(text):
    """Python-Markdown itself, unbounded: in a worker, or for texts known to be cheap."""
    return markdown.markdown(text, extensions=EXTENSIONS, output_format="html")


def _serve(requests, replies):
    replies.send("ready")
    while True:
        try:
            text = requests.recv()
        except EOFError:  # the server process has gone
            return
        try:
            replies.send(("html", markdown_to_html(text)))
        except RecursionError:
            replies.send(("too deep", ""))


class _Worker:
    def __init__(self):
        to_worker, requests = os.pipe()
        replies, from_worker = os.pipe()
        # -P: this file's folder (markup/, with its markdown.py) must not hide the markdown package.
        self.process = subprocess.Popen(
            [sys.executable, "-P", __file__, str(to_worker), str(from_worker)],
            pass_fds=(to_worker, from_worker),
            stdin=subprocess.DEVNULL,
        )
        os.close(to_worker)
        os.close(from_worker)
        self.requests = Connection(requests, readable=False)
        self.replies = Connection(replies, writable=False)
        # The time limit is for converting, not for starting an interpreter.
        if not self.replies.poll(STARTUP_TIMEOUT) or self.replies.recv() != "ready":
            self.stop()
            raise Busy("A Markdown worker did not start.")

    def convert(self, text, time_limit):
        self.requests.send(text)
        if not self.replies.poll(time_limit):
            raise TooSlow
        kind, html = self.replies.recv()
        if kind == "too deep":
            raise TooDeep
        return html

    def stop(self):
        self.process.kill()
        self.process.wait(timeout=5)
        self.requests.close()
        self.replies.close()


_idle = []
_idle_lock = threading.Lock()
_slots = threading.BoundedSemaphore(PROCESSES)


def _take_idle_worker():
    with _idle_lock:
        return _idle.pop() if _idle else None


def _give_back(worker):
    with _idle_lock:
        _idle.append(worker)


def convert(text, time_limit):
    """``text`` converted to HTML in a worker process, or TooSlow, TooDeep or Busy, within about 2 × time_limit."""
    if not _slots.acquire(timeout=time_limit):
        raise Busy
    try:
        worker = _take_idle_worker() or _Worker()
        try:
            html = worker.convert(text, time_limit)
        except TooDeep:
            _give_back(worker)
            raise
        except BaseException:
            # Still converting (or broken): the only way to stop it.
            worker.stop()
            raise
        _give_back(worker)
        return html
    finally:
        _slots.release()


def stop_all():
    """Stop the idle workers (tests; a busy one is stopped by its own caller)."""
    with _idle_lock:
        workers, _idle[:] = list(_idle), []
    for worker in workers:
        worker.stop()


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))
