"""gunicorn's settings for the production site (``make serve``).

gunicorn listens on loopback only: visitors reach it through nginx (nginx-site.conf.template), which
terminates TLS, serves media and sets the headers Django trusts (X-Forwarded-Proto, X-Forwarded-For).
Every value can be changed from the environment.
"""

import multiprocessing
import os

wsgi_app = "embassy.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")

# Threads let a worker serve readers while another request waits for the database's write lock.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# A worker is replaced now and then, so that a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# The application is imported once, in the master, and each worker forked from it: a worker replaced after its
# max_requests then starts in milliseconds instead of importing Django again (1.3 s of CPU on a 2-core machine).
# At 1,500 requests a second, five workers are replaced every few seconds, and importing each time took half the
# machine: throughput rose by a third with this (docs/performance.md). Nothing opens a connection or a thread at
# import. Deploy new code by restarting the service (docs/deploy.md), not by HUP, which keeps the preloaded code.
preload_app = True

# Requests larger than these are answered 400 by gunicorn before Django sees them. The request line is
# not limited here (gunicorn's own cap, 8190 bytes, would refuse a 10,000-character search): nginx in
# front refuses lines over 16 kB with 414, and Django refuses query strings over MAX_QUERY_STRING_LENGTH.
limit_request_line = 0
limit_request_fields = 100
limit_request_field_size = 8190

# Only nginx, on this machine, may tell gunicorn the original scheme.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "embassy"

# gunicorn's runtime control socket (for `gunicornc`) only when asked for, at a path of your choosing:
# by default it would sit in $HOME, shared by every gunicorn the user runs.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
