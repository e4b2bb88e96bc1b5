package dev.quiver.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code quiver demo} prints the seed tutorial's figures, which are Arrow C++'s: PyArrow writes the seed example in
 * 904 bytes as a stream (end-of-stream marker at 896, schema metadata 168 bytes) and 1,178 as a file
 * ({@code PyArrowByteIdentityTest.seedExampleAsPyArrowWritesIt} in quiver-interop checks the bytes themselves).
 */
class DemoCommandTest {

    @Test
    void printsTheSeedSizesOfArrowCpp(@TempDir Path dir) throws IOException {
        Cli r = Cli.run("demo", "--rows", "1000", "--out", dir, "--width", "100");
        assertEquals(0, r.exit(), r.toString());
        String out = r.out();
        assertTrue(out.contains("as a stream: 904 bytes"), out);
        // the layout's rows: start, end, length, part
        assertTrue(Pattern.compile("\\n +4 +8 +4 +metadata length 168 ").matcher(out).find(), out);
        assertTrue(Pattern.compile("\\n +896 +904 +8 +end-of-stream marker ffffffff 00000000 ").matcher(out).find(), out);
        assertTrue(Pattern.compile("\\n +1,172 +1,178 +6 +magic ARROW1 ").matcher(out).find(), out);
        assertTrue(out.contains("File size: 1,178 bytes"), out);
        Matcher footer = Pattern.compile("Footer: offset (\\d+), length (\\d+)").matcher(out);
        assertTrue(footer.find(), out);
        assertEquals(1178 - 10, Integer.parseInt(footer.group(1)) + Integer.parseInt(footer.group(2)));
        assertEquals(904, Files.size(dir.resolve("seed.arrows")));
        assertEquals(1178, Files.size(dir.resolve("seed.arrow")));
    }
}
