"""The seed's MyService between the Rust binary (examples/src/bin/myservice.rs) and real
Python peers: Apache's `thrift` package (code from Debian's thrift-compiler) and `thriftpy2`
(which reads the IDL at run time), as servers and as clients, in every protocol and
transport both sides support.

Run: python3 myservice_interop.py PATH_TO_myservice_BINARY WORK_DIR
Prints a line per check and a last line `N passed, M failed`; exits 1 on any failure.
"""

import os
import socket
import subprocess
import sys
import threading
import time

BIN, WORK = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IDL = os.path.join(ROOT, "examples", "idl", "myservice.thrift")
os.makedirs(WORK, exist_ok=True)
subprocess.run(["thrift", "--gen", "py", "-out", WORK, IDL], check=True)
sys.path.insert(0, WORK)

from myservice import MyService  # noqa: E402  (Apache's generated code)
from myservice.ttypes import MyData  # noqa: E402
from thrift.protocol import TBinaryProtocol, TCompactProtocol  # noqa: E402
from thrift.server import TServer  # noqa: E402
from thrift.transport import TSocket, TTransport  # noqa: E402
import thriftpy2  # noqa: E402
from thriftpy2.protocol import TBinaryProtocolFactory, TCompactProtocolFactory  # noqa: E402
from thriftpy2.rpc import make_client, make_server  # noqa: E402
from thriftpy2.transport import TBufferedTransportFactory, TFramedTransportFactory  # noqa: E402

tp2 = thriftpy2.load(IDL, module_name="myservice_thrift")
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)


class Handler:
    def __init__(self):
        self.received = []

    def doSomething(self, data):
        self.received.append((data.name, data.age, data.active))

    def checkStatus(self):
        return len(self.received) > 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server on port %d never came up" % port)


APACHE = {
    "binary": TBinaryProtocol.TBinaryProtocolFactory, "compact": TCompactProtocol.TCompactProtocolFactory,
    "buffered": TTransport.TBufferedTransportFactory, "framed": TTransport.TFramedTransportFactory,
}
TP2 = {
    "binary": TBinaryProtocolFactory, "compact": TCompactProtocolFactory,
    "buffered": TBufferedTransportFactory, "framed": TFramedTransportFactory,
}


def rust_client(port, proto, trans):
    out = subprocess.run([BIN, "--connect", "127.0.0.1:%d" % port, "--protocol", proto, "--transport", trans],
                         capture_output=True, text=True, timeout=30)
    return out.returncode, out.stdout + out.stderr


def apache_server(port, proto, trans, handler):
    sock = TSocket.TServerSocket(host="127.0.0.1", port=port)
    server = TServer.TThreadedServer(MyService.Processor(handler), sock, APACHE[trans](), APACHE[proto]())
    server.daemon = True
    threading.Thread(target=server.serve, daemon=True).start()
    wait_for(port)


def tp2_server(port, proto, trans, handler):
    server = make_server(tp2.MyService, handler, "127.0.0.1", port,
                         proto_factory=TP2[proto](), trans_factory=TP2[trans](), client_timeout=None)
    threading.Thread(target=server.serve, daemon=True).start()
    wait_for(port)


def rust_server(proto, trans):
    p = subprocess.Popen([BIN, "--serve", "0", "--protocol", proto, "--transport", trans],
                         stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    port = int(line.rsplit(":", 1)[1])
    return p, port


def apache_client(port, proto, trans):
    sock = TSocket.TSocket("127.0.0.1", port)
    transport = APACHE[trans]().getTransport(sock)
    client = MyService.Client(APACHE[proto]().getProtocol(transport))
    transport.open()
    try:
        client.doSomething(MyData(name="John", age=25, active=True))
        return client.checkStatus()
    finally:
        transport.close()


def tp2_client(port, proto, trans):
    client = make_client(tp2.MyService, "127.0.0.1", port, proto_factory=TP2[proto](), trans_factory=TP2[trans]())
    try:
        client.doSomething(tp2.MyData(name="John", age=25, active=True))
        return client.checkStatus()
    finally:
        client.close()


for proto in ("binary", "compact"):
    for trans in ("buffered", "framed"):
        combo = "%s/%s" % (proto, trans)
        for peer, start in (("apache", apache_server), ("thriftpy2", tp2_server)):
            handler, port = Handler(), free_port()
            start(port, proto, trans, handler)
            code, out = rust_client(port, proto, trans)
            check("rust client -> %s server, %s" % (peer, combo),
                  code == 0 and "Server status: true" in out and handler.received == [("John", 25, True)],
                  "exit %d, output %r, server saw %r" % (code, out, handler.received))
        for peer, call in (("apache", apache_client), ("thriftpy2", tp2_client)):
            server, port = rust_server(proto, trans)
            try:
                status = call(port, proto, trans)
                check("%s client -> rust server, %s" % (peer, combo), status is True, "checkStatus returned %r" % status)
            except Exception as e:  # noqa: BLE001
                check("%s client -> rust server, %s" % (peer, combo), False, repr(e))
            finally:
                server.terminate()
                server.wait(timeout=10)

passed = sum(results)
print("%d passed, %d failed" % (passed, len(results) - passed))
sys.exit(0 if passed == len(results) else 1)
