"""The client side of the Flight integration scenarios, with PyArrow (Arrow C++), against a server at URI that
implements their server side (Quiver's, in ScenarioProducer). poll_flight_info is not here: PyArrow 25's
FlightClient has no poll_flight_info.

    python pyarrow_flight_scenarios.py URI [BASIC_PROTO_URI]

BASIC_PROTO_URI is a server of the auth:basic_proto scenario (Handshake with a BasicAuth protobuf payload).

Prints "ok<TAB>scenario" or "fail<TAB>scenario<TAB>why" for each, then "done".
"""
import sys
import time
import traceback

import pyarrow as pa
import pyarrow.flight as flight


def out(*parts):
    print("\t".join(str(p).replace("\n", " | ").replace("\t", " ") for p in parts), flush=True)


def expect(cond, why):
    if not cond:
        raise AssertionError(why)


class Middleware(flight.ClientMiddlewareFactory):
    def start_call(self, info):
        return Sender()


class Sender(flight.ClientMiddleware):
    def sending_headers(self):
        return {"x-middleware": "expected value"}


def ordered(client):
    info = client.get_flight_info(flight.FlightDescriptor.for_command(b"ordered"))
    expect(info.ordered, "the info is not ordered")
    numbers = []
    for e in info.endpoints:
        numbers.extend(client.do_get(e.ticket).read_all().column("number").to_pylist())
    expect(numbers == [1, 2, 3, 10, 20, 30, 100, 200, 300], "numbers %s" % numbers)


def expiration_time(client):
    info = client.get_flight_info(flight.FlightDescriptor.for_command(b"expiration_time"))
    expect(len(info.endpoints) == 3, "%d endpoints" % len(info.endpoints))
    expect(info.endpoints[0].expiration_time is None, "the first endpoint expires")
    for i, e in enumerate(info.endpoints):
        times = 2 if e.expiration_time is not None else 1  # an expirable endpoint may be fetched again
        for _ in range(times):
            got = client.do_get(e.ticket).read_all().column("number").to_pylist()
            expect(got == [i], "endpoint %d gave %s" % (i, got))
    expect(info.endpoints[1].expiration_time.value > time.time_ns(), "endpoint 1 expired already")
    # PyArrow 25's FlightClient has no cancel_flight_info / renew_flight_endpoint: the standard actions by hand
    serialized = info.serialize()
    results = list(client.do_action(flight.Action("CancelFlightInfo", message(1, serialized))))
    # CancelFlightInfoResult{status = 1}: CANCEL_STATUS_CANCELLED is 1
    expect([r.body.to_pybytes() for r in results] == [b"\x08\x01"], "cancel result %r" % results)
    e = info.endpoints[1]
    results = list(client.do_action(flight.Action("RenewFlightEndpoint", message(1, e.serialize()))))
    expect(len(results) == 1, "%d renew results" % len(results))
    renewed = flight.FlightEndpoint.deserialize(results[0].body.to_pybytes())
    expect(renewed.ticket == e.ticket, "renewed another ticket")
    expect(renewed.expiration_time is not None and renewed.expiration_time.value > e.expiration_time.value,
           "not renewed later: %s, was %d" % (renewed.expiration_time and renewed.expiration_time.value, e.expiration_time.value))


def message(field, payload):
    """A protobuf message of one length-delimited field."""
    return bytes([field << 3 | 2]) + varint(len(payload)) + payload


def varint(n):
    b = bytearray()
    while True:
        if n < 0x80:
            b.append(n)
            return bytes(b)
        b.append((n & 0x7F) | 0x80)
        n >>= 7


def app_metadata(client):
    info = client.get_flight_info(flight.FlightDescriptor.for_command(b"foobar"))
    expect(info.app_metadata == b"foobar", "info app_metadata %r" % info.app_metadata)
    expect(info.endpoints[0].app_metadata == b"foobar", "endpoint app_metadata %r" % info.endpoints[0].app_metadata)


def do_exchange_echo(client):
    schema = pa.schema([("a", pa.int32())])
    writer, reader = client.do_exchange(flight.FlightDescriptor.for_command(b"echo"))
    with writer:
        writer.begin(schema)
        for i in range(10):
            batch = pa.record_batch([pa.array([i, i + 1], pa.int32())], schema=schema)
            meta = pa.py_buffer(str(i).encode())
            if i % 3 == 0:
                writer.write_metadata(meta)
                chunk = reader.read_chunk()
                expect(chunk.data is None and chunk.app_metadata.to_pybytes() == str(i).encode(), "metadata %d" % i)
            else:
                writer.write_with_metadata(batch, meta)
                chunk = reader.read_chunk()
                expect(chunk.data.equals(batch) and chunk.app_metadata.to_pybytes() == str(i).encode(), "batch %d" % i)
        writer.done_writing()
        try:
            reader.read_chunk()
            raise AssertionError("more after done_writing")
        except StopIteration:
            pass


def middleware(uri):
    client = flight.connect(uri, middleware=[Middleware()])
    # the server checks the header in GetFlightInfo (Java side reads what it saw)
    client.get_flight_info(flight.FlightDescriptor.for_command(b"middleware"))


class BasicProtoAuth(flight.ClientAuthHandler):
    """Sends a BasicAuth protobuf (field 2 username, field 3 password) and keeps the token the server answers."""

    def __init__(self, user, password):
        super().__init__()
        self.basic = message(2, user.encode()) + message(3, password.encode())
        self.token = None

    def authenticate(self, outgoing, incoming):
        outgoing.write(self.basic)
        self.token = incoming.read()

    def get_token(self):
        return self.token


def basic_proto(uri):
    client = flight.connect(uri)
    try:
        list(client.do_action(flight.Action("test", b"")))
        raise AssertionError("DoAction without authentication succeeded")
    except flight.FlightUnauthenticatedError:
        pass
    client.authenticate(BasicProtoAuth("arrow", "flight"))
    results = list(client.do_action(flight.Action("test", b"")))
    expect(len(results) == 1, "expected one result, got %d" % len(results))
    expect(results[0].body.to_pybytes() == b"arrow", "result body %r" % results[0].body.to_pybytes())


def main():
    uri = sys.argv[1]
    client = flight.connect(uri)
    out("pyarrow", pa.__version__)
    for name, fn in (("ordered", lambda: ordered(client)), ("expiration_time", lambda: expiration_time(client)),
                     ("app_metadata_flight_info_endpoint", lambda: app_metadata(client)),
                     ("do_exchange:echo", lambda: do_exchange_echo(client)), ("middleware", lambda: middleware(uri))) + (
                    (("auth:basic_proto", lambda: basic_proto(sys.argv[2])),) if len(sys.argv) > 2 else ()):
        try:
            fn()
            out("ok", name)
        except Exception as e:  # noqa: BLE001
            out("fail", name, "%s: %s %s" % (type(e).__name__, e, traceback.format_exc(limit=4)))
    out("done")


if __name__ == "__main__":
    main()
