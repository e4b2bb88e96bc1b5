"""A PyArrow (Arrow C++) Flight server for Quiver's interop tests.

    python pyarrow_flight_server.py GOLD_ROOT CODEC [--tls CERT KEY] [--token T] < cases

Reads the gold cases (lines "folder/name") from standard input until a line "end", loads each gold .stream with
PyArrow and serves it:
  ListFlights      every loaded case, as a path descriptor "folder/name"
  GetFlightInfo    schema, rows, one endpoint whose ticket is the path
  DoGet            the batches PyArrow read, as they were (empty ones too), bodies compressed with CODEC
                   (none, lz4 or zstd)
  DoPut            stores the uploaded batches under the descriptor's path, one PutResult per batch
  DoExchange       echoes every batch
  DoAction check   body "uploaded-path<TAB>gold-stream-path": "ok" when the upload equals what PyArrow reads
                   from the gold stream, else what differs
  ListActions      check
With --token, calls need "authorization: Bearer T"; a Handshake with "authorization: Basic ..." whose password is
T is answered with that bearer header (PyArrow's and Quiver's authenticate_basic_token). With --tls the server
speaks grpc+tls with that PEM pair. Prints "listening on PORT" once serving; stops when standard input closes.
"""
import base64
import sys

import pyarrow as pa
import pyarrow.flight as flight
import pyarrow.ipc as ipc


class Auth(flight.ServerMiddlewareFactory):
    def __init__(self, token):
        self.token = token

    def start_call(self, info, headers):
        values = headers.get("authorization") or headers.get("Authorization") or []
        for v in values:
            if v == "Bearer " + self.token:
                return None
            if v.startswith("Basic "):
                user, _, password = base64.b64decode(v[6:]).decode().partition(":")
                if password == self.token:
                    return BearerAnswer(self.token)
        raise flight.FlightUnauthenticatedError("no valid credentials")


class BearerAnswer(flight.ServerMiddleware):
    def __init__(self, token):
        self.token = token

    def sending_headers(self):
        return {"authorization": "Bearer " + self.token}


class Server(flight.FlightServerBase):
    def __init__(self, location, codec, tables, **kwargs):
        super().__init__(location, **kwargs)
        self.options = ipc.IpcWriteOptions(compression=None if codec == "none" else codec,
                                           emit_dictionary_deltas=True)
        self.flights = tables
        self.uploads = {}

    def _info(self, key):
        schema, batches = self.flights[key]
        rows = sum(b.num_rows for b in batches)
        return flight.FlightInfo(schema, flight.FlightDescriptor.for_path(key),
                                 [flight.FlightEndpoint(key.encode(), [])], rows, -1)

    def list_flights(self, context, criteria):
        prefix = criteria.decode() if criteria else ""
        for key in self.flights:
            if key.startswith(prefix):
                yield self._info(key)

    def get_flight_info(self, context, descriptor):
        key = "/".join(p.decode() for p in descriptor.path)
        if key not in self.flights:
            raise flight.FlightServerError("no flight " + key)
        return self._info(key)

    def do_get(self, context, ticket):
        key = ticket.ticket.decode()
        source = self.flights if key in self.flights else self.uploads
        if key not in source:
            raise flight.FlightServerError("no flight " + key)
        schema, batches = source[key]
        return flight.RecordBatchStream(pa.RecordBatchReader.from_batches(schema, iter(batches)),
                                       options=self.write_options(schema))

    def write_options(self, schema):
        """PyArrow 25.0.1 dies (SIGSEGV) compressing the gold union batches, in plain pyarrow.ipc too (no Flight):
        those go uncompressed."""
        return ipc.IpcWriteOptions(emit_dictionary_deltas=True) if any(has_union(f.type) for f in schema) else self.options

    def do_put(self, context, descriptor, reader, writer):
        key = "/".join(p.decode() for p in descriptor.path)
        batches = []
        while True:
            try:
                chunk = reader.read_chunk()
            except StopIteration:
                break
            if chunk.data is not None:
                batches.append(chunk.data)
            writer.write(pa.py_buffer(str(len(batches)).encode()))
        self.uploads[key] = (reader.schema, batches)

    def do_exchange(self, context, descriptor, reader, writer):
        started = False
        for chunk in reader:
            if not started:
                writer.begin(reader.schema, options=self.write_options(reader.schema))
                started = True
            if chunk.data is not None:
                writer.write_batch(chunk.data)
        if not started:
            writer.begin(reader.schema, options=self.write_options(reader.schema))

    def do_action(self, context, action):
        if action.type != "check":
            raise flight.FlightServerError("unknown action " + action.type)
        key, gold = action.body.to_pybytes().decode().split("\t")
        if key not in self.uploads:
            yield flight.Result(pa.py_buffer(("nothing uploaded as " + key).encode()))
            return
        yield flight.Result(pa.py_buffer(compare(self.uploads[key], read_gold(gold)).encode()))

    def list_actions(self, context):
        return [("check", "compares an upload with a gold stream")]


def has_union(t):
    if pa.types.is_union(t):
        return True
    return any(has_union(t.field(i).type) for i in range(t.num_fields)) if hasattr(t, "num_fields") else False


class NoopAuth(flight.ServerAuthHandler):
    """Lets every Handshake through: the Auth middleware checks the headers (basic, then bearer)."""

    def authenticate(self, outgoing, incoming):
        pass

    def is_valid(self, token):
        return ""


def read_gold(path):
    with ipc.open_stream(path) as r:
        return r.schema, list(r)


def compare(got, expected):
    schema, batches = got
    eschema, ebatches = expected
    if not schema.equals(eschema, check_metadata=True):
        return "schema differs: got %s, expected %s" % (schema, eschema)
    if len(batches) != len(ebatches):
        return "got %d batches, expected %d" % (len(batches), len(ebatches))
    for i, (b, e) in enumerate(zip(batches, ebatches)):
        if not b.equals(e, check_metadata=True):
            return "batch %d differs: got %s, expected %s" % (i, b, e)
    return "ok"


def main():
    root, codec = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    kwargs = {}
    scheme = "grpc"
    while args:
        a = args.pop(0)
        if a == "--tls":
            cert, key = args.pop(0), args.pop(0)
            kwargs["tls_certificates"] = [flight.CertKeyPair(open(cert, "rb").read(), open(key, "rb").read())]
            scheme = "grpc+tls"
        elif a == "--token":
            kwargs["middleware"] = {"auth": Auth(args.pop(0))}
            kwargs["auth_handler"] = NoopAuth()
        else:
            raise SystemExit("unknown argument " + a)
    tables = {}
    for line in sys.stdin:
        line = line.strip()
        if line == "end":
            break
        folder, name = line.split("/", 1)
        tables[line] = read_gold("%s/%s/generated_%s.stream" % (root, folder, name))
    server = Server("%s://127.0.0.1:0" % scheme, codec, tables, **kwargs)
    print("listening on %d pyarrow %s" % (server.port, pa.__version__), flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
