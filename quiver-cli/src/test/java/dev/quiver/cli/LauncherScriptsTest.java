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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /**
     * A checkout with the real {@code ./quiver}, a fake find-jdk naming a fake JDK of {@code version} (a release file;
     * its {@code bin/java} prints its arguments, one a line, and logs each call), and a built jar that needs no build.
     * For the AOT cache the fake java plays the JVM: {@code -XX:AOTMode=record} exits 0 (or {@code $FAKE_RECORD_EXIT}),
     * {@code -XX:AOTMode=create} writes the cache file (half of it and exit 134 when {@code FAKE_CREATE_CRASH} is set).
     */
    private Path fakeCheckout(String version) throws IOException {
        Path co = dir.resolve("checkout");
        Files.createDirectories(co);
        Files.copy(checkout().resolve("quiver"), co.resolve("quiver"));
        Files.setPosixFilePermissions(co.resolve("quiver"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jdk = dir.resolve("fakejdk");
        executable(jdk.resolve("bin/java"), """
                #!/bin/bash
                echo "$*" >> '%s'
                for a in "$@"; do
                  case $a in
                    -XX:AOTMode=record) exit "${FAKE_RECORD_EXIT:-0}" ;;
                    -XX:AOTMode=create) create=1 ;;
                    -XX:AOTCache=*) cache=${a#-XX:AOTCache=} ;;
                  esac
                done
                if [ -n "${create:-}" ]; then
                  echo half > "$cache"
                  [ -n "${FAKE_CREATE_CRASH:-}" ] && exit 134
                  echo "the rest of an AOT cache" >> "$cache"
                  exit 0
                fi
                for a in "$@"; do echo "$a"; done
                """.formatted(dir.resolve("java.log")));
        executable(jdk.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        executable(co.resolve("bin/find-jdk"), "#!/bin/sh\necho find-jdk >> '" + dir.resolve("find-jdk.log")
                + "'\necho '" + jdk + "'\n");
        Files.createDirectories(co.resolve("quiver-cli/target/lib"));
        Files.writeString(co.resolve("quiver-cli/target/quiver-cli.jar"), "");
        Files.writeString(co.resolve("quiver-cli/target/lib/dep.jar"), "");
        Files.writeString(co.resolve("quiver-cli/target/.built"), "");
        return co;
    }

    private ProcessBuilder quiverIn(Path co, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(co.resolve("quiver").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.directory(dir.toFile());
        pb.environment().put("QUIVER_CACHE_DIR", dir.resolve("cache").toString());
        pb.environment().remove("QUIVER_NO_CDS");
        pb.environment().remove("QUIVER_NO_AOT");
        pb.environment().remove("JAVA_HOME"); // else the launcher takes it (as bin/find-jdk would)
        return pb;
    }

    /** The JVM's arguments of the run (what the fake java printed). */
    private static List<String> jvmArgs(ProcessBuilder pb) {
        ChildProcess.Result r = ChildProcess.run(pb, new byte[0]);
        assertEquals(0, r.exit(), r.toString());
        return r.outText().lines().toList();
    }

    private static String option(List<String> args, String prefix) {
        return args.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst()
                .orElse(null);
    }

    private static void makeOlder(Path p) throws IOException {
        Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }

    @Test
    void quiverFindsItsCheckoutThroughSymlinks() throws IOException {
        Path co = fakeCheckout("22.0.2");
        // ~/bin/q -> ../links/quiver2 -> ../checkout/quiver (relative links, a chain of two)
        Files.createDirectories(dir.resolve("home/bin"));
        Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(dir.resolve("links/quiver2"), Path.of("../checkout/quiver"));
        Files.createSymbolicLink(dir.resolve("home/bin/q"), Path.of("../../links/quiver2"));
        ProcessBuilder pb = new ProcessBuilder(dir.resolve("home/bin/q").toString(), "print", "x.arrow");
        pb.directory(dir.toFile());
        pb.environment().put("QUIVER_CACHE_DIR", dir.resolve("cache").toString());
        pb.environment().remove("QUIVER_NO_CDS");
        pb.environment().remove("JAVA_HOME");
        ChildProcess.Result r = ChildProcess.run(pb, new byte[0]);
        assertEquals(0, r.exit(), r.toString());
        List<String> args = r.outText().lines().toList();
        String jar = co.toRealPath() + "/quiver-cli/target/quiver-cli.jar";
        // the class path spelled out, from the checkout's real place
        assertEquals(jar + ":" + co.toRealPath() + "/quiver-cli/target/lib/dep.jar", args.get(args.indexOf("-cp") + 1),
                r.outText());
        assertEquals(List.of("dev.quiver.cli.Main", "print", "x.arrow"), args.subList(args.size() - 3, args.size()));
        assertFalse(r.err().contains("building"), r.toString());

        // JDK 22: a class-data-sharing archive in the cache, named for the JDK, made by the JVM on first use
        Path jsa = Path.of(option(args, "-XX:SharedArchiveFile="));
        assertEquals(dir.resolve("cache/cds"), jsa.getParent());
        assertTrue(jsa.getFileName().toString().matches("quiver-.*fakejdk-22\\.0\\.2\\.jsa"), jsa.toString());
        assertTrue(args.contains("-XX:+AutoCreateSharedArchive"), r.outText());
        assertFalse(args.stream().anyMatch(a -> a.contains("AOT") || a.contains("aot")), "no AOT before JDK 25");
        Files.writeString(jsa, "archive"); // as the JVM would have made it
        assertEquals(args, ChildProcess.run(pb, new byte[0]).outText().lines().toList(), "the same archive again");
        assertTrue(Files.exists(jsa));
        // a rebuilt jar, newer than the archive: that archive goes, and the JVM writes it again
        makeOlder(jsa);
        assertEquals(args, ChildProcess.run(pb, new byte[0]).outText().lines().toList());
        assertFalse(Files.exists(jsa), "the archive of the older jar is deleted");
        pb.environment().put("QUIVER_NO_CDS", "1");
        assertTrue(ChildProcess.run(pb, new byte[0]).outText().lines().noneMatch(a -> a.contains("SharedArchive")));
    }

    @Test
    void onJdk25TheAotCacheIsMadeOnFirstUseReusedAndMadeAgainForNewerJars() throws IOException {
        Path co = fakeCheckout("25.0.1");
        Path log = dir.resolve("java.log");
        ChildProcess.Result first = ChildProcess.run(quiverIn(co, "print", "x.arrow"), new byte[0]);
        assertEquals(0, first.exit(), first.toString());
        assertTrue(first.err().contains("making the start-up cache"), first.toString());
        List<String> calls = Files.readAllLines(log);
        assertEquals(4, calls.size(), calls.toString()); // the training's files, the training, assembly, the run
        assertTrue(calls.get(0).contains("dev.quiver.cli.Main demo") && !calls.get(0).contains("AOT"), calls.get(0));
        assertTrue(calls.get(1).contains("-XX:AOTMode=record") && calls.get(1).contains("dev.quiver.cli.Training "),
                calls.get(1));
        assertTrue(calls.get(2).contains("-XX:AOTMode=create"), calls.get(2));
        List<String> args = first.outText().lines().toList();
        Path aot = Path.of(option(args, "-XX:AOTCache="));
        assertEquals(dir.resolve("cache/aot"), aot.getParent());
        assertTrue(aot.getFileName().toString().matches("quiver-.*fakejdk-25\\.0\\.1\\.aot"), aot.toString());
        assertEquals("half\nthe rest of an AOT cache\n", Files.readString(aot));
        assertEquals(aot.toString(), option(args, "-Dquiver.aot.cache="), "Main is told, to drop it when unusable");
        assertTrue(args.contains("-XX:TieredStopAtLevel=1"), "print is a short command: " + args);
        // the training and the run have the same JVM options (a cache is only used under the options it was made with)
        for (String o : List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC")) {
            assertTrue(calls.get(1).contains(o) && calls.get(2).contains(o) && args.contains(o), o);
        }
        try (var files = Files.list(dir.resolve("cache/aot"))) {
            assertEquals(List.of(aot), files.toList(), "nothing but the cache is left behind");
        }

        // the next run takes it as it is: no training
        Files.delete(log);
        ChildProcess.Result second = ChildProcess.run(quiverIn(co, "print", "x.arrow"), new byte[0]);
        assertEquals(args, second.outText().lines().toList());
        assertEquals("", second.err());
        assertEquals(1, Files.readAllLines(log).size());
        // a long command runs with C2 too, on the same cache
        List<String> convert = jvmArgs(quiverIn(co, "convert", "a", "b"));
        assertFalse(convert.contains("-XX:TieredStopAtLevel=1"), convert.toString());
        assertEquals(aot.toString(), option(convert, "-XX:AOTCache="));

        // a jar newer than the cache (a rebuild): made again
        makeOlder(aot);
        Files.delete(log);
        assertEquals(args, jvmArgs(quiverIn(co, "print", "x.arrow")));
        assertEquals(4, Files.readAllLines(log).size());
        // QUIVER_NO_AOT: the CDS archive instead; QUIVER_NO_CDS: neither
        ProcessBuilder noAot = quiverIn(co, "print", "x.arrow");
        noAot.environment().put("QUIVER_NO_AOT", "1");
        List<String> cds = jvmArgs(noAot);
        assertTrue(option(cds, "-XX:SharedArchiveFile=") != null && option(cds, "-XX:AOTCache=") == null, cds.toString());
        ProcessBuilder none = quiverIn(co, "print", "x.arrow");
        none.environment().put("QUIVER_NO_CDS", "1");
        assertTrue(jvmArgs(none).stream().noneMatch(a -> a.contains("AOT") || a.contains("Shared")));
    }

    @Test
    void anAotCacheThatCannotBeMadeLeavesNothingHalfWrittenAndTheRunsUseCds() throws IOException {
        Path co = fakeCheckout("25.0.1");
        Path log = dir.resolve("java.log");
        ProcessBuilder pb = quiverIn(co, "print", "x.arrow");
        pb.environment().put("FAKE_CREATE_CRASH", "1"); // the JVM dies while it writes the cache
        List<String> args = jvmArgs(pb);
        assertNull(option(args, "-XX:AOTCache="), args.toString());
        assertNotNull(option(args, "-XX:SharedArchiveFile="), "the CDS archive instead: " + args);
        try (var files = Files.list(dir.resolve("cache/aot"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.getFirst().endsWith(".aot.failed"), "only the marker: " + names);
        }
        assertEquals(4, Files.readAllLines(log).size());
        // not tried again for the same jars (a run would pay for it each time)
        Files.delete(log);
        pb.environment().remove("FAKE_CREATE_CRASH");
        assertEquals(args, jvmArgs(pb));
        assertEquals(1, Files.readAllLines(log).size());
        // a rebuild tries again, and a failed training run makes no cache either
        try (var files = Files.list(dir.resolve("cache/aot"))) {
            makeOlder(files.findFirst().orElseThrow());
        }
        pb.environment().put("FAKE_RECORD_EXIT", "1");
        assertEquals(args, jvmArgs(pb));
        pb.environment().remove("FAKE_RECORD_EXIT");
        try (var files = Files.list(dir.resolve("cache/aot"))) {
            makeOlder(files.findFirst().orElseThrow());
        }
        List<String> made = jvmArgs(pb);
        assertNotNull(option(made, "-XX:AOTCache="), made.toString());
        try (var files = Files.list(dir.resolve("cache/aot"))) {
            assertEquals(1, files.count(), "the marker goes when the cache is made");
        }
    }

    @Test
    void theLauncherTakesTheJdkFromFindJdksCacheWithoutRunningIt() throws IOException {
        Path co = fakeCheckout("25.0.1");
        Path jdk = dir.resolve("fakejdk");
        Path findLog = dir.resolve("find-jdk.log");
        // a javac on PATH that is the cached JDK's: bin/find-jdk would take the same one
        Files.createDirectories(dir.resolve("path"));
        Files.createSymbolicLink(dir.resolve("path/javac"), jdk.resolve("bin/javac"));
        Files.createDirectories(dir.resolve("cache"));
        Files.writeString(dir.resolve("cache/find-jdk-22"), jdk + "\nJAVA_VERSION=\"25.0.1\" 1:2\n\n\n");
        ProcessBuilder pb = quiverIn(co, "--version");
        pb.environment().put("PATH", dir.resolve("path") + ":/usr/bin:/bin");
        pb.environment().put("QUIVER_NO_CDS", "1");
        assertEquals(jdk + "/bin/java", java(pb));
        assertFalse(Files.exists(findLog), "bin/find-jdk did not run");
        // the cached JDK changed (its release file says another version): bin/find-jdk decides
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.2\"\n");
        java(pb);
        assertEquals(1, Files.readAllLines(findLog).size());
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");

        // the javac on PATH is an old JDK's: fine when the cache names it as turned down, at that version
        Path old = fakeJdk("jdk-17", "17.0.2", true, dir.resolve("old.log"));
        Files.delete(dir.resolve("path/javac"));
        Files.createSymbolicLink(dir.resolve("path/javac"), old.resolve("bin/javac"));
        java(pb);
        assertEquals(2, Files.readAllLines(findLog).size(), "an unknown javac on PATH: bin/find-jdk decides");
        Files.writeString(dir.resolve("cache/find-jdk-22"), jdk + "\nJAVA_VERSION=\"25.0.1\" 1:2\n" + old
                + "\n17.0.2\n");
        assertEquals(jdk + "/bin/java", java(pb));
        assertEquals(2, Files.readAllLines(findLog).size(), "the turned-down javac, as the cache says");
        Files.writeString(old.resolve("release"), "JAVA_VERSION=\"26.0.1\"\n"); // it became a new JDK
        java(pb);
        assertEquals(3, Files.readAllLines(findLog).size());

        // JAVA_HOME, when it is recent enough, comes first, as in bin/find-jdk
        Path home = fakeJdk("jdk-home", "24.0.1", true, dir.resolve("home.log"));
        pb.environment().put("JAVA_HOME", home.toString());
        assertEquals(home + "/bin/java", java(pb));
        assertEquals(3, Files.readAllLines(findLog).size());
    }

    /** The java a launcher run ran: the first line that the fake java logged for it. */
    private String java(ProcessBuilder pb) throws IOException {
        Path log = dir.resolve("java.log");
        Files.deleteIfExists(log);
        Files.deleteIfExists(dir.resolve("home.log"));
        ChildProcess.Result r = ChildProcess.run(pb, new byte[0]);
        if (Files.exists(dir.resolve("home.log"))) return pb.environment().get("JAVA_HOME") + "/bin/java";
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.exists(log), r.toString());
        return dir.resolve("fakejdk/bin/java").toString();
    }

    /**
     * The real JVM and Main: a cache the JVM cannot use (garbage, as a damaged or foreign file would be) does not fail
     * the run, and Main deletes it so that the launcher makes it again. A static archive stands in for the AOT cache
     * (the JVM treats both alike, and it works on every JDK from 22).
     */
    @Test
    void anUnusableCacheIsDeletedAndTheRunGoesOn() throws IOException {
        Path bad = dir.resolve("quiver-x.aot");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        List<String> cmd = new java.util.ArrayList<>(ChildProcess.command(Main.class.getName(), "--version"));
        cmd.addAll(1, List.of("-XX:SharedArchiveFile=" + bad, "-Xlog:cds*=off", "-Dquiver.aot.cache=" + bad));
        ChildProcess.Result r = ChildProcess.run(cmd);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.outText().startsWith("quiver "), r.outText());
        assertEquals("", r.err());
        assertFalse(Files.exists(bad), "the unusable cache is deleted");
        assertTrue(Files.exists(dir.resolve("quiver-x.aot.dropped")));
        assertFalse(Files.exists(dir.resolve("quiver-x.aot.failed")), "the launcher makes it again, once");
        // made again, and again unusable (the JVM's options, say): the launcher is told to make no more
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        assertEquals(0, ChildProcess.run(cmd).exit());
        assertFalse(Files.exists(bad));
        assertTrue(Files.exists(dir.resolve("quiver-x.aot.failed")));

        // a JVM with class-data sharing (the JDK's default archive) keeps the file it was told of
        Path good = dir.resolve("quiver-y.aot");
        Files.writeString(good, "kept");
        List<String> ok = new java.util.ArrayList<>(ChildProcess.command(Main.class.getName(), "--version"));
        ok.add(1, "-Dquiver.aot.cache=" + good);
        assertEquals(0, ChildProcess.run(ok).exit());
        assertEquals(System.getProperty("java.vm.info").contains("sharing"), Files.exists(good),
                "kept exactly when this JDK shares classes: " + System.getProperty("java.vm.info"));
    }
}
