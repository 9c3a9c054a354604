"""A TCP proxy in front of PostgreSQL that can cut the database off and bring it back."""

import contextlib
import selectors
import socket
import threading


class FaultProxy:
    """Listens on 127.0.0.1 and relays each connection to `upstream`: (host, port), or the
    path of a Unix socket. While cut, open connections are dropped and new ones refused."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)  # so that the accepting thread notices a stop
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.pairs = []
        self.is_cut = False
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.accept_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.listener.close()
        self.cut()
        self.thread.join(timeout=5)

    def cut(self):
        with self.lock:
            self.is_cut = True
            pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for end in pair:
                close_quietly(end)

    def restore(self):
        with self.lock:
            self.is_cut = False

    def connect_upstream(self):
        if isinstance(self.upstream, str):
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.connect(self.upstream)
            return server
        return socket.create_connection(self.upstream, timeout=5)

    def accept_forever(self):
        while not self.stopped.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            with self.lock:
                refused = self.is_cut
            if refused:
                close_quietly(client)
                continue
            server = self.connect_upstream()
            with self.lock:
                self.pairs.append((client, server))
            threading.Thread(target=relay, args=(client, server), daemon=True).start()


def relay(client, server):
    with selectors.DefaultSelector() as selector:
        selector.register(client, selectors.EVENT_READ, server)
        selector.register(server, selectors.EVENT_READ, client)
        while True:
            try:
                for key, _ in selector.select(timeout=1):
                    data = key.fileobj.recv(65536)
                    if not data:
                        raise OSError("closed")
                    key.data.sendall(data)
            except (OSError, ValueError):
                close_quietly(client)
                close_quietly(server)
                return


def close_quietly(sock):
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
