#!/usr/bin/env python3
"""Serves a built site on 127.0.0.1 with gzip for text, as GitHub Pages does, for bench/lighthouse.sh.

usage: bench/serve_gzip.py ROOT PORT
"""
import gzip, http.server, sys, os
root = sys.argv[1]; port = int(sys.argv[2])
class H(http.server.SimpleHTTPRequestHandler):
    def __init__(s, *a, **k): super().__init__(*a, directory=root, **k)
    def log_message(s, *a): pass
    def send_head(s):
        path = s.translate_path(s.path)
        if os.path.isdir(path): path = os.path.join(path, "index.html")
        if not os.path.isfile(path): return super().send_head()
        data = open(path, "rb").read()
        ctype = s.guess_type(path)
        gz = "gzip" in s.headers.get("Accept-Encoding", "") and ctype.split(";")[0] in ("text/html","text/css","application/javascript","text/javascript","application/json","application/xml","image/svg+xml")
        if gz: data = gzip.compress(data, 6)
        s.send_response(200); s.send_header("Content-Type", ctype)
        if gz: s.send_header("Content-Encoding", "gzip")
        s.send_header("Content-Length", str(len(data))); s.send_header("Cache-Control", "max-age=600"); s.end_headers()
        import io; return io.BytesIO(data)
http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
