#!/usr/bin/env python3
"""Floods a server with wrong passwords from one client address, for load.sh.

    flood.py PORT SECONDS [SOURCE_ADDRESS]   (default source 127.0.0.2)

Runs 8 threads, each sending GET requests with Basic credentials of user names no one has (a new
one each time, so that only the address's throttle can stop them) from SOURCE_ADDRESS as fast as
answers come, and prints how they were answered: `flood: N requests, 401: a, 429: b`.
"""
import base64
import http.client
import sys
import threading
import time
from collections import Counter


def flood(port, until, source, counts, lock, thread):
    connection, sent = None, 0
    while time.monotonic() < until:
        sent += 1
        credentials = base64.b64encode(f"flood-{thread}-{sent}:not-a-password".encode()).decode()
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
            connection.request("GET", "/api/v1/ChatSession?$top=1", headers={"Authorization": "Basic " + credentials})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            connection, status = None, "error"
        with lock:
            counts[status] += 1


def main():
    port, seconds = int(sys.argv[1]), float(sys.argv[2])
    source = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.2"
    counts, lock = Counter(), threading.Lock()
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=flood, args=(port, until, source, counts, lock, index)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"flood: {sum(counts.values())} requests, 401: {counts[401]}, 429: {counts[429]}, other: {sum(counts.values()) - counts[401] - counts[429]}")


if __name__ == "__main__":
    main()
