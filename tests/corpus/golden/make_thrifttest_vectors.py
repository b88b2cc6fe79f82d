"""Intricate values of ThriftTest's types, written by Apache Thrift's own Python code.

Apache's compiler (Debian's thrift-compiler 0.17, which predates `uuid`) generates the Python
types from ../shared/idl/ThriftTest.thrift with its two `uuid` lines left out; Apache's Python
library (pip `thrift`) serializes each value below in the binary and compact protocols. The
Rust test (../tests/thrifttest_golden.rs) builds the same values with the types
`thrift_include!` generates, decodes these bytes into them, and re-encodes.

Regenerate: python3 make_thrifttest_vectors.py SHARED_IDL_DIR WORK_DIR > thrifttest_vectors.json
"""

import json
import os
import subprocess
import sys

shared, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
with open(os.path.join(shared, "ThriftTest.thrift")) as f:
    idl = [line for line in f if "uuid" not in line]
derived = os.path.join(work, "ThriftTest.thrift")
with open(derived, "w") as f:
    f.writelines(idl)
subprocess.run(["thrift", "--gen", "py", "-out", work, derived], check=True, capture_output=True)
sys.path.insert(0, work)

from thrift.TSerialization import serialize  # noqa: E402
from thrift.protocol import TBinaryProtocol, TCompactProtocol  # noqa: E402
from ThriftTest.ttypes import *  # noqa: E402,F401,F403


def xtruct(i):
    return Xtruct(string_thing="x%d" % i, byte_thing=i - 3, i32_thing=i * 1000, i64_thing=-(i ** 12))


def v2(**fields):
    # Every field set: Python leaves out a field that is None, Rust (like Java for
    # primitives) writes every default-requiredness field, so only a full value is comparable.
    base = dict(begin_in_both=0, newint=0, newbyte=0, newshort=0, newlong=0, newdouble=0.0,
                newstruct=Bonk(message="", type=0), newlist=[], newset=set(), newmap={},
                newstring="", end_in_both=0)
    base.update(fields)
    return VersioningTestV2(**base)


CASES = {
    # name: (value, whether the bytes can be compared after a Rust re-encode: false where a
    # hashed container has several elements, whose order differs between implementations)
    "xtruct_edges": (Xtruct(string_thing="", byte_thing=-128, i32_thing=-2**31, i64_thing=2**63 - 1), True),
    "xtruct_unicode": (Xtruct(string_thing="h\u00e9llo \u2603 \U0001d11e \u65e5\u672c", byte_thing=127,
                              i32_thing=2**31 - 1, i64_thing=-2**63), True),
    "xtruct2_nested": (Xtruct2(byte_thing=1, struct_thing=xtruct(2), i32_thing=-1), True),
    "insanity": (Insanity(userMap={Numberz.FIVE: 5000}, xtructs=[xtruct(1), xtruct(2), xtruct(3)]), True),
    "insanity_many": (Insanity(userMap={n: n * 10 for n in (1, 2, 3, 5, 6, 8)}, xtructs=[]), False),
    "insanity_empty": (Insanity(userMap={}, xtructs=[]), True),
    "bonk": (Bonk(message="bonk", type=-7), True),
    "bools": (Bools(im_true=True, im_false=False), True),
    "empty_struct": (EmptyStruct(), True),
    "one_field": (OneField(field=EmptyStruct()), True),
    "union_i32": (SomeUnion(i32_thing=42), True),
    "union_string": (SomeUnion(string_thing="u"), True),
    "union_map": (SomeUnion(map_thing={Numberz.TWO: 2}), True),
    "union_xtruct3": (SomeUnion(xtruct_thing=Xtruct3(string_thing="3", changed=4, i32_thing=9, i64_thing=11)), True),
    "union_insanity": (SomeUnion(insanity_thing=Insanity(userMap={Numberz.ONE: 1}, xtructs=[xtruct(0)])), True),
    "xception": (Xception(errorCode=1001, message="This is an Xception"), True),
    "xception2": (Xception2(errorCode=2002, struct_thing=xtruct(5)), True),
    "versioning_v2": (VersioningTestV2(begin_in_both=1, newint=2, newbyte=3, newshort=-4, newlong=5 * 2**40,
                                       newdouble=-0.125, newstruct=Bonk(message="m", type=1), newlist=[1, 2, 3],
                                       newset={7}, newmap={1: 2}, newstring="s", end_in_both=12), True),
    "versioning_v2_many": (VersioningTestV2(begin_in_both=1, newint=0, newbyte=0, newshort=0, newlong=0,
                                            newdouble=0.0, newstruct=Bonk(message="", type=0), newlist=[],
                                            newset={1, 2, 3}, newmap={1: 1, 2: 4, 3: 9}, newstring="",
                                            end_in_both=0), False),
    "large_deltas": (LargeDeltas(b1=Bools(im_true=True, im_false=False), b10=Bools(im_true=True, im_false=True),
                                 b100=Bools(im_true=False, im_false=False), check_true=True,
                                 b1000=Bools(im_true=False, im_false=True), check_false=False,
                                 vertwo2000=v2(begin_in_both=2000), a_set2500={"lonely"},
                                 vertwo3000=v2(end_in_both=3000), big_numbers=[2**31 - 1, -2**31, 0]),
                     True),
    "nested_lists_i32x3": (NestedListsI32x3(integerlist=[[[1, 2], []], [], [[3]]]), True),
    "nested_mixed": (NestedMixedx2(int_set_list=[{1}, set()], map_int_strset={1: {"a"}},
                                   map_int_strset_list=[{2: {"b"}}, {}]), True),
    "nested_lists_bonk": (NestedListsBonk(bonk=[[[Bonk(message="a", type=1)], []], [[Bonk(message="b", type=2)]]]), True),
    "list_bonks_empty": (ListBonks(bonk=[]), True),
    "bool_test_defaults": (BoolTest(), True),
    "bool_test_set": (BoolTest(b=False, s="false"), True),
    "struct_b": (StructB(aa=StructA(s="aa"), ab=StructA(s="ab")), True),
    "struct_b_no_optional": (StructB(ab=StructA(s="only")), True),
    "optional_set_default": (OptionalSetDefaultTest(), True),
    "optional_binary": (OptionalBinary(bin_set={b"\x00\xff"}, bin_map={b"k": 1}), True),
    "guess_protocol": (GuessProtocolStruct(map_field={"k": "v"}), True),
    "crazy_nesting": (CrazyNesting(string_field="crazy", set_field=[Insanity(userMap={Numberz.EIGHT: 8}, xtructs=[])],
                                   list_field=[{frozenset([1]): {2: set()}}, {}],
                                   binary_field=b"\x01\x02"), False),  # Rust adds field 5, a uuid
}

out = {}
for name, (value, exact) in CASES.items():
    out[name] = dict(
        exact=exact,
        binary=serialize(value, TBinaryProtocol.TBinaryProtocolFactory()).hex(),
        compact=serialize(value, TCompactProtocol.TCompactProtocolFactory()).hex(),
    )
json.dump(out, sys.stdout, indent=1, sort_keys=True)
sys.stdout.write("\n")
