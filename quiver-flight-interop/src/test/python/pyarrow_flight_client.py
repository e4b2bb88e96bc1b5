"""A PyArrow (Arrow C++) Flight client for Quiver's interop tests.

    python pyarrow_flight_client.py MODE URI CODEC GOLD_ROOT [--tls-root CERT] [--token T] < cases

Reads gold cases ("folder/name", one a line) from standard input and, against the server at URI, for each case:
  MODE memory     (a server that keeps uploads: Quiver's MemoryProducer) DoPut of the batches PyArrow reads
                  from the gold .stream (bodies compressed with CODEC: none, lz4, zstd) under the path
                  "folder/name", GetFlightInfo of that path, DoGet of its ticket; what comes back must equal
                  the gold batches; then ListFlights, DoAction "echo", ListActions, DoExchange of the batches.
  MODE directory  (Quiver's DirectoryFlightProducer over a copy of the gold folders) GetFlightInfo of the
                  .arrow_file and .stream, DoGet of every endpoint, all batches equal to PyArrow's reading of
                  the file; DoPut of the stream's batches as "up/folder/name.stream" (checked by the Java side);
                  then ListFlights, ListActions and DoAction RenewFlightEndpoint.
With --token the client first exchanges basic credentials for a bearer token (authenticate_basic_token) and
checks that a call without it is refused. Prints "ok<TAB>what" or "fail<TAB>what<TAB>why" per check, then "done".
"""
import sys
import traceback

import pyarrow as pa
import pyarrow.flight as flight
import pyarrow.ipc as ipc


def out(*parts):
    print("\t".join(str(p).replace("\n", " | ").replace("\t", " ") for p in parts), flush=True)


def read_stream(path):
    with ipc.open_stream(path) as r:
        return r.schema, list(r)


def read_file(path):
    with ipc.open_file(path) as r:
        return r.schema, [r.get_batch(i) for i in range(r.num_record_batches)]


def same(what, schema, batches, eschema, ebatches):
    if not schema.equals(eschema, check_metadata=True):
        raise AssertionError("%s: schema %s, expected %s" % (what, schema, eschema))
    if len(batches) != len(ebatches):
        raise AssertionError("%s: %d batches, expected %d" % (what, len(batches), len(ebatches)))
    for i, (b, e) in enumerate(zip(batches, ebatches)):
        if not b.equals(e, check_metadata=True):
            raise AssertionError("%s: batch %d is %s, expected %s" % (what, i, b, e))


def get_all(client, ticket, options):
    reader = client.do_get(ticket, options=options)
    batches = []
    while True:
        try:
            chunk = reader.read_chunk()
        except StopIteration:
            break
        batches.append(chunk.data)
    return reader.schema, batches


def check(what, fn):
    try:
        fn()
        out("ok", what)
    except Exception as e:  # noqa: BLE001 - every failure is reported to the Java side
        out("fail", what, "%s: %s %s" % (type(e).__name__, e, traceback.format_exc(limit=3)))


def main():
    mode, uri, codec, root = sys.argv[1:5]
    args = sys.argv[5:]
    connect = {}
    token = None
    while args:
        a = args.pop(0)
        if a == "--tls-root":
            connect["tls_root_certs"] = open(args.pop(0), "rb").read()
        elif a == "--token":
            token = args.pop(0)
        else:
            raise SystemExit("unknown argument " + a)
    cases = [line.strip() for line in sys.stdin if line.strip()]
    write = ipc.IpcWriteOptions(compression=None if codec == "none" else codec)
    client = flight.connect(uri, **connect)
    options = flight.FlightCallOptions()
    header = None
    if token is not None:
        def refused():
            try:
                list(client.list_flights())
            except flight.FlightUnauthenticatedError:
                return
            raise AssertionError("a call without credentials was served")
        check("unauthenticated call refused", refused)
        header = client.authenticate_basic_token("pyarrow", token)
        options = flight.FlightCallOptions(headers=[header])
    out("pyarrow", pa.__version__)

    for case in cases:
        folder, name = case.split("/", 1)
        base = "%s/%s/generated_%s" % (root, folder, name)
        if mode == "memory":
            def memory():
                schema, batches = read_stream(base + ".stream")
                writer, acks = client.do_put(flight.FlightDescriptor.for_path(case), schema,
                                             options=put_options(crashing_codec(schema, write), header))
                for b in batches:
                    writer.write_batch(b)
                writer.done_writing()
                n = 0
                while acks.read() is not None:
                    n += 1
                writer.close()
                if n != len(batches):
                    raise AssertionError("%d acknowledgements for %d batches" % (n, len(batches)))
                info = client.get_flight_info(flight.FlightDescriptor.for_path(case), options=options)
                if not info.schema.equals(schema, check_metadata=True):
                    raise AssertionError("GetFlightInfo schema %s, expected %s" % (info.schema, schema))
                if info.total_records != sum(b.num_rows for b in batches):
                    raise AssertionError("GetFlightInfo total_records %d" % info.total_records)
                got_schema, got = get_all(client, info.endpoints[0].ticket, options)
                same("DoGet", got_schema, got, schema, batches)
                # DoExchange: Quiver echoes each batch
                writer, reader = client.do_exchange(flight.FlightDescriptor.for_command(b"echo"), options=options)
                writer.begin(schema, options=crashing_codec(schema, write))
                echoed = []
                for b in batches:
                    writer.write_batch(b)
                    echoed.append(reader.read_chunk().data)
                writer.done_writing()
                writer.close()
                same("DoExchange", schema, echoed, schema, batches)
            check(case + " DoPut/GetFlightInfo/DoGet/DoExchange " + codec, memory)
        else:
            for suffix, reader_fn in ((".arrow_file", read_file), (".stream", read_stream)):
                path = "%s/generated_%s%s" % (folder, name, suffix)
                def directory(path=path, suffix=suffix, reader_fn=reader_fn):
                    eschema, ebatches = reader_fn(base + suffix)
                    info = client.get_flight_info(flight.FlightDescriptor.for_path(*path.split("/")), options=options)
                    if not info.schema.equals(eschema, check_metadata=True):
                        raise AssertionError("GetFlightInfo schema %s, expected %s" % (info.schema, eschema))
                    if info.total_records != sum(b.num_rows for b in ebatches):
                        raise AssertionError("GetFlightInfo total_records %d" % info.total_records)
                    got = []
                    for e in info.endpoints:
                        s, bs = get_all(client, e.ticket, options)
                        if not s.equals(eschema, check_metadata=True):
                            raise AssertionError("DoGet schema %s" % s)
                        got.extend(bs)
                    same("DoGet of %d endpoints" % len(info.endpoints), eschema, got, eschema, ebatches)
                check(path + " GetFlightInfo/DoGet", directory)

            def upload():
                schema, batches = read_stream(base + ".stream")
                writer, acks = client.do_put(flight.FlightDescriptor.for_path("up", folder, name + ".stream"), schema,
                                             options=put_options(crashing_codec(schema, write), header))
                for b in batches:
                    writer.write_batch(b)
                writer.close()
            check(case + " DoPut " + codec, upload)

    def listing():
        names = sorted("/".join(p.decode() for p in f.descriptor.path) for f in client.list_flights(options=options))
        out("flights", " ".join(names))
    check("ListFlights", listing)

    def actions():
        out("actions", " ".join(sorted(a.type for a in client.list_actions(options=options))))
        if mode == "memory":
            results = [r.body.to_pybytes() for r in client.do_action(flight.Action("echo", b"hello quiver"), options=options)]
            if results != [b"hello quiver"]:
                raise AssertionError("echo gave %r" % results)
        else:
            first = cases[0].split("/", 1)
            info = client.get_flight_info(flight.FlightDescriptor.for_path(first[0], "generated_%s.arrow_file" % first[1]),
                                          options=options)
            endpoint = info.endpoints[0].serialize()
            body = b"\x0a" + varint(len(endpoint)) + endpoint  # RenewFlightEndpointRequest{endpoint = 1}
            results = [r.body.to_pybytes() for r in client.do_action(flight.Action("RenewFlightEndpoint", body), options=options)]
            if len(results) != 1 or flight.FlightEndpoint.deserialize(results[0]) != info.endpoints[0]:
                raise AssertionError("RenewFlightEndpoint gave %r" % results)
    check("ListActions/DoAction", actions)
    out("done")


def has_union(t):
    if pa.types.is_union(t):
        return True
    return any(has_union(t.field(i).type) for i in range(t.num_fields)) if hasattr(t, "num_fields") else False


def crashing_codec(schema, write):
    """PyArrow 25.0.1 dies (SIGSEGV) compressing the gold union batches, in plain pyarrow.ipc too (no Flight):
    those go uncompressed."""
    if any(has_union(f.type) for f in schema):
        return ipc.IpcWriteOptions()
    return write


def put_options(write, header):
    return flight.FlightCallOptions(headers=[header] if header else None, write_options=write)


def varint(n):
    b = bytearray()
    while True:
        if n < 0x80:
            b.append(n)
            return bytes(b)
        b.append((n & 0x7F) | 0x80)
        n >>= 7


if __name__ == "__main__":
    main()
