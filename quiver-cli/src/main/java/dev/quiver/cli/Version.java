package dev.quiver.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version {@code quiver --version} prints: the Maven project version, written into the resource
 * {@code version.properties} beside this class when the build copies resources (so the jar, the POM and the
 * command always agree).
 */
final class Version implements CommandLine.IVersionProvider {
    /** The project version, for example {@code 0.1.0-SNAPSHOT}. */
    static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) throw new IllegalStateException("version.properties is missing beside " + Version.class);
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.isEmpty() || v.startsWith("${")) {
                throw new IllegalStateException("version.properties was not filtered by the build: " + v);
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"quiver " + get()};
    }
}
