"""A positive control for tests/e2e/netaudit.py (run under it by test_privacy.py): one short
loopback connection, one UDP datagram and one lookup of an outside name, so the test can check
that the audit hook writes each of them down."""

import socket

with socket.socket() as server:
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    with socket.create_connection(server.getsockname(), timeout=2):
        pass                                    # a connection that lives well under 50 ms
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
    udp.sendto(b"x", ("127.0.0.1", 9))
try:
    socket.getaddrinfo("outside.invalid", 443)  # .invalid never resolves (RFC 6761)
except OSError:
    pass
