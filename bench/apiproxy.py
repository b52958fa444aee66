#!/usr/bin/env python3
"""A logging unix-socket proxy for the Docker Engine API, for bench/profile.sh.

    apiproxy.py LISTEN_SOCKET UPSTREAM_SOCKET LOG [TRACE_MARKER]

Every connection is piped through unchanged. Each HTTP request line and each response status
line is logged with a wall-clock timestamp (HH:MM:SS.micro, local time, like strace -tt) and the
connection number, so one client command's calls can be lined up against the daemon's own
activity:

    20:31:02.123456 c3 > POST /v1.50/containers/create
    20:31:02.140001 c3 < 201 Created
    20:31:02.140500 c4 ~ < 812 bytes    (a response body chunk, or stream data after a hijack)

With TRACE_MARKER (an ftrace instance's trace_marker file) the same lines, without the
timestamp, also go into the kernel trace, on the kernel's clock, next to the exec/exit events.
"""
import asyncio
import datetime
import sys

listen, upstream, log_path = sys.argv[1:4]
marker = open(sys.argv[4], "w", buffering=1) if len(sys.argv) > 4 else None


class Log:
    def __init__(self, path):
        self.f = open(path, "a", buffering=1)

    def write(self, line):
        if marker:
            marker.write("api " + line.split(" ", 1)[1])  # one write() per event
        self.f.write(line)


log = Log(log_path)
counter = 0
METHODS = (b"GET ", b"POST ", b"PUT ", b"DELETE ", b"HEAD ")


def stamp():
    return datetime.datetime.now().strftime("%H:%M:%S.%f")


async def pump(reader, writer, conn, direction):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            if direction == ">" and data.startswith(METHODS):
                line = data.split(b"\r\n", 1)[0].decode("latin-1")
                log.write(f"{stamp()} c{conn} > {line.rsplit(' ', 1)[0]}\n")
            elif direction == "<" and data.startswith(b"HTTP/1."):
                line = data.split(b"\r\n", 1)[0].decode("latin-1")
                log.write(f"{stamp()} c{conn} < {line.split(' ', 1)[1]}\n")
                head, _, body = data.partition(b"\r\n\r\n")
                if body:
                    log.write(f"{stamp()} c{conn} ~ < {len(body)} body bytes with the headers\n")
            else:
                # response bodies (a wait's exit status arrives here) and hijacked stream data
                log.write(f"{stamp()} c{conn} ~ {direction} {len(data)} bytes\n")
            writer.write(data)
            await writer.drain()
    except (ConnectionResetError, BrokenPipeError):
        pass
    finally:
        try:
            writer.write_eof()
        except (OSError, RuntimeError):
            writer.close()


async def handle(client_r, client_w):
    global counter
    counter += 1
    conn = counter
    up_r, up_w = await asyncio.open_unix_connection(upstream)
    await asyncio.gather(pump(client_r, up_w, conn, ">"), pump(up_r, client_w, conn, "<"))
    log.write(f"{stamp()} c{conn} x closed\n")
    client_w.close()
    up_w.close()


async def main():
    server = await asyncio.start_unix_server(handle, path=listen)
    async with server:
        await server.serve_forever()


asyncio.run(main())
