package dev.quiver.cli;

import dev.quiver.ipc.Inspector;
import dev.quiver.ipc.MessageSummary;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.testing.TestData;
import dev.quiver.type.Endianness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** {@code convert --endianness big} and {@code --legacy-framing}: the bytes change, the content does not. */
class ConvertEndiannessFramingTest {
    @TempDir
    Path dir;

    @Test
    void bigEndianLegacyFramedOutputReadsBackTheSameAndConvertsBack() throws IOException {
        for (String name : new String[] {"primitive", "nested", "dictionary", "union", "binary_view"}) {
            Path in = TestData.gold("cpp-21.0.0", name, ".arrow_file");
            for (String format : new String[] {"stream", "file"}) {
                Path big = dir.resolve(name + "-big." + format);
                Cli c = Cli.run("convert", in, big, "--to", format, "--endianness", "big", "--legacy-framing",
                        "--compression", "zstd");
                assertEquals(0, c.exit(), c.toString());
                byte[] bytes = Files.readAllBytes(big);
                long start = format.equals("file") ? 8 : 0;
                int first = ByteBuffer.wrap(bytes, (int) start, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                assertNotEquals(-1, first, "legacy framing: no continuation marker");
                MessageSummary schema = Inspector.stream(MemorySegment.ofArray(bytes), start,
                        dev.quiver.ipc.IpcLimits.DEFAULT).messages().get(0);
                assertEquals(Endianness.BIG, ((MessageHeader.SchemaHeader) schema.message().header()).schema().endianness());
                ConvertCommandTest.assertSameContent(ConvertCommandTest.read(in), ConvertCommandTest.read(big));

                Path back = dir.resolve(name + "-little." + format);
                Cli b = Cli.run("convert", big, back, "--to", format);
                assertEquals(0, b.exit(), b.toString());
                ConvertCommandTest.assertSameContent(ConvertCommandTest.read(in), ConvertCommandTest.read(back));
                assertEquals(-1, ByteBuffer.wrap(Files.readAllBytes(back), (int) start, 4)
                        .order(ByteOrder.LITTLE_ENDIAN).getInt(), "the default framing again");
            }
        }
    }

    @Test
    void unknownEndiannessIsAUsageError() {
        Cli c = Cli.run("convert", "in.arrow", dir.resolve("out.arrow"), "--endianness", "middle");
        assertEquals(2, c.exit(), c.toString());
        assertEquals(true, c.err().contains("--endianness"), c.err());
    }
}
