package dev.quiver.bench;

/** What the benchmarks compute, straight from the generators (no reader involved): the tests' checksums. */
final class Expected {
    private Expected() {}

    /** W1: the sum of the value lengths. */
    static long w1Lengths() {
        long sum = 0;
        for (String v : W1Cities.values(W1Cities.rows())) sum += v.length();
        return sum;
    }

    /**
     * W2 and W3: the sum of {@code b} (added batch by batch, as the readers do), the sum of {@code a} of each
     * batch, and the first value of {@code a}.
     */
    record W2(double sumB, long[] sumA, int firstA) {}

    static W2 w2() {
        int rows = W2Numeric.rows();
        W2Numeric.Rows gen = new W2Numeric.Rows();
        double sumB = 0;
        long[] sumA = new long[W2Numeric.batches(rows)];
        int firstA = 0;
        for (int batch = 0; batch < sumA.length; batch++) {
            double partial = 0;
            for (int i = 0; i < Math.min(W2Numeric.BATCH, rows - batch * W2Numeric.BATCH); i++) {
                gen.next();
                if (batch == 0 && i == 0) firstA = gen.a;
                partial += gen.b;
                sumA[batch] += gen.a;
            }
            sumB += partial;
        }
        return new W2(sumB, sumA, firstA);
    }

    /** W4: list lengths, item lengths, {@code s.a}, {@code s.b} lengths and dictionary value lengths. */
    static long w4Touch() {
        long sum = 0;
        W4Nested.Rows gen = new W4Nested.Rows();
        for (int i = 0; i < W4Nested.rows(); i++) {
            gen.next();
            sum += gen.tagCount;
            for (int k = 0; k < gen.tagCount; k++) sum += W4Nested.WORDS[gen.tags[k]].length();
            sum += gen.a + W4Nested.WORDS[gen.b].length();
            sum += W4Nested.dictionaryValue(gen.d).length();
        }
        return sum;
    }
}
