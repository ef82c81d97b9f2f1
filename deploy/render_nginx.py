#!/usr/bin/env python3
"""Write the nginx configuration for the embassy site from nginx-site.conf.template.

Production (TLS on 443, and port 80 redirecting to it):

    python3 deploy/render_nginx.py --server-name www.embassy.example \\
        --media-root /srv/embassy/media --tls-certificate /etc/ssl/embassy.pem \\
        --tls-key /etc/ssl/private/embassy.key > /etc/nginx/sites-enabled/embassy.conf

Without --tls-certificate it listens on plain HTTP (for trying the stack on a laptop).
"""

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

TEMPLATE = Path(__file__).with_name("nginx-site.conf.template")

TLS = """\
    ssl_certificate {certificate};
    ssl_certificate_key {key};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:embassy_tls:10m;
    ssl_session_timeout 1d;
    ssl_session_tickets off;
"""

REDIRECT_SERVER = """
server {{
    listen {http_listen};
    server_name {server_name};
    server_tokens off;
    return 301 https://$host{port_suffix}$request_uri;
}}
"""

MEDIA_FROM_STORE = """\
            # From the bucket (AWS_STORAGE_BUCKET_NAME): the same address, the object's bytes, none of the
            # store's own headers.
            rewrite ^{media_url}(.*)$ {bucket_path}$1 break;
            proxy_pass {store};
            proxy_http_version 1.1;
            proxy_set_header Host {store_host};
            proxy_set_header Authorization "";
            proxy_set_header Cookie "";
            proxy_hide_header Set-Cookie;
            proxy_hide_header Cache-Control;
            proxy_hide_header Content-Security-Policy;
            proxy_hide_header Access-Control-Allow-Origin;
            proxy_hide_header x-amz-id-2;
            proxy_hide_header x-amz-request-id;
            proxy_hide_header x-amzn-requestid;
            proxy_hide_header x-amz-version-id;
            proxy_hide_header x-amz-server-side-encryption;
            proxy_ignore_headers Set-Cookie;
            proxy_intercept_errors on;
            error_page 403 404 =404 /media-not-found;
"""

STATIC = """\
    # Static files from STATIC_ROOT (collectstatic's output, the same release on every machine). Their
    # names carry a hash of their content, so they are cached for ever; whitenoise's .gz copies are sent
    # to browsers that accept them.
    location {static_url} {{
        alias {static_root}/;
        autoindex off;
        gzip_static on;
        limit_except GET {{ deny all; }}
        add_header Cache-Control "public, max-age=31536000, immutable" always;
        add_header X-Content-Type-Options "nosniff" always;
{hsts}    }}

"""

HSTS = '            add_header Strict-Transport-Security "max-age={seconds}; includeSubDomains; preload" always;\n'


def render(
    *,
    server_name,
    media_root=None,
    media_store=None,
    static_root=None,
    static_url="/static/",
    upstream=("127.0.0.1:8001",),
    cache_dir="/var/cache/nginx/embassy",
    listen=None,
    http_listen="80",
    media_url="/media/",
    max_body="25m",
    tls_certificate=None,
    tls_key=None,
    hsts_seconds=31_536_000,
):
    if bool(tls_certificate) != bool(tls_key):
        raise ValueError("Give both --tls-certificate and --tls-key, or neither.")
    if not media_url.startswith("/") or not media_url.endswith("/"):
        raise ValueError("The media URL must start and end with a slash, like /media/.")
    if bool(media_root) == bool(media_store):
        raise ValueError("Give either --media-root (media on disk) or --media-store (media in a bucket).")
    tls = bool(tls_certificate)
    if media_store:
        store = urlsplit(media_store)
        if store.scheme not in ("http", "https") or not store.path.strip("/"):
            raise ValueError("--media-store is the bucket's address, like https://s3.example/embassy-media/.")
        media_from_store = MEDIA_FROM_STORE.format(
            media_url=media_url,
            bucket_path="/" + store.path.strip("/") + "/",
            store=f"{store.scheme}://{store.netloc}",
            store_host=store.netloc,
        )
        media_from_disk = ""
    else:
        media_from_store = ""
        media_from_disk = f"        alias {Path(media_root).resolve()}/;\n"
    listen = listen or ("443" if tls else "80")
    port = listen.rsplit(":", 1)[-1]
    replacements = {
        "@UPSTREAM@": "".join(
            f"    server {address} max_fails=1 fail_timeout=5s;\n"
            for address in ([upstream] if isinstance(upstream, str) else upstream)
        ),
        "@CACHE_DIR@": str(cache_dir),
        "@SERVER_NAME@": server_name,
        "@LISTEN@": f"listen {listen} ssl http2;" if tls else f"listen {listen};",
        "@TLS@": TLS.format(certificate=tls_certificate, key=tls_key) if tls else "",
        "@REDIRECT_SERVER@": (
            REDIRECT_SERVER.format(
                http_listen=http_listen, server_name=server_name, port_suffix="" if port == "443" else f":{port}"
            )
            if tls
            else ""
        ),
        "@MEDIA_HSTS@": HSTS.format(seconds=hsts_seconds) if tls else "",
        "@MEDIA_URL@": media_url,
        "@STATIC@": (
            STATIC.format(
                static_url=static_url,
                static_root=Path(static_root).resolve(),
                hsts=HSTS.format(seconds=hsts_seconds).replace("            ", "        ", 1) if tls else "",
            )
            if static_root
            else ""
        ),
        "@MEDIA_FROM_DISK@": media_from_disk,
        "@MEDIA_FROM_STORE@": media_from_store,
        "@MAX_BODY@": max_body,
    }
    text = TEMPLATE.read_text()
    for placeholder, value in replacements.items():
        text = text.replace(placeholder, value)
    return text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server-name", required=True, help="host name(s), as in DJANGO_ALLOWED_HOSTS")
    parser.add_argument("--media-root", help="the MEDIA_ROOT the site writes uploads to (media on disk)")
    parser.add_argument(
        "--media-store", help="the bucket's address, e.g. https://s3.example/embassy-media/ (media in a bucket)"
    )
    parser.add_argument(
        "--upstream",
        action="append",
        help="an app server's address (its GUNICORN_BIND); repeat for several (default 127.0.0.1:8001)",
    )
    parser.add_argument("--cache-dir", default="/var/cache/nginx/embassy", help="where nginx keeps cached pages")
    parser.add_argument("--listen", help="address:port or port for the site (default 443 with TLS, else 80)")
    parser.add_argument("--http-listen", default="80", help="with TLS: where plain HTTP is redirected from")
    parser.add_argument("--media-url", default="/media/")
    parser.add_argument("--static-root", help="STATIC_ROOT: nginx serves /static/ from it (else the app servers do)")
    parser.add_argument("--static-url", default="/static/")
    parser.add_argument("--max-body", default="25m", help="nginx client_max_body_size")
    parser.add_argument("--tls-certificate")
    parser.add_argument("--tls-key")
    parser.add_argument("--hsts-seconds", type=int, default=31_536_000)
    args = parser.parse_args(argv)
    try:
        options = vars(args)
        options["upstream"] = options["upstream"] or ["127.0.0.1:8001"]
        sys.stdout.write(render(**options))
    except ValueError as error:
        parser.error(str(error))


if __name__ == "__main__":
    main()
