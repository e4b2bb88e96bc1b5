package dev.quiver.flight;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.quiver.InvalidDataException;
import dev.quiver.flight.proto.FlightProtos;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageCodec;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.MetadataVersion;
import dev.quiver.type.Schema;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Quiver's Flight records to the generated protobuf messages and back. */
final class Protos {
    private Protos() {}

    // ---- descriptors, tickets, locations, endpoints ----

    static FlightProtos.FlightDescriptor descriptor(FlightDescriptor d) {
        FlightProtos.FlightDescriptor.Builder b = FlightProtos.FlightDescriptor.newBuilder();
        if (d.type() == FlightDescriptor.Type.PATH) {
            b.setType(FlightProtos.FlightDescriptor.DescriptorType.PATH).addAllPath(d.path());
        } else {
            b.setType(FlightProtos.FlightDescriptor.DescriptorType.CMD).setCmd(ByteString.copyFrom(d.command()));
        }
        return b.build();
    }

    static FlightDescriptor descriptor(FlightProtos.FlightDescriptor p) {
        return switch (p.getType()) {
            case PATH -> FlightDescriptor.path(p.getPathList());
            case CMD -> FlightDescriptor.command(p.getCmd().toByteArray());
            default -> {
                // UNKNOWN (or a newer type): keep what it carries
                if (p.getPathCount() > 0) yield FlightDescriptor.path(p.getPathList());
                yield FlightDescriptor.command(p.getCmd().toByteArray());
            }
        };
    }

    static FlightProtos.Ticket ticket(Ticket t) {
        return FlightProtos.Ticket.newBuilder().setTicket(ByteString.copyFrom(t.bytes())).build();
    }

    static Ticket ticket(FlightProtos.Ticket p) {
        return new Ticket(p.getTicket().toByteArray());
    }

    static FlightProtos.FlightEndpoint endpoint(FlightEndpoint e) {
        FlightProtos.FlightEndpoint.Builder b = FlightProtos.FlightEndpoint.newBuilder().setTicket(ticket(e.ticket()));
        for (Location l : e.locations()) b.addLocation(FlightProtos.Location.newBuilder().setUri(l.uri()));
        if (e.expirationTime() != null) b.setExpirationTime(timestamp(e.expirationTime()));
        b.setAppMetadata(ByteString.copyFrom(e.appMetadata()));
        return b.build();
    }

    static FlightEndpoint endpoint(FlightProtos.FlightEndpoint p) {
        List<Location> locations = new ArrayList<>();
        for (FlightProtos.Location l : p.getLocationList()) locations.add(new Location(l.getUri()));
        return new FlightEndpoint(ticket(p.getTicket()), locations,
                p.hasExpirationTime() ? instant(p.getExpirationTime()) : null, p.getAppMetadata().toByteArray());
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    // ---- flight info ----

    static FlightProtos.FlightInfo info(FlightInfo i) {
        FlightProtos.FlightInfo.Builder b = FlightProtos.FlightInfo.newBuilder()
                .setTotalRecords(i.totalRecords()).setTotalBytes(i.totalBytes()).setOrdered(i.ordered())
                .setAppMetadata(ByteString.copyFrom(i.appMetadata()));
        if (i.schema() != null) b.setSchema(ByteString.copyFrom(schemaBytes(i.schema())));
        if (i.descriptor() != null) b.setFlightDescriptor(descriptor(i.descriptor()));
        for (FlightEndpoint e : i.endpoints()) b.addEndpoint(endpoint(e));
        return b.build();
    }

    static FlightInfo info(FlightProtos.FlightInfo p) {
        List<FlightEndpoint> endpoints = new ArrayList<>();
        for (FlightProtos.FlightEndpoint e : p.getEndpointList()) endpoints.add(endpoint(e));
        return new FlightInfo(p.getSchema().isEmpty() ? null : schema(p.getSchema().toByteArray(), "FlightInfo.schema"),
                p.hasFlightDescriptor() ? descriptor(p.getFlightDescriptor()) : null, endpoints, p.getTotalRecords(),
                p.getTotalBytes(), p.getOrdered(), p.getAppMetadata().toByteArray());
    }

    static FlightProtos.PollInfo poll(PollInfo i) {
        FlightProtos.PollInfo.Builder b = FlightProtos.PollInfo.newBuilder();
        if (i.info() != null) b.setInfo(info(i.info()));
        if (i.next() != null) b.setFlightDescriptor(descriptor(i.next()));
        if (i.progress() != null) b.setProgress(i.progress());
        if (i.expirationTime() != null) b.setExpirationTime(timestamp(i.expirationTime()));
        return b.build();
    }

    static PollInfo poll(FlightProtos.PollInfo p) {
        return new PollInfo(p.hasInfo() ? info(p.getInfo()) : null,
                p.hasFlightDescriptor() ? descriptor(p.getFlightDescriptor()) : null,
                p.hasProgress() ? p.getProgress() : null,
                p.hasExpirationTime() ? instant(p.getExpirationTime()) : null);
    }

    // ---- the schema in its IPC form ----

    /** The schema as an encapsulated IPC message: continuation marker, length, flatbuffer Message. */
    static byte[] schemaBytes(Schema schema) {
        byte[] meta = MessageCodec.encode(new Message(MetadataVersion.V5, new MessageHeader.SchemaHeader(schema), 0,
                Map.of()));
        return framed(MemorySegment.ofArray(meta));
    }

    /** An encapsulated message around {@code metadata} (a flatbuffer Message padded to 8 bytes). */
    static byte[] framed(MemorySegment metadata) {
        int padded = (int) ((metadata.byteSize() + 7) & ~7L);
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(-1).putInt(padded);
        b.put(metadata.asByteBuffer());
        return b.array();
    }

    /**
     * Reads a schema in its IPC form: an optional continuation marker, the metadata length, a flatbuffer Message
     * whose header is a Schema (as Flight's FlightInfo.schema and SchemaResult.schema hold it).
     */
    static Schema schema(byte[] bytes, String resource) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int start = 0;
        if (bytes.length >= 4 && b.getInt(0) == -1) start = 4;
        if (bytes.length < start + 4) {
            throw new InvalidDataException("a schema in IPC form needs a metadata length, found " + bytes.length
                    + " bytes", resource, 0);
        }
        int length = b.getInt(start);
        if (length <= 0 || length > bytes.length - start - 4) {
            throw new InvalidDataException("schema metadata length " + length + " does not fit in "
                    + (bytes.length - start - 4) + " bytes", resource, start);
        }
        Message m = MessageCodec.decode(MemorySegment.ofArray(bytes).asSlice(start + 4, length), resource, start + 4);
        if (!(m.header() instanceof MessageHeader.SchemaHeader s)) {
            throw new InvalidDataException("expected a Schema message, found " + m.header().getClass().getSimpleName(),
                    resource, start + 4);
        }
        return s.schema();
    }
}
