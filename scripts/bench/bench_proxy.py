#!/usr/bin/env python3
"""Throughput of `docconform proxy` on loopback, per core: exchanges and body megabytes per
CPU second of the proxy process (its one event loop thread does the forwarding and the
validating), with and without validation. The upstream answers canned responses (asyncio);
clients keep their connections alive. CPU time, not wall time: the load generator and the
upstream run on the same two cores.

    python3 scripts/bench/bench_proxy.py --docconform .build/release/docconform [--exchanges 20000]
"""
import argparse
import asyncio
import http.client
import json
import os
import subprocess
import sys
import threading
import time

TARGET = "DynamoDB_20120810"
AUTH = "AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"


def scan_body(items):
    item = {"k": {"S": "key-0001"}, "n": {"N": "12345"}, "m": {"M": {"x": {"L": [{"S": "value"}, {"N": "1"}]}}}}
    return json.dumps({"Items": [item] * items, "Count": items, "ScannedCount": items}).encode()


CASES = {
    # name: (operation, request body, response body)
    "small": ("ListTables", b'{"Limit": 10}', json.dumps({"TableNames": ["table-one", "table-two", "table-three"]}).encode()),
    "large": ("Scan", b'{"TableName": "table-one"}', scan_body(10_000)),
}


async def upstream(port_box, ready, response):
    async def serve(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                await reader.readexactly(length)
                writer.write(response)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port_box.append(server.sockets[0].getsockname()[1])
    ready.set()
    async with server:
        await server.serve_forever()


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_case(args, name, validate):
    operation, request_body, response_body = CASES[name]
    response = (b"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nx-amzn-RequestId: r\r\n"
                + b"Content-Length: %d\r\n\r\n" % len(response_body) + response_body)
    port_box, ready = [], threading.Event()
    threading.Thread(target=lambda: asyncio.run(upstream(port_box, ready, response)), daemon=True).start()
    ready.wait()
    cmd = [args.docconform, "proxy", "--quiet", "--model", args.model, "--listen", "127.0.0.1:0",
           "--upstream", f"http://127.0.0.1:{port_box[0]}", "--format", "jsonl", "-o", "/dev/null"]
    if not validate:
        cmd.append("--no-validate")
    proxy = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    line = proxy.stderr.readline()
    port = int(line.split("listening on http://127.0.0.1:")[1].split(",")[0])
    count = args.exchanges if name == "small" else max(50, args.exchanges // 200)
    headers = {"X-Amz-Target": f"{TARGET}.{operation}", "Content-Type": "application/x-amz-json-1.0", "Authorization": AUTH}

    def client(n):
        c = http.client.HTTPConnection("127.0.0.1", port)
        for _ in range(n):
            c.request("POST", "/", body=request_body, headers=headers)
            r = c.getresponse()
            assert r.status == 200 and len(r.read()) == len(response_body)
        c.close()

    client(5)  # plans compiled, connections warm
    before = cpu_seconds(proxy.pid)
    start = time.time()
    threads = [threading.Thread(target=client, args=(count // args.clients,)) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.time() - start
    cpu = cpu_seconds(proxy.pid) - before
    done = count // args.clients * args.clients
    peak = next(l.split()[1] for l in open(f"/proc/{proxy.pid}/status") if l.startswith("VmHWM"))
    proxy.send_signal(2)
    proxy.wait()
    mb = done * (len(request_body) + len(response_body)) / 1e6
    print(f"{name:5} {'validate' if validate else 'forward ':8}: {done} exchanges, {mb:.1f} MB of bodies; proxy CPU {cpu:.2f} s "
          f"(wall {wall:.2f} s): {done / cpu:,.0f} exchanges/s, {mb / cpu:.1f} MB/s per core; response body {len(response_body):,} bytes; "
          f"peak RSS {int(peak) / 1024:.0f} MB")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docconform", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--exchanges", type=int, default=20000)
    ap.add_argument("--clients", type=int, default=4)
    args = ap.parse_args()
    for name in CASES:
        for validate in (False, True):
            run_case(args, name, validate)


if __name__ == "__main__":
    sys.exit(main())
