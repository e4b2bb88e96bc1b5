"""Writes the seed example of `quiver demo` with PyArrow: x: int32, y: utf8 in three batches, as a stream and a file.

Usage: pyarrow_seed.py STREAM_OUT FILE_OUT. Used by PyArrowByteIdentityTest: Quiver's demo bytes must equal these.
"""
import sys

import pyarrow as pa
import pyarrow.ipc as ipc

SCHEMA = pa.schema([("x", pa.int32()), ("y", pa.utf8())])
BATCHES = [
    pa.record_batch([pa.array([1, 2, 3], pa.int32()), pa.array(["a", "b", "c"])], schema=SCHEMA),
    pa.record_batch([pa.array([4, 5], pa.int32()), pa.array(["d", "e"])], schema=SCHEMA),
    pa.record_batch([pa.array([6], pa.int32()), pa.array(["f"])], schema=SCHEMA),
]

if __name__ == "__main__":
    stream_out, file_out = sys.argv[1], sys.argv[2]
    with ipc.new_stream(stream_out, SCHEMA) as w:
        for b in BATCHES:
            w.write_batch(b)
    with ipc.new_file(file_out, SCHEMA) as w:
        for b in BATCHES:
            w.write_batch(b)
    print("pyarrow\t" + pa.__version__)
