package dev.quiver.bench;

import java.io.IOException;

/** Generates the W2 file and stream (when missing) into {@link Bench#dir()} and prints their paths. */
public final class GenerateData {
    private GenerateData() {}

    public static void main(String[] args) throws IOException {
        System.out.println(W2Numeric.file());
        System.out.println(W2Numeric.streamFile());
    }
}
