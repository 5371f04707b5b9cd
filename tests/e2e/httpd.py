#!/usr/bin/env python3
"""httpd.py - the HTTP server the fetch tests talk to (127.0.0.1 only).

usage: httpd.py ROOT PORTFILE LOGFILE [TIMEOUT_S]

Serves the files under ROOT and a few misbehaving endpoints, binds a free port
on 127.0.0.1 and writes it to PORTFILE, logs one line per request to LOGFILE
("STATUS PATH cond=0|1" -- cond=1 when the request was conditional) and exits
by itself after TIMEOUT_S seconds (default 120).

  /feeds/NAME     ROOT/NAME with ETag and Last-Modified; 304 when they match
  /lm/NAME        ROOT/NAME with Last-Modified only
  /plain/NAME     ROOT/NAME with neither (never a 304)
  /gzip/NAME      ROOT/NAME gzip-compressed (when the client accepts gzip)
  /moved/NAME     301 to /feeds/NAME        /moved308/NAME  308 to /feeds/NAME
  /temp/NAME      302 to /feeds/NAME
  /late/NAME      ROOT/NAME after 0.2 s (it arrives after the others)
  /slow           answers after 10 s
  /error          500                       /busy           429, Retry-After: 120
  /huge           4 MiB of feed text, no Content-Length (the cap must stop it)
  /huge-length    4 MiB with a Content-Length (refused before downloading)
  /bomb           4 MiB of spaces gzip-compressed to a few KiB
  /page           an HTML page that links to /feeds/gazette.xml
"""
import email.utils
import gzip
import hashlib
import http.server
import os
import socketserver
import sys
import threading
import time

ROOT = LOG = None
LOCK = threading.Lock()
BIG = 4 << 20


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def _log(self, status):
        cond = int(bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")))
        with LOCK, open(LOG, "a") as f:
            f.write("%d %s cond=%d ua=%s\n" % (status, self.path, cond,
                                               self.headers.get("User-Agent", "-")))

    def _send(self, status, body=b"", headers=()):
        # logged before answering: the client may look at the log once it has its answer
        self._log(status)
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def _file(self, name):
        path = os.path.join(ROOT, os.path.basename(name))
        try:
            with open(path, "rb") as f:
                return f.read(), os.stat(path).st_mtime
        except OSError:
            return None, 0

    def _static(self, name, etag=True, compress=False, lastmod=True):
        body, mtime = self._file(name)
        if body is None:
            return self._send(404, b"not found\n", [("Content-Type", "text/plain")])
        tag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        lm = email.utils.formatdate(int(mtime), usegmt=True)
        ctype = "application/atom+xml" if name.endswith(".atom") else "application/rss+xml"
        headers = [("Content-Type", ctype)]
        if lastmod:
            headers.append(("Last-Modified", lm))
        else:
            lm = None
        if etag:
            headers.append(("ETag", tag))
        inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        if (etag and inm == tag) or (not inm and lm and ims == lm):
            return self._send(304, headers=headers)
        if compress and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        return self._send(200, body, headers)

    def do_GET(self):
        p = self.path
        for prefix, status in (("/moved308/", 308), ("/moved/", 301), ("/temp/", 302)):
            if p.startswith(prefix):
                return self._send(status, b"", [("Location", "/feeds/" + p[len(prefix):])])
        if p.startswith("/feeds/"):
            return self._static(p[7:])
        if p.startswith("/lm/"):
            return self._static(p[4:], etag=False)
        if p.startswith("/late/"):
            time.sleep(0.2)
            return self._static(p[6:])
        if p.startswith("/plain/"):
            return self._static(p[7:], etag=False, lastmod=False)
        if p.startswith("/gzip/"):
            return self._static(p[6:], compress=True)
        if p == "/slow":
            time.sleep(10)
            return self._send(200, b"<rss version='2.0'><channel></channel></rss>")
        if p == "/error":
            return self._send(500, b"oops\n", [("Content-Type", "text/plain")])
        if p == "/busy":
            return self._send(429, b"slow down\n", [("Retry-After", "120")])
        if p == "/page":
            return self._send(200, b"<!DOCTYPE html><html><head><title>Gazette</title>"
                              b"<link rel='alternate' type='application/rss+xml' "
                              b"href='/feeds/gazette.xml'></head><body><p>Welcome</p>"
                              b"</body></html>", [("Content-Type", "text/html")])
        if p == "/huge-length":
            self._log(200)
            self.send_response(200)
            self.send_header("Content-Length", str(BIG))
            self.end_headers()
            return self._stream()
        if p == "/huge":
            self._log(200)
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            return self._stream()
        if p == "/bomb":
            body = gzip.compress(b"<rss version='2.0'><channel>" + b" " * BIG)
            return self._send(200, body, [("Content-Encoding", "gzip"),
                                          ("Content-Type", "application/rss+xml")])
        return self._send(404, b"not found\n", [("Content-Type", "text/plain")])

    def _stream(self):
        chunk = b"<!-- padding -->" * 4096
        try:
            for _ in range(BIG // len(chunk)):
                self.wfile.write(chunk)
        except OSError:
            pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up (timeouts, size caps) is part of the tests


def main():
    global ROOT, LOG
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    ROOT, portfile, LOG = sys.argv[1:4]
    timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 120
    srv = Server(("127.0.0.1", 0), Handler)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(portfile + ".tmp", portfile)
    threading.Timer(timeout, lambda: os._exit(0)).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
