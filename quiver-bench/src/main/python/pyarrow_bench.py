#!/usr/bin/env python3
"""Arrow C++ (through PyArrow) on the workloads of quiver-bench, driven by quiver-bench/run.

The same inputs as the Java benchmarks: Quiver wrote them (GenerateData lists them in DATA/INPUTS); PyArrow reads
them, or loads them into memory before timing its writes. Each benchmark takes PyArrow's fastest idiomatic path:
memory-mapped or in-memory reads, values touched through compute kernels, preallocated in-memory sinks. Reads are
measured twice: at PyArrow's default validation (``pyarrow_``) and with ``validate(full=True)`` on every batch
(``pyarrowFull_``), since Quiver validates FULL by default.

Timing follows JMH's average-time mode: warmup iterations (2 of 1 s: there is no JIT to warm up), then measurement
iterations (3 of 2 s, as JMH's), each calling the operation until its time has passed (per-invocation preparation,
such as removing the previous output, is outside the timed part); an iteration's score is its timed total over its
operations. Convert is timed in single shots (1 warmup, 3 measured), as ConvertBenchmark. Results are written as a JMH JSON
result file (benchmark ``dev.quiver.bench.CLASS.pyarrow_OP``, params, primaryMetric with the iterations in
``rawData`` and their median in ``scorePercentiles``), which quiver-bench's Report merges with JMH's, plus the
counters FaultsProfiler gives the Java forks: page faults and CPU time per operation.

  pyarrow_bench.py version
  pyarrow_bench.py list
  pyarrow_bench.py prepare --data DIR                   PyArrow writes its own inputs (the Arrow C++ LZ4 file)
  pyarrow_bench.py run --data DIR --scratch DIR --out FILE.json [--smoke] [--warmup N --iterations N --time S] NAME...
  pyarrow_bench.py checksums --data DIR --scratch DIR   one operation of every benchmark, its result (JSON)
  pyarrow_bench.py sizes --data DIR                     the W1 file sizes PyArrow writes, as report facts
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

try:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.flight as flight
except ImportError as e:  # quiver-bench/run reports this line as the reason the PyArrow columns are empty
    print(f"pyarrow_bench: cannot import pyarrow and numpy: {e}", file=sys.stderr)
    sys.exit(3)

PACKAGE = "dev.quiver.bench."
CODECS = ("none", "lz4", "zstd")


# ---- inputs -------------------------------------------------------------------------------------------------------

class Inputs:
    """DATA/INPUTS as GenerateData wrote it: NAME PATH lines (and a few settings)."""

    def __init__(self, data):
        self.data = data
        self.paths = {}
        with open(os.path.join(data, "INPUTS"), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                key, _, value = line.partition(" ")
                self.paths[key] = value

    def __getitem__(self, key):
        return self.paths[key]

    def existing(self, key):
        p = self.paths[key]
        if not os.path.exists(p):
            raise FileNotFoundError(f"benchmark input {key} ({p}) is missing: quiver-bench/run generates the inputs")
        return p


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def publish(tmp, target):
    """As DataFiles.publish: forced to disk, moved into place, read-only."""
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)
    os.chmod(target, 0o444)


def prepare(inputs):
    """The W1 LZ4_FRAME file as Arrow C++ writes it, from Quiver's uncompressed W1 file (when missing)."""
    target = inputs["w1.lz4.arrowcpp"]
    if os.path.exists(target):
        return
    table = pa.ipc.open_file(pa.py_buffer(read_bytes(inputs.existing("w1.none")))).read_all()
    tmp = target + ".tmp"
    with pa.OSFile(tmp, "wb") as sink:
        with pa.ipc.new_file(sink, table.schema, options=pa.ipc.IpcWriteOptions(compression="lz4")) as w:
            for b in table.to_batches():
                w.write_batch(b)
    publish(tmp, target)


def codec_options(codec):
    return pa.ipc.IpcWriteOptions() if codec == "none" else pa.ipc.IpcWriteOptions(compression=codec)


def in_memory_batches(path):
    """Every batch of a file, read into memory PyArrow allocates (not views of a mapping)."""
    with pa.OSFile(path) as f:
        return pa.ipc.open_file(f).read_all().to_batches()


def file_size_bound(path):
    return os.path.getsize(path) * 2 + (1 << 20)


# ---- benchmarks ---------------------------------------------------------------------------------------------------
# Each benchmark is a class with `name` (Java class and operation), `libs` ("pyarrow", "pyarrowFull" or both),
# `params` (a list of dicts), `unit`, and `setup(ctx, params, full)` returning an object with `op()` and optionally
# `before()` (untimed, before every operation) and `close()`. `op()` returns the checksum of the work done.


class Context:
    def __init__(self, inputs, scratch):
        self.inputs = inputs
        self.scratch = scratch


def validate(batch, full):
    if full:
        batch.validate(full=True)


class W1Write:
    name, libs, unit = "W1CitiesBenchmark.write", ("pyarrow",), "ms/op"
    params = [{"codec": c} for c in CODECS]

    def __init__(self, ctx, params, full):
        self.batches = in_memory_batches(ctx.inputs.existing("w1.none"))
        self.schema = self.batches[0].schema
        self.options = codec_options(params["codec"])
        self.buffer = pa.allocate_buffer(file_size_bound(ctx.inputs.existing("w1.none")))

    def op(self):
        sink = pa.FixedSizeBufferWriter(self.buffer)
        with pa.ipc.new_file(sink, self.schema, options=self.options) as w:
            for b in self.batches:
                w.write_batch(b)
        return sink.tell()


def w1_lengths(data, full):
    total = 0
    r = pa.ipc.open_file(pa.py_buffer(data))
    for i in range(r.num_record_batches):
        b = r.get_batch(i)
        validate(b, full)
        total += pc.sum(pc.binary_length(b.column(0))).as_py()
    return total


class W1Read:
    name, libs, unit = "W1CitiesBenchmark.read", ("pyarrow", "pyarrowFull"), "ms/op"
    params = [{"codec": c} for c in CODECS]

    def __init__(self, ctx, params, full):
        self.data = read_bytes(ctx.inputs.existing("w1." + params["codec"]))
        self.full = full

    def op(self):
        return w1_lengths(self.data, self.full)


class W1ReadArrowCppLz4:
    name, libs, unit = "W1CitiesBenchmark.readArrowCppLz4", ("pyarrow", "pyarrowFull"), "ms/op"
    params = [{}]

    def __init__(self, ctx, params, full):
        self.data = read_bytes(ctx.inputs.existing("w1.lz4.arrowcpp"))
        self.full = full

    def op(self):
        return w1_lengths(self.data, self.full)


class W2Write:
    name, libs, unit = "W2NumericBenchmark.write", ("pyarrow",), "ms/op"
    params = [{}]

    def __init__(self, ctx, params, full):
        self.batches = in_memory_batches(ctx.inputs.existing("w2.file"))
        self.schema = self.batches[0].schema
        self.out = os.path.join(ctx.scratch, "w2-write-pyarrow.arrow")

    def before(self):
        # as the Java benchmarks: the previous output is removed before the clock starts
        if os.path.exists(self.out):
            os.remove(self.out)

    def op(self):
        with pa.OSFile(self.out, "wb") as sink:
            with pa.ipc.new_file(sink, self.schema) as w:
                for b in self.batches:
                    w.write_batch(b)
        return os.path.getsize(self.out)

    def close(self):
        self.before()


def pretouch(path):
    """As DataFiles.pretouch: the whole file read once, so that it is in the page cache."""
    with open(path, "rb", buffering=0) as f:
        while f.read(1 << 20):
            pass
    return path


class W2ReadFile:
    name, libs, unit = "W2NumericBenchmark.readFile", ("pyarrow", "pyarrowFull"), "ms/op"
    params = [{}]

    def __init__(self, ctx, params, full):
        self.path = pretouch(ctx.inputs.existing("w2.file"))
        self.full = full

    def op(self):
        total = 0.0
        with pa.memory_map(self.path) as m:
            r = pa.ipc.open_file(m)
            for i in range(r.num_record_batches):
                b = r.get_batch(i)
                validate(b, self.full)
                total += pc.sum(b.column(2)).as_py()
        return total


class W2ReadStream:
    name, libs, unit = "W2NumericBenchmark.readStream", ("pyarrow", "pyarrowFull"), "ms/op"
    params = [{}]

    def __init__(self, ctx, params, full):
        self.path = pretouch(ctx.inputs.existing("w2.stream"))
        self.full = full

    def op(self):
        total = 0.0
        with pa.memory_map(self.path) as m:
            for b in pa.ipc.open_stream(m):
                validate(b, self.full)
                total += pc.sum(b.column(2)).as_py()
        return total


def w3_indices(inputs):
    with open(inputs.existing("w3.indices"), encoding="utf-8") as f:
        return [int(line) for line in f if line.strip()]


class W3Access:
    name, libs, unit = "W3RandomAccessBenchmark.access", ("pyarrow", "pyarrowFull"), "us/op"
    params = [{}]

    def __init__(self, ctx, params, full):
        self.indices = w3_indices(ctx.inputs)
        self.next = 0
        self.map = pa.memory_map(pretouch(ctx.inputs.existing("w2.file")))
        self.reader = pa.ipc.open_file(self.map)
        self.full = full

    def op(self):
        i = self.indices[self.next]
        self.next = 0 if self.next + 1 == len(self.indices) else self.next + 1
        b = self.reader.get_batch(i)
        validate(b, self.full)
        return pc.sum(b.column(1)).as_py()

    def close(self):
        self.map.close()


class W3OpenToBatch0:
    name, libs, unit = "W3RandomAccessBenchmark.openToBatch0", ("pyarrow", "pyarrowFull"), "us/op"
    params = [{}]

    def __init__(self, ctx, params, full):
        self.path = pretouch(ctx.inputs.existing("w2.file"))
        self.full = full

    def op(self):
        with pa.memory_map(self.path) as m:
            b = pa.ipc.open_file(m).get_batch(0)
            validate(b, self.full)
            return b.column(1)[0].as_py()


class W4Write:
    name, libs, unit = "W4NestedBenchmark.write", ("pyarrow",), "ms/op"
    params = [{}]

    def __init__(self, ctx, params, full):
        self.batches = in_memory_batches(ctx.inputs.existing("w4.file"))
        self.schema = self.batches[0].schema
        self.buffer = pa.allocate_buffer(file_size_bound(ctx.inputs.existing("w4.file")))

    def op(self):
        sink = pa.FixedSizeBufferWriter(self.buffer)
        with pa.ipc.new_file(sink, self.schema) as w:
            for b in self.batches:
                w.write_batch(b)
        return sink.tell()


class W4Read:
    name, libs, unit = "W4NestedBenchmark.read", ("pyarrow", "pyarrowFull"), "ms/op"
    params = [{}]

    def __init__(self, ctx, params, full):
        self.data = read_bytes(ctx.inputs.existing("w4.file"))
        self.full = full

    def op(self):
        total = 0
        r = pa.ipc.open_file(pa.py_buffer(self.data))
        for i in range(r.num_record_batches):
            b = r.get_batch(i)
            validate(b, self.full)
            tags, s, d = b.column(0), b.column(1), b.column(2)
            total += pc.sum(pc.list_value_length(tags)).as_py()
            total += pc.sum(pc.binary_length(pc.list_flatten(tags))).as_py()
            total += pc.sum(s.field(0)).as_py() + pc.sum(pc.binary_length(s.field(1))).as_py()
            total += pc.sum(pc.take(pc.binary_length(d.dictionary), d.indices)).as_py()
        return total


class Convert:
    """Four conversions of the mixed 5M-row inputs, as ConvertBenchmark runs them with `quiver convert`."""
    name, libs, unit = "ConvertBenchmark.convert", ("pyarrow", "pyarrowFull"), "ms/op"
    params = [{}]
    single_shot = True

    def __init__(self, ctx, params, full):
        lz4 = pretouch(ctx.inputs.existing("mixed.lz4"))
        zstd = pretouch(ctx.inputs.existing("mixed.zstd"))
        to_zstd = pa.ipc.IpcWriteOptions(compression=pa.Codec("zstd", int(ctx.inputs["mixed.zstd.level"])))
        to_lz4 = pa.ipc.IpcWriteOptions(compression="lz4")
        out = ctx.scratch
        self.conversions = [
            (lz4, "file", os.path.join(out, "convert-pyarrow-1.arrows"), "stream", to_zstd),
            (zstd, "stream", os.path.join(out, "convert-pyarrow-2.arrow"), "file", to_lz4),
            (lz4, "file", os.path.join(out, "convert-pyarrow-3.arrow"), "file", to_zstd),
            (zstd, "stream", os.path.join(out, "convert-pyarrow-4.arrows"), "stream", to_lz4),
        ]
        self.full = full

    def before(self):
        for c in self.conversions:
            if os.path.exists(c[2]):
                os.remove(c[2])

    def op(self):
        written = 0
        for src, src_format, out, out_format, options in self.conversions:
            with pa.memory_map(src) as m:
                if src_format == "file":
                    r = pa.ipc.open_file(m)
                    batches = (r.get_batch(i) for i in range(r.num_record_batches))
                else:
                    r = pa.ipc.open_stream(m)
                    batches = iter(r)
                with pa.OSFile(out, "wb") as sink:
                    new = pa.ipc.new_file if out_format == "file" else pa.ipc.new_stream
                    with new(sink, r.schema, options=options) as w:
                        for b in batches:
                            validate(b, self.full)
                            w.write_batch(b)
            written += os.path.getsize(out)
        return written

    def close(self):
        self.before()


class NumpyCopy:
    """The physical reference of MemcpyBenchmark, as numpy copies: 256 MiB between two faulted-in buffers."""
    # a reference, not a library: no "lib_" prefix, so that Report lists it with MemcpyBenchmark's copies
    name, libs, unit = "MemcpyBenchmark.numpyCopy", (None,), "ms/op"
    params = [{"bytes": "268435456", "threads": "1"}]

    def __init__(self, ctx, params, full):
        n = int(params["bytes"])
        self.src = np.full(n, 3, dtype=np.uint8)
        self.dst = np.ones(n, dtype=np.uint8)

    def op(self):
        np.copyto(self.dst, self.src)
        return int(self.dst.size)


# ---- F1/F2: Flight over loopback, a PyArrow server in another process ------------------------------------------------

class FlightPeer:
    """`pyarrow_bench.py flight-server FILE CODEC` in a child process: DoGet of any ticket sends FILE's batches (read
    from the mapped file; with CODEC zstd compressed again, as PyArrow cannot send stored bodies), DoPut reads every
    batch and drops it."""

    def __init__(self, path, codec):
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "flight-server", path, codec],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("listening on "):
            raise SystemExit("pyarrow_bench: the Flight server did not start: " + line)
        self.client = flight.connect("grpc://127.0.0.1:" + line.split()[2])

    def close(self):
        self.client.close()
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def flight_server(path, codec):
    class Server(flight.FlightServerBase):
        def do_get(self, context, ticket):
            m = pa.memory_map(path)
            r = pa.ipc.open_file(m)
            batches = (r.get_batch(i) for i in range(r.num_record_batches))
            return flight.RecordBatchStream(pa.RecordBatchReader.from_batches(r.schema, batches),
                                            options=pa.ipc.IpcWriteOptions(compression=None if codec == "none" else codec))

        def do_put(self, context, descriptor, reader, writer):
            for _ in reader:
                pass

    server = Server("grpc://127.0.0.1:0")
    print("listening on %d" % server.port, flush=True)
    sys.stdin.read()
    server.shutdown()


class FlightDoGet:
    name, libs, unit = "FlightBenchmark.doGet", ("pyarrow",), "ms/op"
    params = [{}]
    input, codec = "w2.file", "none"

    def __init__(self, ctx, params, full):
        self.peer = FlightPeer(pretouch(ctx.inputs.existing(self.input)), self.codec)

    def op(self):
        rows = 0
        for chunk in self.peer.client.do_get(flight.Ticket(b"w2")):
            rows += chunk.data.num_rows
        return rows

    def close(self):
        self.peer.close()


class FlightDoGetZstd(FlightDoGet):
    name = "FlightBenchmark.doGetZstd"
    input, codec = "w2.zstd", "zstd"


class FlightDoPut:
    name, libs, unit = "FlightBenchmark.doPut", ("pyarrow",), "ms/op"
    params = [{}]

    def __init__(self, ctx, params, full):
        self.batches = in_memory_batches(ctx.inputs.existing("w2.file"))
        self.peer = FlightPeer(pretouch(ctx.inputs.existing("w2.file")), "none")

    def op(self):
        writer, _ = self.peer.client.do_put(flight.FlightDescriptor.for_path("upload"), self.batches[0].schema)
        for b in self.batches:
            writer.write_batch(b)
        writer.close()
        return len(self.batches)

    def close(self):
        self.peer.close()


BENCHMARKS = [W1Write, W1Read, W1ReadArrowCppLz4, W2Write, W2ReadFile, W2ReadStream, W3Access, W3OpenToBatch0,
              W4Write, W4Read, Convert, NumpyCopy, FlightDoGet, FlightDoGetZstd, FlightDoPut]
SMOKE = False


def full_name(bench, lib):
    cls, op = bench.name.split(".")
    return f"{cls}.{op}" if lib is None else f"{cls}.{lib}_{op}"


def names():
    return [full_name(b, lib) for b in BENCHMARKS for lib in b.libs]


def find(name):
    for b in BENCHMARKS:
        for lib in b.libs:
            if full_name(b, lib) == name:
                return b, lib
    raise SystemExit(f"pyarrow_bench: no benchmark {name} (see `list`)")


# ---- timing -------------------------------------------------------------------------------------------------------

def counters():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_minflt, r.ru_majflt, r.ru_utime + r.ru_stime, time.thread_time(), machine()


USER_HZ = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def machine():
    """(busy, steal, {pid: (ppid, CPU seconds incl. reaped children, kernel thread)}), or None; busy is the
    machine's user + nice + system seconds from /proc/stat, as FaultsProfiler reads them for the JMH forks."""
    try:
        steal = busy = None
        with open("/proc/stat") as f:
            for line in f:
                if line.startswith("cpu "):
                    v = [int(x) for x in line.split()[1:]]
                    busy, steal = (v[0] + v[1] + v[2]) / USER_HZ, v[7] / USER_HZ
                    break
        if steal is None:
            return None
        procs = {}
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/stat") as f:
                    st = f.read()
            except OSError:
                continue
            v = st[st.rindex(")") + 2:].split()
            ticks = int(v[11]) + int(v[12]) + int(v[13]) + int(v[14])
            procs[int(name)] = (int(v[1]), ticks / USER_HZ, (int(v[6]) & 0x00200000) != 0)
        return busy, steal, procs
    except (OSError, ValueError, IndexError):
        return None


def other_seconds(m0, m1, self_pid):
    """CPU seconds of other processes between two machine() readings: the machine's busy time less that of
    self_pid, its descendants and the kernel threads (FaultsProfiler.otherCores), never below zero."""
    before, after = m0[2], m1[2]
    own = {self_pid}
    grew = True
    while grew:
        grew = False
        for m in (before, after):
            for pid, (ppid, _, _) in m.items():
                if pid not in own and ppid in own:
                    own.add(pid)
                    grew = True
    not_others = 0.0
    for pid, (_, secs, kernel) in after.items():
        if not kernel and pid not in own:
            continue
        was = before.get(pid)
        not_others += max(0.0, secs - (was[1] if was else 0.0))
    return max(0.0, m1[0] - m0[0] - not_others)


def iteration(bench, seconds, single_shot):
    """One iteration: (seconds per operation, operations, counters per operation, last result)."""
    before = getattr(bench, "before", None)
    ops, timed, result = 0, 0.0, None
    c0 = counters()
    start = time.perf_counter()
    while True:
        if before:
            before()
        t0 = time.perf_counter()
        result = bench.op()
        t1 = time.perf_counter()
        timed += t1 - t0
        ops += 1
        if single_shot or t1 - start >= seconds:
            break
    c1 = counters()
    per_op = {
        "·minflt": ((c1[0] - c0[0]) / ops, "faults/op"),
        "·majflt": ((c1[1] - c0[1]) / ops, "faults/op"),
        "·cpu.all": ((c1[2] - c0[2]) / ops * 1e6, "us/op"),
        "·cpu.bench": ((c1[3] - c0[3]) / ops * 1e6, "us/op"),
    }
    wall = time.perf_counter() - start
    # as FaultsProfiler: only over a second or more, where the 10 ms clock ticks' rounding is small
    if c0[4] is not None and c1[4] is not None and wall >= 1.0:
        # cores other processes (not this one nor its children) and the hypervisor kept busy
        per_op["·others"] = (other_seconds(c0[4], c1[4], os.getpid()) / wall, "cores")
        per_op["·steal"] = ((c1[4][1] - c0[4][1]) / wall, "cores")
    return timed / ops, ops, per_op, result


UNIT_SECONDS = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def metric(values, unit):
    return {
        "score": sum(values) / len(values),
        "scoreUnit": unit,
        "scorePercentiles": {"0.0": min(values), "50.0": median(values), "100.0": max(values)},
        "rawData": [values],
    }


def run_one(ctx, cls, lib, params, args, log):
    full = lib == "pyarrowFull"
    single_shot = getattr(cls, "single_shot", False) or args.smoke
    warmup = 0 if args.smoke else (1 if getattr(cls, "single_shot", False) else args.warmup)
    iterations = 1 if args.smoke else args.iterations
    scale = UNIT_SECONDS[cls.unit]
    bench = cls(ctx, params, full)
    try:
        for k in range(warmup):
            t, ops, _, _ = iteration(bench, args.warmup_time, single_shot)
            print(f"# Warmup Iteration {k + 1}: {t / scale:.3f} {cls.unit} ({ops} ops)", file=log)
        scores, secondary, result = [], {}, None
        for k in range(iterations):
            t, ops, per_op, result = iteration(bench, args.time, single_shot)
            scores.append(t / scale)
            print(f"Iteration {k + 1}: {t / scale:.3f} {cls.unit} ({ops} ops)", file=log)
            for key, (value, unit) in per_op.items():
                secondary.setdefault(key, (unit, []))[1].append(value)
    finally:
        close = getattr(bench, "close", None)
        if close:
            close()
    return {
        "jmhVersion": "pyarrow_bench",
        "benchmark": PACKAGE + full_name(cls, lib),
        "mode": "ss" if getattr(cls, "single_shot", False) else "avgt",
        "threads": 1,
        "forks": 1,
        "params": params,
        "primaryMetric": metric(scores, cls.unit),
        "secondaryMetrics": {k: metric(v, u) for k, (u, v) in secondary.items()},
        "checksum": result,
        "pyarrowVersion": pa.__version__,
    }


def smoke_params(params):
    """In smoke runs the memcpy reference copies 1 MiB, as the JMH smoke run's -p bytes=1048576."""
    return dict(params, bytes=str(1 << 20)) if SMOKE and "bytes" in params else params


def command_run(args):
    global SMOKE
    SMOKE = args.smoke
    inputs = Inputs(args.data)
    ctx = Context(inputs, args.scratch)
    os.makedirs(args.scratch, exist_ok=True)
    results = []
    for name in args.names:
        cls, lib = find(name)
        for params in map(smoke_params, cls.params):
            print(f"# Benchmark: {PACKAGE}{name} {params}", file=sys.stderr)
            results.append(run_one(ctx, cls, lib, params, args, sys.stderr))
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1, ensure_ascii=False)
    os.replace(tmp, args.out)


def command_checksums(args):
    """One operation of every benchmark and library on the current inputs: {name[params]: result}."""
    global SMOKE
    SMOKE = True
    inputs = Inputs(args.data)
    ctx = Context(inputs, args.scratch)
    os.makedirs(args.scratch, exist_ok=True)
    out = {}
    for name in names():
        cls, lib = find(name)
        for params in map(smoke_params, cls.params):
            bench = cls(ctx, params, lib == "pyarrowFull")
            try:
                if hasattr(bench, "before"):
                    bench.before()
                key = name + ("[" + ",".join(f"{k}={v}" for k, v in sorted(params.items())) + "]" if params else "")
                out[key] = bench.op()
            finally:
                if hasattr(bench, "close"):
                    bench.close()
    json.dump(out, sys.stdout, indent=1)
    print()


def command_sizes(args):
    inputs = Inputs(args.data)
    batches = in_memory_batches(inputs.existing("w1.none"))
    for codec in CODECS:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_file(sink, batches[0].schema, options=codec_options(codec)) as w:
            for b in batches:
                w.write_batch(b)
        print(f"w1.size.{codec}.pyarrow {sink.getvalue().size}")


def main(argv):
    p = argparse.ArgumentParser(prog="pyarrow_bench.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("version")
    sub.add_parser("list")
    s = sub.add_parser("flight-server", help="the PyArrow Flight server of FlightDoGet / FlightDoPut (a child process)")
    s.add_argument("path")
    s.add_argument("codec")
    for name in ("prepare", "sizes"):
        s = sub.add_parser(name)
        s.add_argument("--data", required=True)
    s = sub.add_parser("checksums")
    s.add_argument("--data", required=True)
    s.add_argument("--scratch", required=True)
    s = sub.add_parser("run")
    s.add_argument("--data", required=True)
    s.add_argument("--scratch", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--smoke", action="store_true", help="one single-shot operation each: proves they run")
    s.add_argument("--warmup", type=int, default=2)
    s.add_argument("--warmup-time", type=float, default=1.0,
                   help="seconds per warmup iteration (no JIT to warm up: it fills caches and memory pools)")
    s.add_argument("--iterations", type=int, default=3)
    s.add_argument("--time", type=float, default=2.0, help="seconds per measurement iteration (JMH's: 2)")
    s.add_argument("names", nargs="+")
    args = p.parse_args(argv)
    if args.command == "version":
        print(f"{pa.__version__} (numpy {np.__version__})")
    elif args.command == "flight-server":
        flight_server(args.path, args.codec)
    elif args.command == "list":
        print("\n".join(names()))
    elif args.command == "prepare":
        prepare(Inputs(args.data))
    elif args.command == "sizes":
        command_sizes(args)
    elif args.command == "checksums":
        command_checksums(args)
    else:
        command_run(args)


if __name__ == "__main__":
    main(sys.argv[1:])
