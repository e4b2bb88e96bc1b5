package dev.quiver.interop;

import dev.quiver.compress.CompressionType;
import dev.quiver.testing.TestData;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.JsonFileReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Validator;
import org.apache.arrow.vector.util.ValueVectorUtility;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Apache Arrow Java (test scope only): reading gold JSON, codec mapping, and comparing what it read. */
final class ArrowJava {
    private ArrowJava() {}

    static final CompressionCodec.Factory CODECS = CommonsCompressionFactory.INSTANCE;

    /** A gold JSON file as Arrow Java reads it: its schema and one root per batch (closed with this). */
    record Json(Schema schema, List<VectorSchemaRoot> batches) implements AutoCloseable {
        @Override
        public void close() {
            batches.forEach(VectorSchemaRoot::close);
        }
    }

    /** Arrow Java's {@link JsonFileReader} reads plain JSON only: the gold {@code .json.gz} is gunzipped first. */
    static Json readGoldJson(BufferAllocator allocator, String name, Path tmp) throws IOException {
        Path json = gunzip(TestData.gold(GoldCases.FOLDER, name, ".json.gz"), tmp.resolve(name + ".json"));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        try (JsonFileReader reader = new JsonFileReader(json.toFile(), allocator)) {
            Schema schema = reader.start();
            for (VectorSchemaRoot root; (root = reader.read()) != null; ) batches.add(root);
            return new Json(schema, batches);
        } catch (IOException | RuntimeException e) {
            batches.forEach(VectorSchemaRoot::close);
            throw e;
        }
    }

    static Path gunzip(Path gz, Path target) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
             OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
        return target;
    }

    /** Arrow Java's codec type for a Quiver codec (null = none). */
    static CompressionUtil.CodecType codecType(CompressionType c) {
        if (c == null) return CompressionUtil.CodecType.NO_COMPRESSION;
        return switch (c) {
            case LZ4_FRAME -> CompressionUtil.CodecType.LZ4_FRAME;
            case ZSTD -> CompressionUtil.CodecType.ZSTD;
        };
    }

    static String codecName(CompressionType c) {
        return c == null ? "none" : c == CompressionType.LZ4_FRAME ? "lz4" : "zstd";
    }

    /**
     * Arrow Java's validation of a loaded batch: full (offsets monotonic and in bounds, buffer sizes, UTF-8)
     * for every column except decimals, which get the structural check only. Arrow Java 19's full check of
     * decimals ({@code validateScalars}) rejects the gold data itself: on Arrow Java's own reading of
     * {@code generated_decimal.json} and of Arrow C++'s {@code generated_decimal.arrow_file} it throws
     * "Invalid value for DecimalVector at position 2. Value does not fit in precision 3 and scale 2." (value
     * 1.90), so it says nothing about Quiver.
     */
    static void validate(VectorSchemaRoot root) {
        for (FieldVector v : root.getFieldVectors()) {
            if (v instanceof DecimalVector || v instanceof Decimal256Vector) {
                ValueVectorUtility.validate(v);
            } else {
                ValueVectorUtility.validateFull(v);
            }
        }
    }

    /**
     * Reads every batch of {@code reader} and asserts it equals the JSON: schema (fields, types, nullability,
     * custom metadata), batch count, and each batch value by value, after Arrow Java's full validation of the
     * batch it loaded (offsets, sizes, buffer lengths).
     */
    static void assertSameAs(Json expected, ArrowReader reader) throws IOException {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        Validator.compareSchemas(expected.schema(), root.getSchema());
        assertEquals(expected.schema(), root.getSchema(), "schema");
        int b = 0;
        while (reader.loadNextBatch()) {
            if (b >= expected.batches().size()) fail("more batches than the " + expected.batches().size() + " expected");
            VectorSchemaRoot want = expected.batches().get(b);
            validate(root);
            try {
                Validator.compareVectorSchemaRoot(want, root);
            } catch (IllegalArgumentException e) {
                fail("batch " + b + ": " + e.getMessage(), e);
            }
            assertTrue(want.equals(root), "batch " + b + ": VectorSchemaRoot.equals");
            b++;
        }
        assertEquals(expected.batches().size(), b, "number of record batches");
    }
}
