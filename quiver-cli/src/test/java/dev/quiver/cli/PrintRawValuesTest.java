package dev.quiver.cli;

import dev.quiver.array.Arrow;
import dev.quiver.array.FixedWidthBuilder;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;
import dev.quiver.type.DictionaryEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code quiver print} renders every value a file may hold, those java.time cannot hold as raw number and unit
 * (issue 8, defect 4): timestamps in seconds beyond ±10^9 years, times of day outside one day, also nested in a
 * list and behind a dictionary.
 */
class PrintRawValuesTest {
    @TempDir
    Path dir;

    @Test
    void valuesJavaTimeCannotHoldPrintAsNumberAndUnit() throws IOException {
        ArrowType ts = ArrowTypes.timestamp(ArrowTimeUnit.SECOND, "UTC");
        FixedWidthBuilder times = new FixedWidthBuilder(ArrowTypes.time32(ArrowTimeUnit.SECOND));
        times.appendInt(86_400).appendInt(3_661).appendInt(-1);
        Field list = Field.nullable("l", new ArrowType.List(), Field.nullable("item", ArrowTypes.timestamp(
                ArrowTimeUnit.SECOND)));
        Field dict = Field.nullable("d", ts).withDictionary(DictionaryEncoding.of(0));
        RecordBatch batch = RecordBatch.builder()
                .add("ts", Arrow.of(ts, Arrays.asList(Long.MAX_VALUE, 0L, null)))
                .add("t", times.buildArray())
                .add(list, Arrow.of(list, Arrays.asList(List.of(Long.MIN_VALUE, 86_400L), null, List.of())))
                .add(dict, Arrow.of(dict, Arrays.asList(Long.MIN_VALUE, Long.MIN_VALUE, 1L)))
                .build();
        Path p = dir.resolve("raw.arrow");
        try (RecordBatchFileWriter w = Ipc.newFile(p, batch.schema(), IpcWriteOptions.DEFAULT)) {
            w.write(batch);
        }
        Cli r = Cli.run("print", p, "--width", "0"); // every value whole
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err());
        String table = r.out().substring(r.out().indexOf("-- batch 0"));
        assertEquals("""
                -- batch 0: 3 rows --
                ts                    | t        | l                                             | d
                ----------------------+----------+-----------------------------------------------+-----------------------
                9223372036854775807 s | 86400 s  | [-9223372036854775808 s, 1970-01-02T00:00:00] | -9223372036854775808 s
                1970-01-01T00:00:00Z  | 01:01:01 | null                                          | -9223372036854775808 s
                null                  | -1 s     | []                                            | 1970-01-01T00:00:01Z

                1 batch, 3 rows
                """, table);
    }
}
