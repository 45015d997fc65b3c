"""A loopback proxy in front of ``tests/web_map_server.ts`` for QGIS.

Deno's HTTP server writes header names in lower case (``content-type``);
QGIS 3.22's WMS provider looks the answer's ``Content-Type`` up in a
case-sensitive map of the raw headers (``QgsNetworkReplyParser``), so it
took a JSON GetFeatureInfo answer for GML and answered an empty layer. The
proxy passes requests through and answers with ``Content-Type`` spelled as
servers usually spell it (GeoServer, MapServer, QGIS Server), the origin's
URL in bodies (capabilities) replaced by its own.
"""
import http.server
import threading
import urllib.error
import urllib.request


def start(origin):
    """Starts the proxy for ``origin`` (``http://host:port``); returns its URL."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    holder = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            try:
                with opener.open(origin + self.path) as r:
                    status, headers, body = r.status, r.getheaders(), r.read()
            except urllib.error.HTTPError as e:
                status, headers, body = e.code, e.headers.items(), e.read()
            body = body.replace(origin.encode(), holder["url"].encode())
            self.send_response(status)
            for name, value in headers:
                if name.lower() == "content-type":
                    self.send_header("Content-Type", value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["url"] = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return holder["url"]
