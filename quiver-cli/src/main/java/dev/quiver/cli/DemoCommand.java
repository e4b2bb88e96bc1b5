package dev.quiver.cli;

import dev.quiver.array.Arrow;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.cli.layout.LayoutScanner;
import dev.quiver.cli.layout.LayoutText;
import dev.quiver.cli.text.Words;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.memory.LE;
import dev.quiver.type.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code quiver demo}: the seed tutorial on real bytes. Writes three small batches as a stream and as a
 * file and shows where every part of the format sits, then compresses a million city names three ways.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Walk through the Arrow IPC stream and file formats on real bytes.")
final class DemoCommand implements Callable<Integer> {
    static final String[] CITIES = {"Paris", "Montpellier", "Toulouse", "Angers", "Rennes", "Nantes", "Nice"};

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write seed.arrows, seed.arrow, cities-none.arrow, cities-lz4.arrow, cities-zstd.arrow to DIR.")
    Path out;

    @Option(names = "--rows", description = "Rows of the compression example (default ${DEFAULT-VALUE}).",
            defaultValue = "1000000")
    int rows;

    @picocli.CommandLine.Mixin
    Terminal terminal;

    @picocli.CommandLine.Mixin
    Terminal.Colors colors;

    @picocli.CommandLine.ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private LayoutText.Options options(boolean buffers) {
        return new LayoutText.Options(buffers, terminal.width(main), colors.ansi(main));
    }

    private PrintWriter p;

    @Override
    public Integer call() throws IOException {
        p = spec.commandLine().getOut();
        if (out != null) Files.createDirectories(out);
        List<RecordBatch> batches = seedBatches();
        Schema schema = batches.get(0).schema();
        streamPart(schema, batches);
        filePart(schema, batches);
        compressionPart();
        return 0;
    }

    static List<RecordBatch> seedBatches() {
        return List.of(
                RecordBatch.builder().add("x", Arrow.int32(1, 2, 3)).add("y", Arrow.utf8("a", "b", "c")).build(),
                RecordBatch.builder().add("x", Arrow.int32(4, 5)).add("y", Arrow.utf8("d", "e")).build(),
                RecordBatch.builder().add("x", Arrow.int32(6)).add("y", Arrow.utf8("f")).build());
    }

    private void streamPart(Schema schema, List<RecordBatch> batches) throws IOException {
        heading("1. The streaming format");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(buf, schema, IpcWriteOptions.DEFAULT)) {
            for (RecordBatch b : batches) w.write(b);
        }
        byte[] bytes = buf.toByteArray();
        MemorySegment seg = MemorySegment.ofArray(bytes);
        p.printf("Wrote schema {%s} and %s as a stream: %s%n", oneLine(schema), Words.batches(batches.size()),
                Words.bytes(bytes.length));
        p.printf("First 4 bytes: %s  (the continuation marker that starts every message)%n", hex(bytes, 0, 4));
        p.println();
        LayoutText.print(LayoutScanner.scan(seg, "seed.arrows"), options(true), p);
        p.println();
        p.println("Each message = ffffffff, int32 metadata length, Flatbuffers metadata padded to 8, then the body;");
        p.println("the body holds each column's buffers (validity bitmap, offsets, data), each padded to 8.");
        if (out != null) write("seed.arrows", bytes);
        p.println();
        p.println("Read back:");
        try (RecordBatchStreamReader r = Ipc.openStream(bytes)) {
            p.println("  schema: " + oneLine(r.schema()));
            int i = 0;
            for (RecordBatch b : r) p.printf("  batch %d: %s%n", i++, rowString(b));
        }
    }

    private void filePart(Schema schema, List<RecordBatch> batches) throws IOException {
        heading("2. The file format");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (RecordBatchFileWriter w = Ipc.newFile(buf, schema, IpcWriteOptions.DEFAULT)) {
            for (RecordBatch b : batches) w.write(b);
        }
        byte[] bytes = buf.toByteArray();
        MemorySegment seg = MemorySegment.ofArray(bytes);
        int n = bytes.length;
        int footerLength = seg.get(LE.INT, n - 10);
        long footerOffset = n - 10 - footerLength;
        p.printf("File size: %s%n", Words.bytes(n));
        p.printf("Magic at start: %s = \"%s\" + 2 padding bytes%n", hex(bytes, 0, 8), ascii(bytes, 0, 6));
        p.printf("Magic at end:   %s = \"%s\"%n", hex(bytes, n - 6, 6), ascii(bytes, n - 6, 6));
        p.printf("Footer: offset %s, length %s (the int32 before the final magic, at byte %s)%n",
                Words.number(footerOffset), Words.number(footerLength), Words.number(n - 10));
        p.println();
        LayoutText.print(LayoutScanner.scan(seg, "seed.arrow"), options(false), p);
        p.println();
        try (RecordBatchFileReader r = Ipc.openFile(seg)) {
            p.printf("The footer lists %s: each gives its message's offset, metaDataLength (the 8-byte%n"
                    + "prefix and the metadata, so 8 more than the message's metadata length) and body length:%n",
                    Words.count(r.numRecordBatches(), "record batch block"));
            for (int i = 0; i < r.numRecordBatches(); i++) {
                var b = r.footer().recordBatches().get(i);
                p.printf("  block %d: offset %s, metaDataLength %s = 8 + metadata %s, body %s%n", i,
                        Words.number(b.offset()), Words.number(b.metaDataLength()),
                        Words.number(b.metaDataLength() - 8), Words.number(b.bodyLength()));
            }
            p.printf("Batch 2 read directly through the footer: %s%n", rowString(r.recordBatch(2)));
        }
        if (out != null) write("seed.arrow", bytes);
    }

    private void compressionPart() throws IOException {
        heading("3. Body compression");
        String[] values = new String[rows];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < rows; i++) values[i] = CITIES[rnd.nextInt(CITIES.length)];
        RecordBatch batch = RecordBatch.builder().add("v", Arrow.utf8(values)).build();
        p.printf("One batch of %s, v: utf8, drawn from %s%n%n", Words.rows(rows), String.join(", ", CITIES));
        p.printf("  %-6s  %14s  %8s  %s%n", "codec", "file bytes", "ratio", "read back");
        long base = -1;
        for (CompressionType c : new CompressionType[] {null, CompressionType.LZ4_FRAME, CompressionType.ZSTD}) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (RecordBatchFileWriter w = Ipc.newFile(buf, batch.schema(), IpcWriteOptions.DEFAULT.withCompression(c))) {
                w.write(batch);
            }
            byte[] bytes = buf.toByteArray();
            if (base < 0) base = bytes.length;
            String verdict;
            try (RecordBatchFileReader r = Ipc.openFile(bytes)) {
                String diff = ArrayEquality.compare(batch, r.recordBatch(0));
                verdict = diff == null ? "equal" : "DIFFERENT: " + diff;
            }
            String name = c == null ? "none" : c == CompressionType.LZ4_FRAME ? "lz4" : "zstd";
            p.printf("  %-6s  %14s  %7sx  %s%n", name, Words.number(bytes.length),
                    String.format(java.util.Locale.ROOT, "%.2f", (double) base / bytes.length), verdict);
            if (out != null) write("cities-" + name + ".arrow", bytes);
        }
        p.println();
        p.println("Ratios are uncompressed size / compressed size. Each buffer is compressed on its own and");
        p.println("prefixed with its int64 uncompressed length (-1 when stored raw because it did not shrink).");
    }

    private void write(String name, byte[] bytes) throws IOException {
        Path f = out.resolve(name);
        dev.quiver.io.SafeOutput.write(f, bytes);
        p.printf("(wrote %s)%n", f);
    }

    private void heading(String s) {
        p.println();
        p.println(s);
        p.println("-".repeat(s.length()));
    }

    static String oneLine(Schema s) {
        return s.toString().replace("\n", ", ");
    }

    static String rowString(RecordBatch b) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < b.numColumns(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(b.schema().field(i).name()).append(':').append(b.column(i).toList());
        }
        return sb.append('}').toString();
    }

    private static String hex(byte[] b, int from, int len) {
        return HexFormat.of().formatHex(b, from, from + len);
    }

    private static String ascii(byte[] b, int from, int len) {
        return new String(b, from, len, StandardCharsets.US_ASCII);
    }
}
