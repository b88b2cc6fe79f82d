"""ThriftTest as Python plays it, with Apache's library (code that Debian's thrift-compiler 0.17
generates) or with thriftpy2 (the IDL loaded at run time): a server and a client, used against
the Rust test_server / test_client. Both read ../shared/idl/ThriftTest.thrift without its
`uuid` lines (neither knows uuid); thriftpy2 also without the annotated `namespace xsd` line,
which its parser refuses.

  python3 thrifttest_peer.py server SHARED_IDL WORK --port N --protocol P --transport T [--lib apache|thriftpy2]
  python3 thrifttest_peer.py client SHARED_IDL WORK --port N --protocol P --transport T [--lib apache|thriftpy2]

The server prints `READY <port>`; the client prints a line per check, then
`N passed, M failed`, and exits 1 on any failure.
"""

import argparse
import math
import os
import subprocess
import sys
import time

mode, shared, work = sys.argv[1], sys.argv[2], sys.argv[3]
ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, default=9090)
ap.add_argument("--protocol", default="binary")
ap.add_argument("--transport", default="buffered")
ap.add_argument("--lib", default="apache", choices=["apache", "thriftpy2"])
opts = ap.parse_args(sys.argv[4:])

os.makedirs(work, exist_ok=True)
with open(os.path.join(shared, "ThriftTest.thrift")) as f:
    idl = [line for line in f if "uuid" not in line]
if opts.lib == "thriftpy2":
    idl = [line for line in idl if not line.startswith("namespace xsd")]
derived = os.path.join(work, "ThriftTest.thrift")
with open(derived, "w") as f:
    f.writelines(idl)

if opts.lib == "apache":
    subprocess.run(["thrift", "--gen", "py", "-out", work, derived], check=True, capture_output=True)
    sys.path.insert(0, work)
    from ThriftTest import ThriftTest as Service  # noqa: E402
    import ThriftTest.ttypes as T  # noqa: E402
    from thrift.Thrift import TApplicationException as AppException  # noqa: E402
    from thrift.protocol import TBinaryProtocol, TCompactProtocol  # noqa: E402
    from thrift.server import TServer  # noqa: E402
    from thrift.transport import TSocket, TTransport  # noqa: E402
    PROTO = {"binary": TBinaryProtocol.TBinaryProtocolFactory, "compact": TCompactProtocol.TCompactProtocolFactory}
    TRANS = {"buffered": TTransport.TBufferedTransportFactory, "framed": TTransport.TFramedTransportFactory}
else:
    import thriftpy2  # noqa: E402
    from thriftpy2.protocol import TBinaryProtocolFactory, TCompactProtocolFactory  # noqa: E402
    from thriftpy2.rpc import make_client, make_server  # noqa: E402
    from thriftpy2.thrift import TApplicationException as AppException  # noqa: E402
    from thriftpy2.transport import TBufferedTransportFactory, TFramedTransportFactory  # noqa: E402
    T = thriftpy2.load(derived, module_name="ThriftTest_thrift")
    PROTO = {"binary": TBinaryProtocolFactory, "compact": TCompactProtocolFactory}
    TRANS = {"buffered": TBufferedTransportFactory, "framed": TFramedTransportFactory}

Xtruct, Xtruct2, Insanity, Numberz, Xception, Xception2 = T.Xtruct, T.Xtruct2, T.Insanity, T.Numberz, T.Xception, T.Xception2
TApplicationException = AppException


class Handler:
    def testVoid(self): pass
    def testString(self, s): return s
    def testBool(self, b): return b
    def testByte(self, b): return b
    def testI32(self, i): return i
    def testI64(self, i): return i
    def testDouble(self, d): return d
    def testBinary(self, b): return b
    def testStruct(self, x): return x
    def testNest(self, x): return x
    def testMap(self, m): return m
    def testStringMap(self, m): return m
    def testSet(self, s): return s
    def testList(self, lst): return lst
    def testEnum(self, e): return e
    def testTypedef(self, t): return t

    def testMapMap(self, hello):
        return {-4: {-4: -4, -3: -3, -2: -2, -1: -1}, 4: {1: 1, 2: 2, 3: 3, 4: 4}}

    def testInsanity(self, argument):
        return {1: {Numberz.TWO: argument, Numberz.THREE: argument}, 2: {Numberz.SIX: Insanity()}}

    def testMulti(self, arg0, arg1, arg2, arg3, arg4, arg5):
        return Xtruct(string_thing="Hello2", byte_thing=arg0, i32_thing=arg1, i64_thing=arg2)

    def testException(self, arg):
        if arg == "Xception":
            raise Xception(errorCode=1001, message=arg)
        if arg == "TException":
            raise TApplicationException(6, "This is a TException")  # INTERNAL_ERROR

    def testMultiException(self, arg0, arg1):
        if arg0 == "Xception":
            raise Xception(errorCode=1001, message="This is an Xception")
        if arg0 == "Xception2":
            raise Xception2(errorCode=2002, struct_thing=Xtruct(string_thing="This is an Xception2"))
        return Xtruct(string_thing=arg1)

    def testOneway(self, seconds):
        time.sleep(min(seconds, 5))


def server():
    import socket
    import threading
    port = opts.port
    if port == 0:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    if opts.lib == "apache":
        sock = TSocket.TServerSocket(host="127.0.0.1", port=port)
        srv = TServer.TThreadedServer(Service.Processor(Handler()), sock, TRANS[opts.transport](), PROTO[opts.protocol]())
        srv.daemon = True
    else:
        srv = make_server(T.ThriftTest, Handler(), "127.0.0.1", port, proto_factory=PROTO[opts.protocol](),
                          trans_factory=TRANS[opts.transport](), client_timeout=None)
    threading.Thread(target=srv.serve, daemon=True).start()
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    print("READY %d" % port, flush=True)
    while True:
        time.sleep(3600)


def client():
    if opts.lib == "apache":
        sock = TSocket.TSocket("127.0.0.1", opts.port)
        transport = TRANS[opts.transport]().getTransport(sock)
        c = Service.Client(PROTO[opts.protocol]().getProtocol(transport))
        transport.open()
        close = transport.close
    else:
        c = make_client(T.ThriftTest, "127.0.0.1", opts.port, proto_factory=PROTO[opts.protocol](),
                        trans_factory=TRANS[opts.transport]())
        close = c.close
    results = []

    def check(name, got, want):
        ok = got == want
        results.append(ok)
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": got %r, expected %r" % (got, want)), flush=True)

    def raises(name, fn, exc_type, test=lambda e: True):
        try:
            fn()
            check(name, "no exception", exc_type.__name__)
        except exc_type as e:
            check(name, test(e), True)

    check("testVoid", c.testVoid(), None)
    for s in ["", "Test", "h\u00e9llo \u2603 \u65e5\u672c\u8a9e \U0001d11e", "x" * 10000]:
        check("testString(%d chars)" % len(s), c.testString(s), s)
    check("testBool(true)", c.testBool(True), True)
    check("testBool(false)", c.testBool(False), False)
    for b in [0, 1, -1, -128, 127]:
        check("testByte(%d)" % b, c.testByte(b), b)
    for i in [0, -1, -2**31, 2**31 - 1]:
        check("testI32(%d)" % i, c.testI32(i), i)
    for i in [0, -1, -2**63, 2**63 - 1]:
        check("testI64(%d)" % i, c.testI64(i), i)
    for d in [0.0, -5.2098523, 1e300, float("inf")]:
        check("testDouble(%r)" % d, c.testDouble(d), d)
    check("testDouble(nan)", math.isnan(c.testDouble(float("nan"))), True)
    check("testBinary", c.testBinary(bytes(range(256))), bytes(range(256)))
    x = Xtruct(string_thing="Zero", byte_thing=1, i32_thing=-3, i64_thing=-5)
    check("testStruct", c.testStruct(x), x)
    n = Xtruct2(byte_thing=1, struct_thing=x, i32_thing=5)
    check("testNest", c.testNest(n), n)
    m = {i: i - 10 for i in range(5)}
    check("testMap", c.testMap(m), m)
    check("testMap(empty)", c.testMap({}), {})
    sm = {"a": "2", "b": "blah", "\u00e9": "\u2603"}
    check("testStringMap", c.testStringMap(sm), sm)
    # thriftpy2 hands a received set back as a list: compare as sets.
    check("testSet", set(c.testSet({-2, -1, 0, 1, 2})), {-2, -1, 0, 1, 2})
    check("testList", c.testList([-2, -1, 0, 1, 2]), [-2, -1, 0, 1, 2])
    check("testList(empty)", c.testList([]), [])
    for e in [Numberz.ONE, Numberz.TWO, Numberz.THREE, Numberz.FIVE, Numberz.SIX, Numberz.EIGHT]:
        check("testEnum(%d)" % e, c.testEnum(e), e)
    check("testTypedef", c.testTypedef(309858235082523), 309858235082523)
    check("testMapMap", c.testMapMap(1), {-4: {-4: -4, -3: -3, -2: -2, -1: -1}, 4: {1: 1, 2: 2, 3: 3, 4: 4}})
    ins = Insanity(userMap={Numberz.FIVE: 5, Numberz.EIGHT: 8},
                   xtructs=[Xtruct(string_thing="Goodbye4", byte_thing=4, i32_thing=4, i64_thing=4)])
    check("testInsanity", c.testInsanity(ins), {1: {Numberz.TWO: ins, Numberz.THREE: ins}, 2: {Numberz.SIX: Insanity(userMap={}, xtructs=[])}})
    check("testMulti", c.testMulti(9, 5, 12, {1: "2"}, Numberz.FIVE, 999),
          Xtruct(string_thing="Hello2", byte_thing=9, i32_thing=5, i64_thing=12))
    raises("testException(Xception)", lambda: c.testException("Xception"), Xception,
           lambda e: e.errorCode == 1001 and e.message == "Xception")
    raises("testException(TException)", lambda: c.testException("TException"), TApplicationException)
    check("testException(success)", c.testException("success"), None)
    raises("testMultiException(Xception)", lambda: c.testMultiException("Xception", "t"), Xception,
           lambda e: e.errorCode == 1001)
    raises("testMultiException(Xception2)", lambda: c.testMultiException("Xception2", "t"), Xception2,
           lambda e: e.errorCode == 2002 and e.struct_thing.string_thing == "This is an Xception2")
    check("testMultiException(success)", c.testMultiException("Other", "test 3").string_thing, "test 3")
    t = time.time()
    c.testOneway(1)
    check("testOneway returns without waiting", time.time() - t < 0.9, True)
    check("testVoid after testOneway", c.testVoid(), None)
    close()
    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    sys.exit(0 if passed == len(results) else 1)


server() if mode == "server" else client()
