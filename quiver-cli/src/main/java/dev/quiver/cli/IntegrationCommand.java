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
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
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

    @Option(names = "--arrow", required = true, paramLabel = "FILE", description = "The Arrow IPC file (or stream).")
    Path arrow;

    @Option(names = "--json", required = true, paramLabel = "JSON", description = "The integration JSON file.")
    Path json;

    @Option(names = "--format", paramLabel = "file|stream", defaultValue = "file",
            description = "JSON_TO_ARROW: write an IPC file or stream (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--compression", paramLabel = "none|lz4|zstd", defaultValue = "none",
            description = "JSON_TO_ARROW: body compression (default ${DEFAULT-VALUE}).")
    ConvertCommand.Compression compression;

    @Option(names = "--endianness", paramLabel = "little|big", defaultValue = "little",
            description = "JSON_TO_ARROW: byte order of the data written (default ${DEFAULT-VALUE}).")
    Endianness endianness;

    @Option(names = "--integration", hidden = true, description = "Accepted for archery compatibility; no effect.")
    boolean integration;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return switch (mode) {
            case VALIDATE -> validate();
            case JSON_TO_ARROW -> jsonToArrow();
            case ARROW_TO_JSON -> arrowToJson();
        };
    }

    private Integer validate() throws IOException {
        JsonFile expected = IntegrationJson.read(json);
        int batches = 0;
        long rows = 0;
        String diff;
        try (BatchSource src = BatchSource.open(arrow, IpcReadOptions.DEFAULT)) {
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
            spec.commandLine().getErr().println("quiver: " + Cells.escape(arrow + " does not match " + json + ": " + diff));
            return Main.INVALID;
        }
        spec.commandLine().getOut().printf("equal: %s matches %s (%d batches, %d rows)%n", arrow, json, batches, rows);
        return 0;
    }

    private Integer jsonToArrow() throws IOException {
        JsonFile in = IntegrationJson.read(json);
        IpcWriteOptions options = IpcWriteOptions.DEFAULT.withCompression(switch (compression) {
            case NONE -> null;
            case LZ4 -> CompressionType.LZ4_FRAME;
            case ZSTD -> CompressionType.ZSTD;
        }).withEndianness(endianness);
        Path tmp = Outputs.tempBeside(arrow, ".tmp");
        boolean moved = false;
        try {
            try (RecordBatchStreamWriter w = format == Format.FILE ? Ipc.newFile(tmp, in.schema(), options)
                    : Ipc.newStream(tmp, in.schema(), options)) {
                w.start();
                for (JsonBatch b : in.batches()) {
                    List<Array> columns = new ArrayList<>(b.columns().size());
                    for (var c : b.columns()) columns.add(Array.of(c));
                    w.write(new RecordBatch(in.schema(), b.length(), columns, null, null, null));
                }
            }
            Outputs.move(tmp, arrow);
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(tmp);
        }
        spec.commandLine().getOut().printf("wrote %s: Arrow IPC %s, %d batches%n", arrow,
                format == Format.FILE ? "file" : "stream", in.batches().size());
        return 0;
    }

    private Integer arrowToJson() throws IOException {
        List<RecordBatch> batches = new ArrayList<>();
        try (BatchSource src = BatchSource.open(arrow, IpcReadOptions.DEFAULT)) {
            try {
                JsonDictionaries dictionaries = new JsonDictionaries(arrow.toString());
                for (RecordBatch b; (b = src.next()) != null; ) {
                    batches.add(b);
                    dictionaries.add(b, batches.size() - 1);
                }
                List<JsonBatch> out = new ArrayList<>(batches.size());
                for (RecordBatch b : batches) {
                    out.add(new JsonBatch(b.numRows(), b.columns().stream().map(Array::data).toList()));
                }
                // the name decides gzip: the temporary file ends in .gz when the target does
                Path tmp = Outputs.tempBeside(json, json.toString().endsWith(".gz") ? ".tmp.gz" : ".tmp");
                boolean moved = false;
                try {
                    IntegrationJson.write(new JsonFile(src.schema(), dictionaries.result(), out), tmp);
                    Outputs.move(tmp, json);
                    moved = true;
                } finally {
                    if (!moved) Files.deleteIfExists(tmp);
                }
            } finally {
                batches.forEach(RecordBatch::close);
            }
        }
        spec.commandLine().getOut().printf("wrote %s: %d batches%n", json, batches.size());
        return 0;
    }
}
