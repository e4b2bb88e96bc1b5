"""Reads Arrow IPC files or streams with PyArrow and writes them again with default IpcWriteOptions.

Used by PyArrowByteIdentityTest: Quiver's output for the same data must be byte-identical to what this writes.

Jobs come on stdin, one per line, tab-separated: FORMAT INPUT OUTPUT, where FORMAT is "file" (an IPC file is
read and an IPC file written) or "stream" (a stream read, a stream written). Batches keep their order and their
message custom metadata; a file's footer custom metadata is kept. For each job one line is printed:
"ok<TAB>OUTPUT" or "error<TAB>OUTPUT<TAB>message". The exit status is 0 unless the jobs could not be read.
"""
import sys

import pyarrow as pa
import pyarrow.ipc as ipc


def batches_of_file(path):
    reader = ipc.open_file(path)
    batches = [reader.get_batch_with_custom_metadata(i) for i in range(reader.num_record_batches)]
    return reader.schema, batches, reader.metadata


def batches_of_stream(path):
    reader = ipc.open_stream(path)
    batches = []
    while True:
        try:
            batches.append(reader.read_next_batch_with_custom_metadata())
        except StopIteration:
            break
    return reader.schema, batches, None


def rewrite(fmt, source, target):
    options = ipc.IpcWriteOptions()  # uncompressed, alignment 8, metadata V5, no dictionary deltas
    if fmt == "file":
        schema, batches, footer_metadata = batches_of_file(source)
        writer = ipc.new_file(target, schema, options=options, metadata=footer_metadata)
    elif fmt == "stream":
        schema, batches, _ = batches_of_stream(source)
        writer = ipc.new_stream(target, schema, options=options)
    else:
        raise ValueError("unknown format " + fmt)
    with writer:
        for batch, metadata in batches:
            writer.write_batch(batch, custom_metadata=metadata)


def main():
    print("pyarrow\t" + pa.__version__, flush=True)
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line:
            continue
        fmt, source, target = line.split("\t")
        try:
            rewrite(fmt, source, target)
            print("ok\t" + target, flush=True)
        except Exception as e:  # reported per job, so the test names the case
            message = (type(e).__name__ + ": " + str(e)).replace("\n", " ").replace("\t", " ")
            print("error\t" + target + "\t" + message, flush=True)


if __name__ == "__main__":
    main()
