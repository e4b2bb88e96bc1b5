package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.Int32Array;
import dev.quiver.array.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Ipc.openStream(Path)}: a regular file is mapped, its batches are views valid while the reader is open. */
class StreamFromPathTest {
    @TempDir
    Path tmp;

    private static final List<RecordBatch> BATCHES = List.of(
            RecordBatch.builder().add("x", Arrow.int32(1, 2, 3)).add("y", Arrow.utf8("a", null, "c")).build(),
            RecordBatch.builder().add("x", Arrow.int32(4, null)).add("y", Arrow.utf8("d", "e")).build());

    private Path write(String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(out, BATCHES.getFirst().schema())) {
            w.writeAll(BATCHES);
        }
        Path p = tmp.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    @Test
    void batchesEqualWhatWasWrittenAndDieWithTheReaderUnlessDetached() throws IOException {
        Path p = write("s.arrows");
        RecordBatch kept;
        RecordBatch borrowed;
        try (RecordBatchStreamReader r = Ipc.openStream(p)) {
            List<RecordBatch> read = r.readAll().batches();
            assertEquals(2, read.size());
            for (int i = 0; i < 2; i++) assertNull(ArrayEquality.compare(BATCHES.get(i), read.get(i)));
            borrowed = read.get(0);
            kept = read.get(1).detach();
        }
        assertThrows(IllegalStateException.class, () -> ((Int32Array) borrowed.column(0)).get(0));
        assertEquals(4, ((Int32Array) kept.column(0)).get(0));
        kept.close();
    }

    @Test
    void aTruncatedFileSaysWhere() throws IOException {
        Path p = write("t.arrows");
        byte[] all = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(all, all.length - 20));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> {
            try (RecordBatchStreamReader r = Ipc.openStream(p)) {
                r.readAll().batches();
            }
        });
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void anEmptyFileIsInvalid() throws IOException {
        Path p = tmp.resolve("empty.arrows");
        Files.write(p, new byte[0]);
        assertThrows(InvalidDataException.class, () -> Ipc.openStream(p).close());
    }
}
