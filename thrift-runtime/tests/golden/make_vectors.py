"""Writes golden vectors with Apache Thrift's own Python library (pip `thrift`).

Each case is a value described in a small JSON form (see `value` below), written by
Apache's TBinaryProtocol and TCompactProtocol; vectors.json holds the description and the
hex bytes of both. The Rust test (../golden.rs) checks that our writers produce the same
bytes and our readers read them back to the same value.

Regenerate: python3 make_vectors.py > vectors.json   (needs `pip install thrift`)
"""

import json
import math
import struct
import sys
import uuid as uuidlib

from thrift.Thrift import TApplicationException, TMessageType, TType
from thrift.protocol import TBinaryProtocol, TCompactProtocol
from thrift.transport import TTransport

TYPES = {
    "bool": TType.BOOL, "i8": TType.BYTE, "i16": TType.I16, "i32": TType.I32,
    "i64": TType.I64, "double": TType.DOUBLE, "string": TType.STRING,
    "binary": TType.STRING, "struct": TType.STRUCT, "map": TType.MAP,
    "set": TType.SET, "list": TType.LIST, "uuid": TType.UUID,
}


def v(t, value, **kw):
    return dict(t=t, v=value, **kw)


def double(x):
    if math.isnan(x):
        return v("double", "nan")
    if math.isinf(x):
        return v("double", "inf" if x > 0 else "-inf")
    return v("double", struct.unpack(">Q", struct.pack(">d", x))[0])  # exact bits


def struct_(*fields):
    return v("struct", [[fid, val] for fid, val in fields])


def lst(elem, items):
    return v("list", items, e=elem)


def write(p, val):
    t, x = val["t"], val["v"]
    if t == "bool":
        p.writeBool(x)
    elif t == "i8":
        p.writeByte(x)
    elif t == "i16":
        p.writeI16(x)
    elif t == "i32":
        p.writeI32(x)
    elif t == "i64":
        p.writeI64(x)
    elif t == "double":
        f = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}.get(x)
        p.writeDouble(f if f is not None else struct.unpack(">d", struct.pack(">Q", x))[0])
    elif t == "string":
        p.writeString(x)
    elif t == "binary":
        p.writeBinary(bytes.fromhex(x))
    elif t == "uuid":
        p.writeUuid(uuidlib.UUID(hex=x))
    elif t == "struct":
        p.writeStructBegin("S")
        for fid, fv in x:
            p.writeFieldBegin("f", TYPES[fv["t"]], fid)
            write(p, fv)
            p.writeFieldEnd()
        p.writeFieldStop()
        p.writeStructEnd()
    elif t in ("list", "set"):
        (p.writeListBegin if t == "list" else p.writeSetBegin)(TYPES[val["e"]], len(x))
        for item in x:
            write(p, item)
        (p.writeListEnd if t == "list" else p.writeSetEnd)()
    elif t == "map":
        p.writeMapBegin(TYPES[val["k"]], TYPES[val["vt"]], len(x))
        for k, item in x:
            write(p, k)
            write(p, item)
        p.writeMapEnd()
    elif t == "message":
        p.writeMessageBegin(val["name"], val["type"], val["seqid"])
        write(p, x)
        p.writeMessageEnd()
    elif t == "app_exception":
        p.writeMessageBegin(val["name"], TMessageType.EXCEPTION, val["seqid"])
        TApplicationException(type=x["type"], message=x["message"]).write(p)
        p.writeMessageEnd()
    else:
        raise ValueError(t)


def encode(factory, val):
    buf = TTransport.TMemoryBuffer()
    p = factory(buf)
    if isinstance(p, TCompactProtocol.TCompactProtocol) and val["t"] not in ("struct", "message", "app_exception"):
        # Apache's Python compact writer only writes bare values inside a container or
        # struct; a value stored alone is written as a container element would be.
        p.state = TCompactProtocol.CONTAINER_WRITE
    write(p, val)
    return buf.getvalue().hex()


def cases():
    c = {}
    # Every base type at its edges, alone and as a field.
    scalars = {
        "bool": [True, False],
        "i8": [0, -1, 1, -128, 127],
        "i16": [0, -1, 1, -32768, 32767, 63, 64, 8191, 8192],
        "i32": [0, -1, 1, -2**31, 2**31 - 1, 63, -64, 64, 300],
        "i64": [0, -1, 1, -2**63, 2**63 - 1, 2**32, -2**40],
    }
    for t, values in scalars.items():
        for x in values:
            c[f"{t}_{x}"] = v(t, x)
            c[f"field_{t}_{x}"] = struct_((1, v(t, x)))
    for name, x in [("zero", 0.0), ("neg_zero", -0.0), ("one_half", 1.5), ("neg_big", -1e300),
                    ("tiny", 5e-324), ("nan", math.nan), ("inf", math.inf), ("neg_inf", -math.inf),
                    ("pi", math.pi)]:
        c[f"double_{name}"] = double(x)
        c[f"field_double_{name}"] = struct_((1, double(x)))
    for name, s in [("empty", ""), ("ascii", "hello"), ("non_ascii", "h\u00e9llo \u2603 \U0001d11e"),
                    ("long", "x" * 300)]:
        c[f"string_{name}"] = v("string", s)
        c[f"field_string_{name}"] = struct_((1, v("string", s)))
    c["binary_empty"] = v("binary", "")
    c["binary_all_bytes"] = v("binary", bytes(range(256)).hex())
    c["uuid"] = v("uuid", "00112233445566778899aabbccddeeff")
    c["field_uuid"] = struct_((1, v("uuid", "00112233445566778899aabbccddeeff")))
    # Field ids: short deltas, long forms, negative ids, going down.
    for fid in [1, 15, 16, 255, 32767, -1, -32768, 0]:
        c[f"field_id_{fid}"] = struct_((fid, v("i32", 7)))
    c["field_ids_mixed"] = struct_((1, v("i8", 1)), (2, v("i8", 2)), (17, v("i8", 3)), (16, v("i8", 4)),
                                   (300, v("i8", 5)), (301, v("i8", 6)), (-5, v("i8", 7)))
    # Bool fields at every delta, and after a long-form id.
    c["bool_fields_every_delta"] = struct_(*[(fid, v("bool", fid % 2 == 0)) for fid in range(1, 17)])
    c["bool_field_delta_1_to_15"] = struct_(*[(sum(range(1, d + 1)), v("bool", d % 3 == 0))
                                              for d in range(1, 16)])
    c["bool_field_long_id"] = struct_((1000, v("bool", True)), (-2, v("bool", False)))
    # Containers.
    c["list_empty"] = lst("i32", [])
    c["list_14"] = lst("i32", [v("i32", i) for i in range(14)])
    c["list_15"] = lst("i32", [v("i32", i) for i in range(15)])
    c["list_1000"] = lst("i64", [v("i64", i * 1000003 - 500) for i in range(1000)])
    c["list_bool"] = lst("bool", [v("bool", i % 3 == 0) for i in range(20)])
    c["list_double"] = lst("double", [double(x) for x in (0.5, -2.25, 1e10)])
    c["list_string"] = lst("string", [v("string", s) for s in ["a", "", "\u00fc"]])
    c["list_list_i64"] = lst("list", [lst("i64", [v("i64", i) for i in range(n)]) for n in range(4)])
    c["list_struct"] = lst("struct", [struct_((1, v("i32", i)), (2, v("string", str(i)))) for i in range(3)])
    c["list_uuid"] = lst("uuid", [v("uuid", "%032x" % i) for i in range(3)])
    c["set_string"] = v("set", [v("string", s) for s in ["x", "y"]], e="string")
    c["set_empty"] = v("set", [], e="i16")
    c["map_empty"] = v("map", [], k="string", vt="i32")
    c["map_string_i32"] = v("map", [[v("string", k), v("i32", i)] for i, k in enumerate("abc")],
                            k="string", vt="i32")
    c["map_i32_list"] = v("map", [[v("i32", 1), lst("string", [v("string", "one")])]], k="i32", vt="list")
    c["map_bool_bool"] = v("map", [[v("bool", True), v("bool", False)]], k="bool", vt="bool")
    c["map_20"] = v("map", [[v("i16", i), double(float(i))] for i in range(20)], k="i16", vt="double")
    # Nested structs: the compact field-id delta restarts inside and resumes after.
    inner = struct_((1, v("i32", 1)), (20, v("bool", True)), (21, v("string", "in")))
    c["nested_structs"] = struct_((5, v("i32", 5)), (6, struct_((3, inner), (4, v("bool", False)))),
                                  (7, v("bool", True)), (30, lst("struct", [inner, inner])))
    c["empty_struct"] = struct_()
    # Messages, as an RPC would send them.
    body = struct_((1, struct_((1, v("string", "John")), (2, v("i32", 25)), (3, v("bool", True)))))
    for kind, name in [(TMessageType.CALL, "call"), (TMessageType.REPLY, "reply"),
                       (TMessageType.EXCEPTION, "exception"), (TMessageType.ONEWAY, "oneway")]:
        for seqid in [0, 1, -1, 2**31 - 1, 300]:
            c[f"message_{name}_{seqid}"] = dict(t="message", name="doSomething", type=kind,
                                                seqid=seqid, v=body)
    c["message_check_status_call"] = dict(t="message", name="checkStatus", type=TMessageType.CALL,
                                          seqid=0, v=struct_())
    c["message_check_status_reply"] = dict(t="message", name="checkStatus", type=TMessageType.REPLY,
                                           seqid=0, v=struct_((0, v("bool", True))))
    c["message_multiplexed"] = dict(t="message", name="Calculator:add", type=TMessageType.CALL,
                                    seqid=7, v=struct_((1, v("i64", 1)), (2, v("i64", 2))))
    for code in range(0, 11):
        c[f"app_exception_{code}"] = dict(t="app_exception", name="m", seqid=code,
                                          v=dict(type=code, message=f"problem {code}"))
    return c


def main():
    out = {}
    for name, val in cases().items():
        out[name] = dict(
            value=val,
            binary=encode(lambda t: TBinaryProtocol.TBinaryProtocol(t), val),
            compact=encode(lambda t: TCompactProtocol.TCompactProtocol(t), val),
        )
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
