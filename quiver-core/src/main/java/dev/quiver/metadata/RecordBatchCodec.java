package dev.quiver.metadata;

import dev.quiver.UnsupportedFeatureException;
import dev.quiver.compress.CompressionType;
import dev.quiver.metadata.FlatBufferReader.FbVector;
import dev.quiver.metadata.MessageHeader.RecordBatchHeader;

/**
 * {@code RecordBatch} and {@code BodyCompression} of Message.fbs. Field nodes ({@code FieldNode}) and
 * buffers ({@code Buffer}) are 16-byte structs of two longs; negative lengths, counts and offsets are
 * rejected with the index of the node or buffer concerned.
 */
final class RecordBatchCodec {
    private RecordBatchCodec() {}

    private static final int LENGTH = 0, NODES = 1, BUFFERS = 2, COMPRESSION = 3, VARIADIC = 4;
    private static final int C_CODEC = 0, C_METHOD = 1;

    static RecordBatchHeader read(FbTable t) {
        FlatBufferReader r = t.reader();
        long length = t.getLong(LENGTH, "length", 0);
        if (length < 0) throw r.invalid("record batch length is negative: " + length, t.pos());

        FbVector nv = t.vector(NODES, "nodes", 16);
        int nn = nv == null ? 0 : nv.length();
        long[] nodeLengths = new long[nn];
        long[] nullCounts = new long[nn];
        for (int i = 0; i < nn; i++) {
            nodeLengths[i] = t.structLong(nv, i, 0);
            nullCounts[i] = t.structLong(nv, i, 8);
            if (nodeLengths[i] < 0) {
                throw r.invalid("field node " + i + " has negative length " + nodeLengths[i], nv.element(i));
            }
            if (nullCounts[i] < 0) {
                throw r.invalid("field node " + i + " has negative null count " + nullCounts[i], nv.element(i) + 8);
            }
        }

        FbVector bv = t.vector(BUFFERS, "buffers", 16);
        int nb = bv == null ? 0 : bv.length();
        long[] offsets = new long[nb];
        long[] lengths = new long[nb];
        for (int i = 0; i < nb; i++) {
            offsets[i] = t.structLong(bv, i, 0);
            lengths[i] = t.structLong(bv, i, 8);
            if (offsets[i] < 0) {
                throw r.invalid("buffer " + i + " has negative offset " + offsets[i], bv.element(i));
            }
            if (lengths[i] < 0) {
                throw r.invalid("buffer " + i + " has negative length " + lengths[i], bv.element(i) + 8);
            }
        }

        CompressionType compression = null;
        FbTable c = t.table(COMPRESSION, "BodyCompression");
        if (c != null) {
            int codec = c.getByte(C_CODEC, "codec", (byte) 0);
            CompressionType[] codecs = CompressionType.values();
            if (codec < 0 || codec >= codecs.length) {
                throw new UnsupportedFeatureException("unknown body compression codec " + codec,
                        r.resource(), c.absolute());
            }
            int method = c.getByte(C_METHOD, "method", (byte) 0);
            if (method != 0) {
                throw new UnsupportedFeatureException("unknown body compression method " + method
                        + " (only BUFFER is defined)", r.resource(), c.absolute());
            }
            compression = codecs[codec];
        }

        FbVector vv = t.vector(VARIADIC, "variadicBufferCounts", 8);
        int nv2 = vv == null ? 0 : vv.length();
        long[] variadic = new long[nv2];
        for (int i = 0; i < nv2; i++) {
            variadic[i] = t.longAt(vv, i);
            if (variadic[i] < 0) {
                throw r.invalid("variadic buffer count " + i + " is negative: " + variadic[i], vv.element(i));
            }
        }
        return new RecordBatchHeader(length, nodeLengths, nullCounts, offsets, lengths, compression, variadic);
    }

    /** Writes the objects in Arrow C++'s order: nodes, buffers, compression, variadic counts, the table. */
    static int write(FlatBufferBuilder b, RecordBatchHeader h) {
        long[] nl = h.nodeLengths(), nc = h.nodeNullCounts();
        int nodes = b.createStructVector(16, nl.length, i -> {
            b.structLong(nc[i]);
            b.structLong(nl[i]);
        });
        long[] bo = h.bufferOffsets(), bl = h.bufferLengths();
        int buffers = b.createStructVector(16, bo.length, i -> {
            b.structLong(bl[i]);
            b.structLong(bo[i]);
        });
        int compression = 0;
        if (h.compression() != null) {
            b.startTable(2);
            b.addByte(C_CODEC, (byte) h.compression().ordinal(), (byte) 0);
            compression = b.endTable();
        }
        long[] variadic = h.variadicBufferCounts();
        int vv = variadic.length == 0 ? 0 : b.createLongVector(variadic);
        // Field order of Arrow C++'s CreateRecordBatch: the long, then the offsets last declared first.
        b.startTable(5);
        b.addLong(LENGTH, h.length(), 0);
        b.addOffset(VARIADIC, vv);
        b.addOffset(COMPRESSION, compression);
        b.addOffset(BUFFERS, buffers);
        b.addOffset(NODES, nodes);
        return b.endTable();
    }
}
