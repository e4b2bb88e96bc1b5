package dev.quiver.cli;

import dev.quiver.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * quiver-cli/src/build/ClassVersionUpgrade.java, which ./quiver runs on picocli's jar before it makes the AOT cache:
 * every class at class file version 52 afterwards, and the command line behaves the same on the rewritten jar, with
 * the JVM verifying its classes (stack maps and all); a second run leaves the jar alone.
 */
class ClassVersionUpgradeTest {
    @TempDir
    Path dir;

    private static Path picocliJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(p -> p.getFileName().toString().matches("picocli-[0-9.]+\\.jar"))
                .findFirst().orElseThrow();
    }

    private static List<Integer> majorVersions(Path jar) throws IOException {
        List<Integer> versions = new ArrayList<>();
        try (InputStream f = Files.newInputStream(jar); ZipInputStream in = new ZipInputStream(f)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.getName().endsWith(".class") || e.getName().endsWith("module-info.class")) continue;
                byte[] head = in.readNBytes(8);
                versions.add(((head[6] & 0xff) << 8) | (head[7] & 0xff));
            }
        }
        return versions;
    }

    /** Main on a class path with {@code picocli} in place of the build's picocli jar, verifying every class. */
    private static ChildProcess.Result quiver(Path picocli, String... args) {
        String cp = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> e.equals(picocliJar().toString()) ? picocli.toString() : e)
                .reduce((a, b) -> a + java.io.File.pathSeparator + b).orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(ChildProcess.java(), "-Xshare:off", "-XX:+BytecodeVerificationRemote",
                "-cp", cp, Main.class.getName()));
        cmd.addAll(List.of(args));
        return ChildProcess.run(cmd);
    }

    @Test
    void picocliRewrittenAsJava8ClassesBehavesTheSame() throws IOException {
        Path original = picocliJar();
        assertTrue(majorVersions(original).stream().anyMatch(v -> v < 50), "picocli is compiled for Java 5");
        Path jar = dir.resolve(original.getFileName());
        Files.copy(original, jar);
        var mode = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(jar, mode);
        Path tool = LauncherScriptsTest.checkout().resolve("quiver-cli/src/build/ClassVersionUpgrade.java");
        ChildProcess.Result r = ChildProcess.run(List.of(ChildProcess.java(), tool.toString(), jar.toString()));
        assertEquals(0, r.exit(), r.toString());
        List<Integer> versions = majorVersions(jar);
        assertEquals(majorVersions(original).size(), versions.size());
        assertTrue(versions.stream().allMatch(v -> v == 52), versions.toString());
        assertEquals(mode, Files.getPosixFilePermissions(jar), "the jar keeps its permissions");

        for (String[] args : List.of(new String[] {"--help"}, new String[] {"print", "--help"},
                new String[] {"print", "--no-such-option"}, new String[] {"--version"}, new String[0])) {
            ChildProcess.Result before = quiver(original, args);
            ChildProcess.Result after = quiver(jar, args);
            assertEquals(before.exit(), after.exit(), String.join(" ", args) + ": " + after);
            assertEquals(before.outText(), after.outText(), String.join(" ", args));
            assertEquals(before.err(), after.err(), String.join(" ", args));
        }

        // again: nothing to rewrite, the jar is left as it is
        var time = Files.getLastModifiedTime(jar);
        byte[] bytes = Files.readAllBytes(jar);
        ChildProcess.Result again = ChildProcess.run(List.of(ChildProcess.java(), tool.toString(), jar.toString()));
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.outText().contains(": 0 classes"), again.outText());
        assertEquals(time, Files.getLastModifiedTime(jar));
        assertTrue(Arrays.equals(bytes, Files.readAllBytes(jar)));
    }
}
