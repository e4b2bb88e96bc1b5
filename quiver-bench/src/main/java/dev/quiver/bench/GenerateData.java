package dev.quiver.bench;

import java.io.IOException;

/**
 * Generates the W2 file, stream and ZSTD file (when missing) into {@link Bench#dir()} and prints their paths, one
 * per line in that order.
 */
public final class GenerateData {
    private GenerateData() {}

    public static void main(String[] args) throws IOException {
        System.out.println(W2Numeric.file());
        System.out.println(W2Numeric.streamFile());
        System.out.println(W2Numeric.zstdFile());
    }
}
