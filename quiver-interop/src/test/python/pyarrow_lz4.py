"""LZ4 files between PyArrow and Quiver, for PyArrowLz4Test.

  pyarrow_lz4.py write LZ4_OUT PLAIN_OUT   writes one table (buffers of several MiB, so Arrow C++ writes LZ4
                                           frames of linked 64 KiB blocks) as an LZ4_FRAME file and uncompressed
  pyarrow_lz4.py plain IN OUT              reads the IPC file IN (any compression) and writes it uncompressed
Prints "pyarrow<TAB>VERSION" first.
"""
import sys

import pyarrow as pa
import pyarrow.ipc as ipc


def table():
    n = 600_000
    ids = pa.array(range(n), type=pa.int64())
    words = pa.array([("city-%d-" % (i % 5000)) * (1 + i % 4) for i in range(n)], type=pa.utf8())
    values = pa.array([(i * 7919) % 100_003 / 7.0 for i in range(n)], type=pa.float64())
    return pa.table({"id": ids, "name": words, "x": values})


def write(t, path, compression):
    with ipc.new_file(path, t.schema, options=ipc.IpcWriteOptions(compression=compression)) as w:
        for b in t.to_batches(max_chunksize=300_000):
            w.write_batch(b)


def main():
    print("pyarrow\t" + pa.__version__, flush=True)
    cmd = sys.argv[1]
    if cmd == "write":
        t = table()
        write(t, sys.argv[2], "lz4")
        write(t, sys.argv[3], None)
    elif cmd == "plain":
        t = ipc.open_file(sys.argv[2]).read_all()
        write(t, sys.argv[3], None)
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main()
