"""A real HTTP listener on loopback that records the PURGE requests
Wagtail's frontend cache backend sends it, as ``http://host/path``."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class PurgeListener:
    def __init__(self):
        self.received = []
        self.lock = threading.Lock()
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                with listener.lock:
                    listener.received.append(
                        f"http://{self.headers['Host']}{self.path}"
                    )
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def urls(self):
        """What was purged since the last call, each URL once."""
        with self.lock:
            found, self.received = set(self.received), []
        return found
