package dev.quiver.cli;

import dev.quiver.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell scripts around the command, run by bash on fake JDKs: {@code bin/find-jdk} reads versions from the JDKs'
 * release files, caches what it found and revalidates the cache without starting a JVM; {@code ./quiver} finds its
 * checkout through (chains of relative) symlinks.
 */
class LauncherScriptsTest {
    @TempDir
    Path dir;

    /** The checkout: the working directory of the module's tests is quiver-cli. */
    static Path checkout() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("quiver")) ? here : here.getParent();
    }

    private static void executable(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A fake JDK: {@code bin/java} logs each call to {@code log} and says {@code version}; a release file or not. */
    private Path fakeJdk(String name, String version, boolean release, Path log) throws IOException {
        Path home = dir.resolve("jdks").resolve(name);
        executable(home.resolve("bin/java"), "#!/bin/sh\necho called >> '" + log + "'\n"
                + "echo 'openjdk version \"" + version + "\" 2026-01-01' >&2\n");
        executable(home.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
        if (release) Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    /** Runs {@code bin/find-jdk 22} with only the fake JDKs to find (a javac on PATH that is no JDK's). */
    private ChildProcess.Result findJdk() throws IOException {
        executable(dir.resolve("path/javac"), "#!/bin/sh\nexit 1\n");
        ProcessBuilder pb = new ProcessBuilder("bash", checkout().resolve("bin/find-jdk").toString(), "22");
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", dir.resolve("path") + ":" + System.getenv("PATH"));
        pb.environment().put("QUIVER_JDK_DIRS", dir.resolve("jdks") + "/*");
        pb.environment().put("QUIVER_CACHE_DIR", dir.resolve("cache").toString());
        return ChildProcess.run(pb, new byte[0]);
    }

    private static int calls(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    @Test
    void findJdkCachesWhatItFoundAndRescansOnlyWhenThatJdkChanged() throws IOException {
        Path log = dir.resolve("java.log");
        Path old = fakeJdk("jdk-17", "17.0.2", true, log);
        Path a = fakeJdk("jdk-30", "30.0.1", true, log);
        ChildProcess.Result first = findJdk();
        assertEquals(0, first.exit(), first.toString());
        assertEquals(a.toString(), first.outText().strip());
        assertEquals(0, calls(log), "versions come from the release files: no java started");
        List<String> cache = Files.readAllLines(dir.resolve("cache/find-jdk-22"));
        assertEquals(a.toString(), cache.getFirst());

        // a newer JDK appears: the cached one is still valid, so no scan finds it
        Path b = fakeJdk("jdk-31", "31.0.1", true, log);
        assertEquals(a.toString(), findJdk().outText().strip());
        // the cached JDK changes (its release file says 21 now): scanned again
        Files.writeString(a.resolve("release"), "JAVA_VERSION=\"21.0.1\"\n");
        assertEquals(b.toString(), findJdk().outText().strip());
        assertEquals(b.toString(), Files.readAllLines(dir.resolve("cache/find-jdk-22")).getFirst());
        // it goes away: scanned again, and nothing old enough is taken
        for (Path p : List.of(b.resolve("bin/java"), b.resolve("bin/javac"), b.resolve("release"))) Files.delete(p);
        ChildProcess.Result none = findJdk();
        assertEquals(1, none.exit(), none.toString());
        assertTrue(none.err().startsWith("No JDK >= 22 found"), none.toString());
        assertTrue(Files.exists(old));
        assertEquals(0, calls(log));
    }

    @Test
    void aJdkWithoutAReleaseFileIsAskedOnceThenCached() throws IOException {
        Path log = dir.resolve("java.log");
        Path c = fakeJdk("jdk-x", "26", false, log);
        assertEquals(c.toString(), findJdk().outText().strip());
        assertEquals(1, calls(log));
        for (int i = 0; i < 2; i++) assertEquals(c.toString(), findJdk().outText().strip());
        assertEquals(1, calls(log), "the cache is revalidated without java -version");
    }

    @Test
    void quiverFindsItsCheckoutThroughSymlinks() throws IOException {
        // a checkout with the real script, a fake find-jdk and java, and a built jar that needs no build
        Path co = dir.resolve("checkout");
        Files.createDirectories(co);
        Files.copy(checkout().resolve("quiver"), co.resolve("quiver"));
        Files.setPosixFilePermissions(co.resolve("quiver"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jdk = dir.resolve("fakejdk");
        executable(jdk.resolve("bin/java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        executable(co.resolve("bin/find-jdk"), "#!/bin/sh\necho '" + jdk + "'\n");
        Files.createDirectories(co.resolve("quiver-cli/target"));
        Files.writeString(co.resolve("quiver-cli/target/quiver-cli.jar"), "");
        Files.writeString(co.resolve("quiver-cli/target/.built"), "");
        // ~/bin/q -> ../links/quiver2 -> ../checkout/quiver (relative links, a chain of two)
        Files.createDirectories(dir.resolve("home/bin"));
        Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(dir.resolve("links/quiver2"), Path.of("../checkout/quiver"));
        Files.createSymbolicLink(dir.resolve("home/bin/q"), Path.of("../../links/quiver2"));
        ProcessBuilder pb = new ProcessBuilder(dir.resolve("home/bin/q").toString(), "print", "x.arrow");
        pb.directory(dir.toFile());
        pb.environment().put("QUIVER_CACHE_DIR", dir.resolve("cache").toString());
        ChildProcess.Result r = ChildProcess.run(pb, new byte[0]);
        assertEquals(0, r.exit(), r.toString());
        List<String> args = r.outText().lines().toList();
        String jar = co.toRealPath() + "/quiver-cli/target/quiver-cli.jar";
        assertTrue(args.stream().anyMatch(a -> a.startsWith(jar)), r.outText());
        assertEquals(List.of("dev.quiver.cli.Main", "print", "x.arrow"), args.subList(args.size() - 3, args.size()));
        assertFalse(r.err().contains("building"), r.toString());
    }
}
