#!/usr/bin/env python3
"""How long a proxy holds each request, read off the wire (bench/compare.sh RESIDENCE=1).

Usage: residence.py PORT CAPTURE.pcap

CAPTURE is a tcpdump capture of the loopback with data-carrying packets of the proxy's listening
PORT (e.g. `tcpdump -i lo -w F 'tcp port P and tcp[tcpflags] & tcp-push != 0'`). On each client
connection a request's first packet starts the clock and the proxy's first response packet stops
it. Prints one line: `RESIDENCE n=... p50_us=... p90_us=... p99_us=... p999_us=... max_us=...`.

wrk's latency adds the load generator's own waits (being scheduled to send and to read) to this;
the difference between the two tells the proxy's tail from the client's on a shared machine.
"""
import struct
import sys


def packets(path):
    """(timestamp, src_port, dst_port, src_ip, dst_ip) of each IPv4/TCP packet with payload."""
    with open(path, "rb") as f:
        head = f.read(24)
        if len(head) < 24:
            return
        magic = struct.unpack("<I", head[:4])[0]
        order = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
        nano = magic in (0xA1B23C4D, 0x4D3CB2A1)
        link = struct.unpack(order + "I", head[20:24])[0]
        skip = {1: 14, 113: 16, 276: 20}.get(link)  # Ethernet (lo), Linux cooked v1, v2
        if skip is None:
            sys.exit(f"residence.py: unsupported link type {link} in {path}")
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                return
            sec, frac, caplen, _ = struct.unpack(order + "IIII", rec)
            data = f.read(caplen)
            ip = data[skip:]
            if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 6:
                continue
            ihl = (ip[0] & 0x0F) * 4
            total = struct.unpack(">H", ip[2:4])[0]
            tcp = ip[ihl:]
            if len(tcp) < 20:
                continue
            payload = total - ihl - (tcp[12] >> 4) * 4
            if payload <= 0:
                continue
            sport, dport = struct.unpack(">HH", tcp[:4])
            yield sec + frac / (1e9 if nano else 1e6), sport, dport, ip[12:16], ip[16:20]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: residence.py PORT CAPTURE.pcap")
    port, path = int(sys.argv[1]), sys.argv[2]
    started = {}  # client (ip, port) -> time of its pending request's first packet
    spans = []
    for ts, sport, dport, src, dst in packets(path):
        if dport == port:
            started.setdefault((src, sport), ts)
        elif sport == port:
            t0 = started.pop((dst, dport), None)
            if t0 is not None:
                spans.append(ts - t0)
    if not spans:
        sys.exit(f"residence.py: no request and response pairs on port {port} in {path}")
    spans.sort()

    def pct(q):
        return round(spans[int(q * (len(spans) - 1))] * 1e6)

    print(f"RESIDENCE n={len(spans)} p50_us={pct(0.5)} p90_us={pct(0.9)} p99_us={pct(0.99)} "
          f"p999_us={pct(0.999)} max_us={round(spans[-1] * 1e6)}")


if __name__ == "__main__":
    main()
