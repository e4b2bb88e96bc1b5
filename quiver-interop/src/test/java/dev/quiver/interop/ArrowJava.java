package dev.quiver.interop;

import dev.quiver.compress.CompressionType;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListViewVector;
import org.apache.arrow.vector.complex.ListViewVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.RunEndEncodedVector;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.JsonFileReader;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Validator;
import org.apache.arrow.vector.util.ValueVectorUtility;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /**
     * A gold JSON file as Arrow Java reads it: its schema, one root per batch, and the reader, which holds the
     * dictionaries (closed with this).
     */
    record Json(Schema schema, List<VectorSchemaRoot> batches, JsonFileReader dictionaries) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            batches.forEach(VectorSchemaRoot::close);
            dictionaries.close();
        }
    }

    /** Arrow Java's {@link JsonFileReader} reads plain JSON only: the gold {@code .json.gz} is gunzipped first. */
    static Json readGoldJson(BufferAllocator allocator, GoldCases.Case c, Path tmp) throws IOException {
        Path json = gunzip(c.json(), tmp.resolve(c.folder() + "-" + c.name() + ".json"));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        JsonFileReader reader = new JsonFileReader(json.toFile(), allocator);
        try {
            Schema schema = reader.start();
            for (VectorSchemaRoot root; (root = reader.read()) != null; ) batches.add(root);
            return new Json(schema, batches, reader);
        } catch (IOException | RuntimeException e) {
            batches.forEach(VectorSchemaRoot::close);
            reader.close();
            throw e;
        }
    }

    /** Arrow Java alone: reads the case's JSON and the IPC file or stream {@code ipc}, and compares them. */
    static void checkAgainstJson(GoldCases.Case c, Path ipc, boolean file, Path tmp) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
             Json expected = readGoldJson(allocator, c, tmp)) {
            if (file) {
                try (FileChannel ch = FileChannel.open(ipc, StandardOpenOption.READ);
                     ArrowFileReader reader = new ArrowFileReader(ch, allocator, CODECS)) {
                    assertSameAs(expected, reader);
                }
            } else {
                try (InputStream in = Files.newInputStream(ipc);
                     ArrowStreamReader reader = new ArrowStreamReader(in, allocator, CODECS)) {
                    assertSameAs(expected, reader);
                }
            }
        }
    }

    /** The dictionary encodings of the fields and of all their descendants. */
    static List<DictionaryEncoding> encodings(List<Field> fields) {
        List<DictionaryEncoding> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.getDictionary() != null) out.add(f.getDictionary());
            out.addAll(encodings(f.getChildren()));
        }
        return out;
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
     * Arrow Java's validation of a loaded batch, as thorough as Arrow Java 19 can be on Arrow C++'s own gold data:
     * <ul>
     *   <li>full (offsets monotonic and in bounds, buffer sizes, UTF-8) for most columns;</li>
     *   <li>structural only for decimals and fixed-size lists: the full check of decimals
     *       ({@code validateScalars}) rejects the gold data itself ("Invalid value for DecimalVector at position 2.
     *       Value does not fit in precision 3 and scale 2." on {@code generated_decimal}, value 1.90), and that of
     *       fixed-size lists throws UnsupportedOperationException from {@code FixedSizeListVector.getOffsetBuffer};</li>
     *   <li>none for columns holding maps, list views or run-end encoded arrays: the type check of maps fails on
     *       every map ("Incorrect arrow type for class MapVector : Map(false)"), list views and run-end encoded
     *       vectors have no validator ("VectorVisitor for ListViewVector is not supported", the same message
     *       naming LargeListViewVector from {@code RunEndEncodedVector.accept}).</li>
     * </ul>
     * {@code ArrowJavaLimitsTest.casesNotExcludedPassArrowJavasOwnCheck} runs this on every gold file.
     */
    static void validate(VectorSchemaRoot root) {
        for (FieldVector v : root.getFieldVectors()) {
            if (contains(v, MapVector.class) || contains(v, ListViewVector.class)
                    || contains(v, LargeListViewVector.class) || contains(v, RunEndEncodedVector.class)) {
                continue;
            }
            if (v instanceof DecimalVector || v instanceof Decimal256Vector || contains(v, FixedSizeListVector.class)) {
                ValueVectorUtility.validate(v);
            } else {
                ValueVectorUtility.validateFull(v);
            }
        }
    }

    private static boolean contains(FieldVector v, Class<?> type) {
        if (type.isInstance(v)) return true;
        for (FieldVector c : v.getChildrenFromFields()) {
            if (contains(c, type)) return true;
        }
        return false;
    }

    /**
     * Reads every batch of {@code reader} and asserts it equals the JSON: schema (fields, types, nullability,
     * custom metadata, dictionary encodings), batch count, each batch value by value (dictionary-encoded columns by
     * their indices) and, after each batch, every dictionary, after Arrow Java's full validation of the
     * batch it loaded (offsets, sizes, buffer lengths).
     */
    static void assertSameAs(Json expected, ArrowReader reader) throws IOException {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        List<DictionaryEncoding> encodings = encodings(expected.schema().getFields());
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
            try {
                Validator.compareDictionaries(encodings, encodings(root.getSchema().getFields()),
                        expected.dictionaries(), reader);
            } catch (IllegalArgumentException e) {
                fail("batch " + b + ", dictionaries: " + e.getMessage(), e);
            }
            b++;
        }
        assertEquals(expected.batches().size(), b, "number of record batches");
    }
}
