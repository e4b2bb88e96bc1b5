package dev.quiver.cli;

import dev.quiver.array.Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.json.IntegrationEquality;
import dev.quiver.json.IntegrationJson;
import dev.quiver.json.JsonBatch;
import dev.quiver.json.JsonFile;
import dev.quiver.type.Endianness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code quiver integration --mode M --arrow FILE --json JSON}: the driver Arrow's integration tests ({@code archery
 * integration}) run for each implementation, with the same three modes as Arrow C++'s
 * {@code arrow-json-integration-test}. Exit 0 when done (VALIDATE: when equal), 1 when the data is invalid or not
 * equal (the first difference is printed), 2 on a usage error.
 */
@Command(name = "integration", mixinStandardHelpOptions = true,
        description = {"Arrow integration-test driver (as archery runs each implementation).",
                "VALIDATE: exit 0 iff the IPC file or stream ARROW holds what JSON says (schema and every value); "
                        + "otherwise print the first difference (batch, field path, index, expected, actual) and exit 1.",
                "JSON_TO_ARROW: write the IPC file (or stream, --format) ARROW from JSON.",
                "ARROW_TO_JSON: write JSON (gzip-compressed when it ends in .gz) from the IPC file or stream ARROW.",
                "JSON is read gzip-compressed or not (told by its first bytes)."})
final class IntegrationCommand implements Callable<Integer> {
    enum Mode { VALIDATE, JSON_TO_ARROW, ARROW_TO_JSON }

    enum Format { FILE, STREAM }

    @Option(names = "--mode", required = true, paramLabel = "VALIDATE|JSON_TO_ARROW|ARROW_TO_JSON",
            description = "What to do.")
    Mode mode;

    @Option(names = "--arrow", required = true, paramLabel = "FILE",
            description = "The Arrow IPC file (or stream); - for standard input or output.")
    Path arrow;

    @Option(names = "--json", required = true, paramLabel = "JSON",
            description = "The integration JSON file; - for standard input or output.")
    Path json;

    @Option(names = "--format", paramLabel = "file|stream", defaultValue = "file",
            description = "JSON_TO_ARROW: write an IPC file or stream (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--compression", paramLabel = "none|lz4|zstd", defaultValue = "none",
            description = "JSON_TO_ARROW: body compression (default ${DEFAULT-VALUE}).")
    Compression compression;

    enum Compression { NONE, LZ4, ZSTD }

    @Option(names = "--endianness", paramLabel = "little|big", defaultValue = "little",
            description = "JSON_TO_ARROW: byte order of the data written (default ${DEFAULT-VALUE}).")
    Endianness endianness;

    @Option(names = "--integration", hidden = true, description = "Accepted for archery compatibility; no effect.")
    boolean integration;

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws IOException {
        if (mode == Mode.VALIDATE && arrow.toString().equals("-") && json.toString().equals("-")) {
            throw new ParameterException(spec.commandLine(), "--arrow and --json cannot both be standard input");
        }
        return switch (mode) {
            case VALIDATE -> validate();
            case JSON_TO_ARROW -> jsonToArrow();
            case ARROW_TO_JSON -> arrowToJson();
        };
    }

    private Input input(Path p) {
        return Input.of(p, main, spec.commandLine());
    }

    private Integer validate() throws IOException {
        Input arrowIn = input(arrow);
        Input jsonIn = input(json);
        JsonFile expected = jsonIn.json();
        int batches = 0;
        long rows = 0;
        String diff;
        try (BatchSource src = arrowIn.batches(IpcReadOptions.DEFAULT)) {
            diff = IntegrationEquality.compareSchemas(expected.schema(), src.schema());
            while (diff == null) {
                RecordBatch next = src.next();
                if (next == null) break;
                try (RecordBatch b = next) {
                    if (batches < expected.batches().size()) {
                        diff = IntegrationEquality.compareBatch(batches, expected.schema(),
                                expected.batches().get(batches), b);
                    }
                    rows += b.numRows();
                }
                batches++;
            }
            if (diff == null) diff = IntegrationEquality.compareBatchCount(expected.batches().size(), batches);
        }
        if (diff != null) {
            spec.commandLine().getErr().println("quiver: " + dev.quiver.cli.values.ValueText.escape(arrowIn.name() + " does not match " + jsonIn.name() + ": " + diff));
            return Main.INVALID;
        }
        spec.commandLine().getOut().printf("equal: %s matches %s (%s, %s)%n", arrowIn.name(),
                jsonIn.name(), dev.quiver.cli.text.Words.batches(batches), dev.quiver.cli.text.Words.rows(rows));
        return 0;
    }

    private Integer jsonToArrow() throws IOException {
        JsonFile in = input(json).json();
        IpcWriteOptions options = IpcWriteOptions.DEFAULT.withCompression(switch (compression) {
            case NONE -> null;
            case LZ4 -> CompressionType.LZ4_FRAME;
            case ZSTD -> CompressionType.ZSTD;
        }).withEndianness(endianness);
        boolean report;
        try (Output output = Output.open(arrow, main)) {
            RecordBatchStreamWriter writer = format == Format.FILE ? Ipc.newFile(output.channel(), in.schema(), options)
                    : Ipc.newStream(output.channel(), in.schema(), options);
            output.write(writer, w -> {
                w.start();
                for (JsonBatch b : in.batches()) {
                    List<Array> columns = new ArrayList<>(b.columns().size());
                    for (var c : b.columns()) columns.add(Array.of(c));
                    w.write(new RecordBatch(in.schema(), b.length(), columns, null, null, null));
                }
            });
            report = output.isRegularFile();
        }
        if (report) {
            spec.commandLine().getOut().printf("wrote %s: Arrow IPC %s, %s%n", arrow,
                    format == Format.FILE ? "file" : "stream", dev.quiver.cli.text.Words.batches(in.batches().size()));
        }
        return 0;
    }

    private Integer arrowToJson() throws IOException {
        List<RecordBatch> batches = new ArrayList<>();
        Input arrowIn = input(arrow);
        boolean report;
        try (BatchSource src = arrowIn.batches(IpcReadOptions.DEFAULT)) {
            try {
                JsonDictionaries dictionaries = new JsonDictionaries(arrowIn.name());
                for (RecordBatch b; (b = src.next()) != null; ) {
                    batches.add(b);
                    dictionaries.add(b, batches.size() - 1);
                }
                List<JsonBatch> out = new ArrayList<>(batches.size());
                for (RecordBatch b : batches) {
                    out.add(new JsonBatch(b.numRows(), b.columns().stream().map(Array::data).toList()));
                }
                try (Output output = Output.open(json, main)) {
                    // gzip-compressed when the name ends in .gz
                    IntegrationJson.write(new JsonFile(src.schema(), dictionaries.result(), out), output.stream(),
                            json.toString().endsWith(".gz"));
                    output.commit();
                    report = output.isRegularFile();
                }
            } finally {
                batches.forEach(RecordBatch::close);
            }
        }
        if (report) spec.commandLine().getOut().printf("wrote %s: %s%n", json, dev.quiver.cli.text.Words.batches(batches.size()));
        return 0;
    }
}
