package dev.quiver.cli;

/** Runs {@link Main#run(java.io.InputStream, java.io.OutputStream, java.io.OutputStream, String...)} and keeps what it printed. */
record Cli(int exit, String out, String err) {

    /** A run on byte streams: standard input given, standard output kept as bytes. */
    record Binary(int exit, byte[] out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + ", " + out.length + " bytes on stdout\n--- stderr ---\n" + err;
        }
    }

    /** Runs {@link Main#run(java.io.InputStream, java.io.OutputStream, java.io.OutputStream, String...)}. */
    static Binary runBinary(byte[] stdin, Object... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = Main.run(new java.io.ByteArrayInputStream(stdin), out, err, strings(args));
        return new Binary(exit, out.toByteArray(), err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String[] strings(Object... args) {
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) strings[i] = String.valueOf(args[i]);
        return strings;
    }

    /** A run with empty standard input (never the test JVM's own), its standard output kept as text. */
    static Cli run(Object... args) {
        return runBinaryText(new byte[0], args);
    }

    /** A run with {@code stdin} on standard input, its standard output kept as text. */
    static Cli runBinaryText(byte[] stdin, Object... args) {
        Binary r = runBinary(stdin, args);
        return new Cli(r.exit(), new String(r.out(), java.nio.charset.StandardCharsets.UTF_8), r.err());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
