package dev.quiver.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Generates the W2 file, stream and ZSTD file (when missing) into {@link Bench#dir()} and prints their paths, one
 * per line in that order.
 */
public final class GenerateData {
    private GenerateData() {}

    public static void main(String[] args) throws IOException {
        // every input Quiver writes (the files PyArrow reads, the convert inputs), generated once here, and
        // the list of them for pyarrow_bench.py
        DataFiles.writeInputs(inputs());

        System.out.println(W2Numeric.file());
        System.out.println(W2Numeric.streamFile());
        System.out.println(W2Numeric.zstdFile());
    }

    /** Every input by the name pyarrow_bench.py knows it by (generated when missing, but the Arrow C++ file). */
    static Map<String, Path> inputs() throws IOException {
        Map<String, Path> m = new LinkedHashMap<>();
        for (Codec c : Codec.values()) m.put("w1." + c.name().toLowerCase(Locale.ROOT), W1Cities.file(c));
        m.put("w1.lz4.arrowcpp", W1Cities.arrowCppLz4File());
        m.put("w2.file", W2Numeric.file());
        m.put("w2.stream", W2Numeric.streamFile());
        m.put("w2.zstd", W2Numeric.zstdFile());
        m.put("w3.indices", W3RandomAccessBenchmark.indicesFile());
        m.put("w4.file", W4Nested.file());
        m.put("mixed.lz4", Mixed.lz4File());
        m.put("mixed.zstd", Mixed.zstdStream());
        return m;
    }
}
