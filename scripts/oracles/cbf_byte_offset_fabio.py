#!/usr/bin/python3
"""Oracle for org.mxflow.simulate.MiniCbfWriterTest: fabio 0.14 (Debian python3-fabio) writes a
CBF of a 40x30 int32 array given by the formula below (small deltas, 16-bit and 32-bit jumps,
-1 gap pixels); the compressed binary section (after the 0C 1A 04 D5 marker, X-Binary-Size bytes)
is saved as pipeline-steps/src/test/resources/simulate/byte_offset_fabio.bin.
The Java test builds the same array; change both together.
"""
import os
import re
import tempfile

import fabio.cbfimage
import numpy as np


def pixels():
    ny, nx = 30, 40
    a = np.zeros((ny, nx), dtype=np.int32)
    for y in range(ny):
        for x in range(nx):
            v = (x * 7 + y * 13) % 50
            if x % 11 == 10:
                v = -1
            if (x + y) % 17 == 0:
                v = 30000 + x * y
            if (x * y) % 97 == 5:
                v = 1_000_000 + x
            a[y, x] = v
    return a


def main():
    img = fabio.cbfimage.CbfImage(data=pixels())
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "t.cbf")
        img.write(p)
        raw = open(p, "rb").read()
    size = int(re.search(rb"X-Binary-Size: (\d+)", raw).group(1))
    start = raw.index(b"\x0c\x1a\x04\xd5") + 4
    out = os.path.join(os.path.dirname(__file__), "..", "..", "pipeline-steps", "src", "test", "resources",
                       "simulate", "byte_offset_fabio.bin")
    with open(out, "wb") as f:
        f.write(raw[start:start + size])


if __name__ == "__main__":
    main()
