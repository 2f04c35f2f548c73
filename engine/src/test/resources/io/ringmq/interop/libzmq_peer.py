"""A libzmq peer (Debian's python3-zmq) for ringmq's interop tests, driven by its arguments.

    /usr/bin/python3 libzmq_peer.py ROLE bind|connect ENDPOINT COUNT

Prints "ready LAST_ENDPOINT" once bound or connected, then one line per message it receives, and exits 0 once its
part is done. Any failure (a timeout, a wrong reply) raises, so the exit status is non-zero and the traceback is in
the output the test reports.

Roles:
    pub   publish "A <n>" and "B <n>" every millisecond until a line or end of file arrives on stdin
    sub   subscribe to "A", print COUNT messages
    push  send "m <n>" for n in 0..COUNT-1
    pull  print COUNT messages
    req   send "req <n>", print each reply, COUNT times
    rep   answer COUNT requests with "echo " + request
    hold  bind or connect, then wait to be killed
"""
import sys
import time

import zmq

TIMEOUT_MS = 10000
TYPES = {
    "pub": zmq.PUB, "sub": zmq.SUB, "push": zmq.PUSH, "pull": zmq.PULL,
    "req": zmq.REQ, "rep": zmq.REP, "hold": zmq.PULL,
}


def text(frame):
    return frame.decode("utf-8")


def main():
    role, how, endpoint, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ctx = zmq.Context()
    sock = ctx.socket(TYPES[role])
    sock.linger = TIMEOUT_MS
    sock.rcvtimeo = TIMEOUT_MS
    sock.sndtimeo = TIMEOUT_MS
    if role == "sub":
        sock.setsockopt(zmq.SUBSCRIBE, b"A")
    if how == "bind":
        sock.bind(endpoint)
    else:
        sock.connect(endpoint)
    print("ready", sock.getsockopt_string(zmq.LAST_ENDPOINT), flush=True)

    if role == "pub":
        stdin = zmq.Poller()
        stdin.register(sys.stdin.fileno(), zmq.POLLIN)
        n = 0
        while not stdin.poll(1):
            sock.send_string("A %d" % n)
            sock.send_string("B %d" % n)
            n += 1
    elif role in ("sub", "pull"):
        for _ in range(count):
            print(text(sock.recv()), flush=True)
    elif role == "push":
        for n in range(count):
            sock.send_string("m %d" % n)
    elif role == "req":
        for n in range(count):
            sock.send_string("req %d" % n)
            print(text(sock.recv()), flush=True)
    elif role == "rep":
        for _ in range(count):
            request = sock.recv()
            sock.send(b"echo " + request)
    elif role == "hold":
        time.sleep(3600)

    sock.close()
    ctx.term()


if __name__ == "__main__":
    main()
