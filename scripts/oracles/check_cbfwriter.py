#!/usr/bin/python3
"""Reads the CbfWriter sample with fabio and records what fabio sees.

The sample frame is generated identically here (numpy) and in CbfWriterTest.sampleFrame().
    java -cp <test classpath> org.mxflow.image.CbfWriterTest pipeline-steps/src/test/resources/oracles/cbfwriter_sample.cbf
    /usr/bin/python3 scripts/oracles/check_cbfwriter.py pipeline-steps/src/test/resources/oracles/cbfwriter_sample.cbf \
        > pipeline-steps/src/test/resources/oracles/cbfwriter_fabio.json
"""
import base64, hashlib, json, re, sys
import fabio
import numpy as np

W, H = 37, 29
y, x = np.mgrid[0:H, 0:W].astype(np.int64)
p = (x * 7919 + y * 104729 + x * y * 31) % 200003 - 100
p[10, :] = -1
p.flat[3], p.flat[4], p.flat[5] = 5, 7, -2
p[20, 7], p[20, 8], p[20, 9] = 2**31 - 1, -2**31 + 3, 115897

img = fabio.open(sys.argv[1])
raw = open(sys.argv[1], "rb").read()
start = raw.index(b"\x0c\x1a\x04\xd5") + 4
size = int(re.search(rb"X-Binary-Size: (\d+)", raw).group(1))
md5 = re.search(rb"Content-MD5: (\S+)", raw).group(1).decode()
header = {}
for line in img.header["_array_data.header_contents"].splitlines():
    parts = re.split(r"[\s:]+", line.lstrip("# ").strip(), maxsplit=1)
    if len(parts) == 2:
        header[parts[0]] = parts[1]
print(json.dumps({
    "shape": list(img.data.shape),
    "sum": int(img.data.astype(np.int64).sum()),
    "equalsPattern": bool(np.array_equal(img.data.astype(np.int64), p)),
    "px_20_7": int(img.data[20, 7]), "px_20_8": int(img.data[20, 8]),
    "md5Ok": base64.b64encode(hashlib.md5(raw[start:start + size]).digest()).decode() == md5,
    "distanceM": float(header["Detector_distance"].split()[0]),
    "header": header,
}, indent=1))
