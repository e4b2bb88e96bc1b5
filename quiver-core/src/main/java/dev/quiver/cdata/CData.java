package dev.quiver.cdata;

import dev.quiver.array.Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.validate.ValidationLevel;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The Arrow C Data Interface and C Stream Interface, over {@code java.lang.foreign} (no JNI): Quiver schemas, arrays,
 * batches and readers to and from {@code ArrowSchema}, {@code ArrowArray} and {@code ArrowArrayStream} structures,
 * sharing the buffers without copying them.
 *
 * <p><b>Export</b> fills a structure the caller allocated (a {@link MemorySegment} or a raw address, for example
 * {@code org.apache.arrow.c.ArrowArray#memoryAddress()}), or one from {@link #allocateArray(Arena)} and friends. The
 * consumer owns it afterwards and must call its release callback exactly once, from any thread. Buffers in native
 * memory (everything read from files and streams) are shared as they are; buffers on the Java heap (arrays built in
 * memory with small builders) are copied once into native memory. An exported batch is
 * {@linkplain RecordBatch#retain() retained} until the consumer releases it: dropping it, closing it or closing the
 * reader it came from meanwhile makes it unreadable from Java as usual, but its memory (and the reader's, a mapped
 * file for example) is freed only after the release. An exported {@link Array} is only kept reachable: keep the batch
 * or reader it comes from open until the consumer releases it. Exported streams close their reader themselves, once
 * the stream and every batch it handed out are released.
 *
 * <p><b>Import</b> reads a structure another library produced, moves it into Quiver's memory (the source is marked
 * released, as the specification describes for moving) and views the producer's buffers without copying. The
 * producer's release callback is called exactly once: when the batch (or {@link ImportedArray}) is closed, or when it
 * and its columns become unreachable. A schema is copied into Java objects and released at once. Input is validated
 * as IPC input is, at the level given (FULL by default): buffer and child counts per type, null pointers where a
 * buffer is required, lengths, offsets and values against the sizes the type requires (the C structures do not carry
 * buffer sizes: each is computed from the type, offset and length, and for variable-size data from the last offset).
 * Errors are {@link dev.quiver.InvalidDataException}s naming the field path; the import then releases the structure.
 * Dictionary ids, which the C Data Interface does not carry, are assigned 0, 1, ... in schema order.
 */
public final class CData {
    private CData() {}

    // ---- allocation ------------------------------------------------------------------------------------------

    /** A zero-filled (released) {@code ArrowSchema} in {@code arena}. */
    public static MemorySegment allocateSchema(Arena arena) {
        return arena.allocate(CStructs.ARROW_SCHEMA);
    }

    /** A zero-filled (released) {@code ArrowArray} in {@code arena}. */
    public static MemorySegment allocateArray(Arena arena) {
        return arena.allocate(CStructs.ARROW_ARRAY);
    }

    /** A zero-filled (released) {@code ArrowArrayStream} in {@code arena}. */
    public static MemorySegment allocateStream(Arena arena) {
        return arena.allocate(CStructs.ARROW_ARRAY_STREAM);
    }

    /** Whether the structure (any of the three) has been released: its release callback is null. */
    public static boolean isReleased(MemorySegment struct, StructKind kind) {
        long off = switch (kind) {
            case SCHEMA -> CStructs.S_RELEASE;
            case ARRAY -> CStructs.A_RELEASE;
            case STREAM -> CStructs.ST_RELEASE;
        };
        return CStructs.ptr(struct.reinterpret(off + 8), off) == 0;
    }

    /** Which of the three structures. */
    public enum StructKind { SCHEMA, ARRAY, STREAM }

    // ---- export ----------------------------------------------------------------------------------------------

    /** Exports {@code schema} as a struct type ({@code +s}) whose children are its fields, with its metadata. */
    public static void exportSchema(Schema schema, MemorySegment out) {
        Exporter.exportSchema(schema, out);
    }

    /** {@link #exportSchema(Schema, MemorySegment)} into the {@code ArrowSchema} at {@code address}. */
    public static void exportSchema(Schema schema, long address) {
        exportSchema(schema, CStructs.at(address, CStructs.ARROW_SCHEMA));
    }

    /** Exports one field (its name, type, nullability, metadata, children and dictionary encoding). */
    public static void exportField(Field field, MemorySegment out) {
        Exporter.exportField(field, out);
    }

    /**
     * Exports {@code batch} as a struct array without nulls, its columns the children; its memory is retained until
     * the consumer releases the structure.
     *
     * @throws IllegalStateException if the batch (or its reader) is closed
     */
    public static void exportBatch(RecordBatch batch, MemorySegment out) {
        Exporter.exportBatch(batch, null, out);
    }

    /** {@link #exportBatch(RecordBatch, MemorySegment)} into the {@code ArrowArray} at {@code address}. */
    public static void exportBatch(RecordBatch batch, long address) {
        exportBatch(batch, CStructs.at(address, CStructs.ARROW_ARRAY));
    }

    /** Exports the batch and its schema. */
    public static void exportBatch(RecordBatch batch, MemorySegment outArray, MemorySegment outSchema) {
        exportSchema(batch.schema(), outSchema);
        try {
            exportBatch(batch, outArray);
        } catch (RuntimeException | Error e) {
            CStructs.callRelease(outSchema.reinterpret(CStructs.ARROW_SCHEMA.byteSize()), CStructs.S_RELEASE);
            throw e;
        }
    }

    /** {@link #exportBatch(RecordBatch, MemorySegment, MemorySegment)} into structures at these addresses. */
    public static void exportBatch(RecordBatch batch, long arrayAddress, long schemaAddress) {
        exportBatch(batch, CStructs.at(arrayAddress, CStructs.ARROW_ARRAY),
                CStructs.at(schemaAddress, CStructs.ARROW_SCHEMA));
    }

    /** Exports one array. Keep the memory it comes from open until the consumer releases it. */
    public static void exportArray(Array array, MemorySegment out) {
        Exporter.exportArray(array.data(), array, null, out);
    }

    /** Exports one array and its field. */
    public static void exportArray(Field field, Array array, MemorySegment outArray, MemorySegment outSchema) {
        exportField(field, outSchema);
        try {
            exportArray(array, outArray);
        } catch (RuntimeException | Error e) {
            CStructs.callRelease(outSchema.reinterpret(CStructs.ARROW_SCHEMA.byteSize()), CStructs.S_RELEASE);
            throw e;
        }
    }

    /**
     * Exports a reader as an {@code ArrowArrayStream}: {@code get_next} reads the next batch and exports it (closing it
     * when the consumer releases it); the reader is closed once the stream and every batch it gave are released.
     * The stream is not thread-safe (as the specification allows): the consumer serializes its calls.
     */
    public static void exportStream(RecordBatchReader reader, MemorySegment out) {
        Exporter.exportStream(reader, out);
    }

    /** {@link #exportStream(RecordBatchReader, MemorySegment)} into the {@code ArrowArrayStream} at {@code address}. */
    public static void exportStream(RecordBatchReader reader, long address) {
        exportStream(reader, CStructs.at(address, CStructs.ARROW_ARRAY_STREAM));
    }

    /** Exports not released yet by their consumers (each base structure counts once; streams apart). */
    public static int liveExports() {
        return Exporter.liveExports();
    }

    /** Exported streams not released yet by their consumers. */
    public static int liveExportedStreams() {
        return Exporter.liveStreams();
    }

    /** Imported arrays and batches whose producer's release has not been called yet. */
    public static int liveImports() {
        return ImportedArena.open();
    }

    // ---- import ----------------------------------------------------------------------------------------------

    /** Imports a record batch schema (a {@code +s} type) and releases the structure. */
    public static Schema importSchema(MemorySegment schema) {
        return Importer.schema(importField(schema));
    }

    /** {@link #importSchema(MemorySegment)} from the {@code ArrowSchema} at {@code address}. */
    public static Schema importSchema(long address) {
        return importSchema(CStructs.at(address, CStructs.ARROW_SCHEMA));
    }

    /** Imports one field and releases the structure. */
    public static Field importField(MemorySegment schema) {
        MemorySegment s = schema.reinterpret(CStructs.ARROW_SCHEMA.byteSize());
        try {
            return Importer.readField(s, "", new long[] {0}, 0);
        } finally {
            CStructs.callRelease(s, CStructs.S_RELEASE);
        }
    }

    /** Imports a batch (a struct array of {@code schema}'s fields), validated at FULL. */
    public static RecordBatch importBatch(MemorySegment array, Schema schema) {
        return importBatch(array, schema, ValidationLevel.FULL);
    }

    /** Imports a batch (a struct array of {@code schema}'s fields), validated at {@code level}. */
    public static RecordBatch importBatch(MemorySegment array, Schema schema, ValidationLevel level) {
        return Importer.importBatch(array, schema, level);
    }

    /** Imports a batch and its schema (the schema structure is released at once), validated at {@code level}. */
    public static RecordBatch importBatch(MemorySegment array, MemorySegment schema, ValidationLevel level) {
        Schema s;
        try {
            s = importSchema(schema);
        } catch (RuntimeException | Error e) {
            MemorySegment a = array.reinterpret(CStructs.ARROW_ARRAY.byteSize());
            CStructs.callRelease(a, CStructs.A_RELEASE);
            throw e;
        }
        return importBatch(array, s, level);
    }

    /** {@link #importBatch(MemorySegment, MemorySegment, ValidationLevel)} at FULL from structures at these addresses. */
    public static RecordBatch importBatch(long arrayAddress, long schemaAddress) {
        return importBatch(CStructs.at(arrayAddress, CStructs.ARROW_ARRAY),
                CStructs.at(schemaAddress, CStructs.ARROW_SCHEMA), ValidationLevel.FULL);
    }

    /** Imports one array of {@code field}, validated at {@code level}. */
    public static ImportedArray importArray(MemorySegment array, Field field, ValidationLevel level) {
        return Importer.importArray(array, field, level);
    }

    /** Imports one array and its field (the schema structure is released at once), validated at {@code level}. */
    public static ImportedArray importArray(MemorySegment array, MemorySegment schema, ValidationLevel level) {
        Field f;
        try {
            f = importField(schema);
        } catch (RuntimeException | Error e) {
            CStructs.callRelease(array.reinterpret(CStructs.ARROW_ARRAY.byteSize()), CStructs.A_RELEASE);
            throw e;
        }
        return importArray(array, f, level);
    }

    /**
     * Imports an {@code ArrowArrayStream} as a reader (the stream is moved; {@code get_schema} is called at once),
     * each batch validated at {@code level}.
     *
     * @throws IOException if the producer's {@code get_schema} fails
     */
    public static CDataStreamReader importStream(MemorySegment stream, ValidationLevel level) throws IOException {
        return new CDataStreamReader(stream, level);
    }

    /** {@link #importStream(MemorySegment, ValidationLevel)} at FULL from the structure at {@code address}. */
    public static CDataStreamReader importStream(long address) throws IOException {
        return importStream(CStructs.at(address, CStructs.ARROW_ARRAY_STREAM), ValidationLevel.FULL);
    }
}
