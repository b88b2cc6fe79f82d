"""The project's own interop IDL (tests/idl/calculator.thrift) between the Rust peer
(tests/src/bin/interop_peer.rs) and Python peers: Apache's `thrift` package (code from
Debian's thrift-compiler) and `thriftpy2` (IDL loaded at run time), each as server and as
client, in binary/compact x buffered/framed.

Run: python3 calculator_interop.py PATH_TO_interop_peer WORK_DIR
Prints a line per check and `N passed, M failed`; exits 1 on any failure.
"""

import logging
import os
import socket
import subprocess
import sys
import threading
import time

BIN, WORK = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IDL = os.path.join(ROOT, "tests", "idl", "calculator.thrift")
os.makedirs(WORK, exist_ok=True)
subprocess.run(["thrift", "--gen", "py", "-r", "-out", WORK, IDL], check=True)
sys.path.insert(0, WORK)

from calculator import Calculator as ACalculator  # noqa: E402
from calculator.ttypes import InvalidOperation as AInvalidOperation, Operation as AOperation, Work as AWork  # noqa: E402
from thrift.Thrift import TApplicationException  # noqa: E402
from thrift.protocol import TBinaryProtocol, TCompactProtocol  # noqa: E402
from thrift.server import TServer  # noqa: E402
from thrift.transport import TSocket, TTransport  # noqa: E402
import thriftpy2  # noqa: E402
from thriftpy2.protocol import TBinaryProtocolFactory, TCompactProtocolFactory  # noqa: E402
from thriftpy2.rpc import make_client, make_server  # noqa: E402
from thriftpy2.thrift import TApplicationException as TP2AppException  # noqa: E402
from thriftpy2.transport import TBufferedTransportFactory, TFramedTransportFactory  # noqa: E402

logging.disable(logging.CRITICAL)  # Apache's server logs each handler exception; they are expected here
tp2 = thriftpy2.load(IDL, module_name="calculator_thrift", include_dirs=[os.path.dirname(IDL)])
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": %s" % detail), flush=True)


def make_handler(invalid_operation, app_exception):
    class Handler:
        def __init__(self):
            self.count = 0

        def ping(self):
            return True

        def add(self, a, b):
            return (a + b + 2**31) % 2**32 - 2**31

        def calculate(self, logid, w):
            if w.op == 1:
                return w.num1 + w.num2
            if w.op == 2:
                return w.num1 - w.num2
            if w.op == 3:
                return w.num1 * w.num2
            if w.op == 4 and w.num2 == 0:
                raise invalid_operation(whatOp=w.op, why="Cannot divide by 0")
            if w.op == 4:
                return w.num1 // w.num2
            raise invalid_operation(whatOp=w.op, why="Invalid operation")

        def zip(self, delay_ms):
            time.sleep(delay_ms / 1000.0)
            self.count += 1

        def echo(self, m):
            return m

        def slow(self, ms):
            time.sleep(ms / 1000.0)
            return "slept %d" % ms

        def fail(self, how):
            raise app_exception(6, how)

        def zips(self):
            return self.count
    return Handler


AHandler = make_handler(AInvalidOperation, TApplicationException)
TP2Handler = make_handler(tp2.InvalidOperation, TP2AppException)

APACHE = {
    "binary": TBinaryProtocol.TBinaryProtocolFactory, "compact": TCompactProtocol.TCompactProtocolFactory,
    "buffered": TTransport.TBufferedTransportFactory, "framed": TTransport.TFramedTransportFactory,
}
TP2 = {
    "binary": TBinaryProtocolFactory, "compact": TCompactProtocolFactory,
    "buffered": TBufferedTransportFactory, "framed": TFramedTransportFactory,
}


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


def start_python_server(lib, port, proto, trans):
    if lib == "apache":
        sock = TSocket.TServerSocket(host="127.0.0.1", port=port)
        srv = TServer.TThreadedServer(ACalculator.Processor(AHandler()), sock, APACHE[trans](), APACHE[proto]())
        srv.daemon = True
    else:
        srv = make_server(tp2.Calculator, TP2Handler(), "127.0.0.1", port,
                          proto_factory=TP2[proto](), trans_factory=TP2[trans](), client_timeout=None)
    threading.Thread(target=srv.serve, daemon=True).start()
    wait_for(port)


def python_battery(lib, port, proto, trans):
    """The same checks as the Rust battery (tests/src/lib.rs), from Python."""
    if lib == "apache":
        sock = TSocket.TSocket("127.0.0.1", port)
        transport = APACHE[trans]().getTransport(sock)
        c = ACalculator.Client(APACHE[proto]().getProtocol(transport))
        transport.open()
        Work, InvalidOperation, AppError, close = AWork, AInvalidOperation, TApplicationException, transport.close
    else:
        c = make_client(tp2.Calculator, "127.0.0.1", port, proto_factory=TP2[proto](), trans_factory=TP2[trans]())
        Work, InvalidOperation, AppError, close = tp2.Work, tp2.InvalidOperation, TP2AppException, c.close
    out = []
    out.append(("ping", c.ping() is True))
    out.append(("add", c.add(2, 3) == 5))
    out.append(("add wraps", c.add(2**31 - 1, 1) == -2**31))
    out.append(("calculate", c.calculate(1, Work(num1=7, num2=6, op=3, comment="\u00fcn\u00ef \u2603")) == 42))
    try:
        c.calculate(1, Work(num1=1, num2=0, op=4))
        out.append(("calculate throws InvalidOperation", False))
    except InvalidOperation as e:
        out.append(("calculate throws InvalidOperation", e.whatOp == 4 and e.why == "Cannot divide by 0"))
    m = {"a": [1, -2, 2**63 - 1], "": [], "\u00f8": [0]}
    out.append(("echo map of lists", c.echo(m) == m))
    out.append(("echo empty map", c.echo({}) == {}))
    try:
        c.fail("broken")
        out.append(("a handler error arrives as INTERNAL_ERROR", False))
    except AppError as e:
        out.append(("a handler error arrives as INTERNAL_ERROR", e.type == 6))
    before = c.zips()
    c.zip(0)
    ran = False
    for _ in range(200):
        if c.zips() > before:
            ran = True
            break
        time.sleep(0.01)
    out.append(("the oneway call ran, and a call after it was answered", ran))
    close()
    return out


for proto in ("binary", "compact"):
    for trans in ("buffered", "framed"):
        combo = "%s/%s" % (proto, trans)
        for lib in ("apache", "thriftpy2"):
            port = free_port()
            start_python_server(lib, port, proto, trans)
            out = subprocess.run([BIN, "client", "--port", str(port), "--protocol", proto, "--transport", trans],
                                 capture_output=True, text=True, timeout=60)
            fails = [line for line in out.stdout.splitlines() if line.startswith("FAIL")]
            check("rust client -> %s server, %s" % (lib, combo), out.returncode == 0, "; ".join(fails) or out.stderr)
        for lib in ("apache", "thriftpy2"):
            server = subprocess.Popen([BIN, "server", "--port", "0", "--protocol", proto, "--transport", trans],
                                      stdout=subprocess.PIPE, text=True)
            port = int(server.stdout.readline().split()[1])
            try:
                outcome = python_battery(lib, port, proto, trans)
                bad = [name for name, ok in outcome if not ok]
                check("%s client -> rust server, %s (%d checks)" % (lib, combo, len(outcome)), not bad, bad)
            except Exception as e:  # noqa: BLE001
                check("%s client -> rust server, %s" % (lib, combo), False, repr(e))
            finally:
                server.terminate()
                server.wait(timeout=10)

passed = sum(results)
print("%d passed, %d failed" % (passed, len(results) - passed))
sys.exit(0 if passed == len(results) else 1)
