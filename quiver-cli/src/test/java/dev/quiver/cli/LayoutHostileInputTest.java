package dev.quiver.cli;

import dev.quiver.QuiverException;
import dev.quiver.cli.layout.FlatbufferTree;
import dev.quiver.metadata.MessageCodec;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout tools on hostile bytes: the Arrow fuzz corpus through every inspect output and info, and mutated
 * Flatbuffers through {@link FlatbufferTree}, give a result or a {@code QuiverException} (exit 1 with one line
 * naming the input), never another exception.
 */
class LayoutHostileInputTest {
    @Test
    void theFuzzCorpusGivesLayoutsOrOneLineErrors() throws IOException {
        for (String kind : List.of("stream", "file")) {
            for (Path p : TestData.fuzzInputs(kind)) {
                byte[] bytes = Files.readAllBytes(p);
                for (List<String> args : List.of(List.of("inspect", "-", "--buffers", "--width", "100"),
                        List.of("inspect", "-", "--json", "--buffers", "--metadata"), List.of("inspect", "-"),
                        List.of("info", "-"), List.of("schema", "-"), List.of("inspect", "-", "--html", "-"))) {
                    Cli r = Cli.runBinaryText(bytes, args.toArray());
                    assertTrue(r.exit() == 0 || r.exit() == 1, p + " " + args + ": " + r);
                    if (r.exit() == 1) {
                        assertTrue(r.err().startsWith("quiver: ") && r.err().indexOf('\n') == r.err().length() - 1,
                                p + " " + args + ": " + r);
                        assertTrue(!r.err().contains("a bug in Quiver"), p + " " + args + ": " + r);
                    }
                    if (args.contains("--json")) {
                        assertEquals(List.of(), JsonSchemaCheck.problems(r.out(), "inspect.schema.json"), p.toString());
                    }
                }
            }
        }
    }

    @Test
    void mutatedMetadataDecodesOrFailsAsQuiverException() throws IOException {
        byte[] stream = LayoutGoldenTest.seedStream();
        List<dev.quiver.ipc.MessageSummary> messages = Samples.messages(stream, 0, stream.length);
        SplittableRandom rnd = new SplittableRandom(12);
        int decoded = 0;
        for (int round = 0; round < 3000; round++) {
            dev.quiver.ipc.MessageSummary m = messages.get(round % messages.size());
            byte[] md = java.util.Arrays.copyOfRange(stream, (int) m.offset() + 8, (int) m.offset() + 8 + m.metadataLength());
            for (int k = 0, n = 1 + rnd.nextInt(4); k < n; k++) md[rnd.nextInt(md.length)] = (byte) rnd.nextInt(256);
            MemorySegment seg = MemorySegment.ofArray(md);
            try {
                MessageCodec.decode(seg, "mutant", 0);
            } catch (QuiverException e) {
                continue; // the codec refuses it: so would the layout
            }
            decoded++;
            try {
                FlatbufferTree.Tree t = FlatbufferTree.message(seg, "mutant", 0);
                assertTrue(t.extent() <= md.length, "the extent lies inside the metadata");
            } catch (QuiverException e) {
                assertTrue(e.getMessage().contains("mutant"), e.getMessage());
            }
        }
        assertTrue(decoded > 100, "enough mutants decode to exercise the tree: " + decoded);
        // and garbage the codec never saw
        for (int round = 0; round < 2000; round++) {
            byte[] junk = new byte[rnd.nextInt(64)];
            rnd.nextBytes(junk);
            try {
                FlatbufferTree.message(MemorySegment.ofArray(junk), "junk", 0);
                FlatbufferTree.footer(MemorySegment.ofArray(junk), "junk", 0);
            } catch (QuiverException e) {
                assertTrue(e.getMessage().contains("junk"), e.getMessage());
            }
        }
    }
}
