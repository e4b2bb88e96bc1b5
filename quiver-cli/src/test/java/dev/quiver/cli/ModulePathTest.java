package dev.quiver.cli;

import dev.quiver.testing.ChildProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quiver as a user on the module path sees it: the modules {@code dev.quiver.core}, {@code dev.quiver.flight} and
 * {@code dev.quiver.cli} with their dependencies (zstd-jni, lz4-java, grpc-java, protobuf-java, picocli as named or
 * automatic modules). A sample module that {@code requires dev.quiver.core} (and one that requires
 * {@code dev.quiver.flight}) compiles against the exported API and runs; a sample that imports an internal package
 * does not compile; the command line runs with {@code java -p ... -m dev.quiver.cli/dev.quiver.cli.Main}.
 *
 * <p>The module path is this module's classes plus its runtime class path, which the build writes to
 * {@code target/runtime-classpath.txt} (maven-dependency-plugin, {@code build-classpath}): in the reactor the Quiver
 * modules are their {@code target/classes} directories, with their {@code module-info.class}.
 */
class ModulePathTest {
    private static List<Path> modulePath;
    private static String modulePathString;

    @TempDir
    Path dir;

    @BeforeAll
    static void modulePath() throws IOException, URISyntaxException {
        Path cliClasses = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path file = Path.of(System.getProperty("quiver.runtime.classpath.file", "target/runtime-classpath.txt"));
        assertTrue(Files.isRegularFile(file), file + " is written by the build (mvn test): run the tests through Maven");
        List<Path> mp = new ArrayList<>();
        mp.add(cliClasses);
        for (String e : Files.readString(file).strip().split(java.io.File.pathSeparator)) {
            if (!e.isEmpty()) mp.add(Path.of(e));
        }
        modulePath = List.copyOf(mp);
        modulePathString = mp.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    @Test
    void quiverModulesAreNamedAndExportOnlyTheirPublicApi() {
        Map<String, ModuleDescriptor> modules = new TreeMap<>();
        for (ModuleReference r : ModuleFinder.of(modulePath.toArray(Path[]::new)).findAll()) {
            modules.put(r.descriptor().name(), r.descriptor());
        }
        ModuleDescriptor core = modules.get("dev.quiver.core");
        assertFalse(core == null || core.isAutomatic(), "dev.quiver.core has a module-info: " + modules.keySet());
        Set<String> exported = core.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        exported.remove("dev.quiver.cdata"); // the C Data Interface, once it is there
        assertEquals(Set.of("dev.quiver", "dev.quiver.array", "dev.quiver.type", "dev.quiver.ipc", "dev.quiver.json",
                "dev.quiver.validate", "dev.quiver.compress"), exported, "unqualified exports of dev.quiver.core");
        for (ModuleDescriptor.Exports e : core.exports()) {
            if (e.isQualified()) {
                assertTrue(Set.of("dev.quiver.flight", "dev.quiver.cli").containsAll(e.targets()), e.toString());
            }
        }
        assertTrue(core.packages().containsAll(Set.of("dev.quiver.metadata", "dev.quiver.memory", "dev.quiver.io")));

        ModuleDescriptor flight = modules.get("dev.quiver.flight");
        assertFalse(flight == null || flight.isAutomatic(), "dev.quiver.flight has a module-info");
        assertEquals(Set.of("dev.quiver.flight", "dev.quiver.flight.directory"),
                flight.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(flight.packages().contains("dev.quiver.flight.proto"), "the generated protobuf code is in the module");

        ModuleDescriptor cli = modules.get("dev.quiver.cli");
        assertFalse(cli == null || cli.isAutomatic(), "dev.quiver.cli has a module-info");
        assertEquals(Set.of(), cli.exports());

        // the dependencies' module names, as module-info.java spells them
        for (String m : List.of("com.github.luben.zstd_jni", "org.lz4.java", "info.picocli", "io.grpc", "io.grpc.stub",
                "io.grpc.protobuf", "io.grpc.netty.shaded", "com.google.protobuf", "com.google.common")) {
            assertTrue(modules.containsKey(m), m + " on the module path: " + modules.keySet());
        }
    }

    @Test
    void aSampleModuleCompilesAgainstTheExportedApiAndRuns() throws IOException {
        Path src = module("sample", "module sample { requires dev.quiver.core; }", "sample/Main.java", """
                package sample;

                import dev.quiver.array.Arrow;
                import dev.quiver.array.Int32Array;
                import dev.quiver.array.RecordBatch;
                import dev.quiver.array.Table;
                import dev.quiver.array.Utf8Array;
                import dev.quiver.compress.CompressionType;
                import dev.quiver.ipc.Ipc;
                import dev.quiver.ipc.IpcWriteOptions;
                import dev.quiver.ipc.RecordBatchFileWriter;
                import dev.quiver.ipc.RecordBatchReader;
                import java.nio.file.Path;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        Path path = Path.of(args[0]);
                        RecordBatch batch = RecordBatch.builder()
                                .add("x", Arrow.int32(1, 2, 3))
                                .add("y", Arrow.utf8("a", "b", null))
                                .build();
                        try (RecordBatchFileWriter w = Ipc.newFile(path, batch.schema(),
                                IpcWriteOptions.defaults().withCompression(CompressionType.ZSTD))) {
                            w.write(batch);
                        }
                        try (RecordBatchReader r = Ipc.open(path); Table t = r.readAll()) {
                            RecordBatch b = t.batch(0);
                            Int32Array x = (Int32Array) b.column("x");
                            Utf8Array y = (Utf8Array) b.column("y");
                            System.out.println(t.numRows() + " " + x.get(2) + " " + y.getString(1) + " " + y.isNull(2));
                        }
                    }
                }
                """);
        Path out = compile(src);
        ChildProcess.Result r = ChildProcess.run(List.of(ChildProcess.java(), "-p", modulePathString + ":" + out,
                "--enable-native-access=dev.quiver.core,com.github.luben.zstd_jni,org.lz4.java",
                "-m", "sample/sample.Main", dir.resolve("s.arrow").toString()));
        assertEquals(0, r.exit(), r.toString());
        assertEquals("3 3 b true\n", r.outText());
        assertEquals("", r.err(), "no native-access warning with the module names the README gives");
    }

    @Test
    void internalPackagesAreNotVisible() throws IOException {
        for (String internal : List.of("dev.quiver.metadata.MessageCodec", "dev.quiver.memory.LE",
                "dev.quiver.io.SafeOutput")) {
            String pkg = internal.substring(0, internal.lastIndexOf('.'));
            Path src = module("bad" + pkg.replace('.', '_'), "module bad { requires dev.quiver.core; }",
                    "bad/Main.java", "package bad;\nimport " + internal + ";\npublic class Main {}\n");
            String errors = compileErrors(src);
            assertTrue(errors.contains("package " + pkg + " is not visible"), errors);
        }
        Path src = module("badflight", "module bad { requires dev.quiver.flight; }", "bad/Main.java",
                "package bad;\nimport dev.quiver.flight.proto.FlightProtos;\npublic class Main {}\n");
        String errors = compileErrors(src);
        assertTrue(errors.contains("package dev.quiver.flight.proto is not visible"), errors);
    }

    @Test
    void aFlightSampleRunsOnTheModulePath() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path src = module("flightsample", "module flightsample { requires dev.quiver.flight; }",
                "flightsample/Main.java", """
                package flightsample;

                import dev.quiver.array.Arrow;
                import dev.quiver.array.RecordBatch;
                import dev.quiver.array.Table;
                import dev.quiver.flight.FlightClient;
                import dev.quiver.flight.FlightDescriptor;
                import dev.quiver.flight.FlightInfo;
                import dev.quiver.flight.FlightPutWriter;
                import dev.quiver.flight.FlightServer;
                import dev.quiver.flight.FlightStreamReader;
                import dev.quiver.flight.directory.DirectoryFlightProducer;
                import java.nio.file.Path;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        RecordBatch batch = RecordBatch.builder().add("x", Arrow.int64(7L, 8L)).build();
                        try (FlightServer server = FlightServer.builder(new DirectoryFlightProducer(Path.of(args[0])))
                                     .port(0).start();
                             FlightClient client = FlightClient.connect(server.location().uri())) {
                            try (FlightPutWriter w = client.doPut(FlightDescriptor.path("t.arrow"), batch.schema())) {
                                w.write(batch);
                            }
                            FlightInfo info = client.getFlightInfo(FlightDescriptor.path("t.arrow"));
                            try (FlightStreamReader r = client.doGet(info.endpoints().get(0).ticket());
                                 Table t = r.readAll()) {
                                System.out.println(t.numRows() + " " + t.batch(0).column("x").getObject(1));
                            }
                        }
                    }
                }
                """);
        Path out = compile(src);
        ChildProcess.Result r = ChildProcess.run(List.of(ChildProcess.java(), "-p", modulePathString + ":" + out,
                "--enable-native-access=dev.quiver.core,com.github.luben.zstd_jni,org.lz4.java,io.grpc.netty.shaded",
                "-m", "flightsample/flightsample.Main", data.toString()));
        assertEquals(0, r.exit(), r.toString());
        assertEquals("2 8\n", r.outText());
        assertFalse(r.err().contains("WARNING: A restricted method"), r.err());
        assertTrue(Files.isRegularFile(data.resolve("t.arrow")));
    }

    @Test
    void theCommandLineRunsOnTheModulePath() throws IOException {
        Path in = Samples.file(dir, "in.arrow");
        Path zstd = dir.resolve("z.arrows");
        List<String> java = List.of(ChildProcess.java(), "-p", modulePathString,
                "--enable-native-access=dev.quiver.core,com.github.luben.zstd_jni,org.lz4.java",
                "-m", "dev.quiver.cli/dev.quiver.cli.Main");
        ChildProcess.Result version = ChildProcess.run(concat(java, "--version"));
        assertEquals(0, version.exit(), version.toString());
        assertEquals("quiver " + Version.get() + "\n", version.outText());

        ChildProcess.Result convert = ChildProcess.run(concat(java, "convert", in.toString(), zstd.toString(),
                "--to", "stream", "--compression", "zstd"));
        assertEquals(0, convert.exit(), convert.toString());
        assertEquals("", convert.err());
        ChildProcess.Result print = ChildProcess.run(concat(java, "print", zstd.toString()));
        assertEquals(0, print.exit(), print.toString());
        assertEquals(Cli.run("print", zstd.toString()).out(), print.outText(), "the same as on the class path");
        assertEquals("", print.err());
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(Arrays.asList(b));
        return l;
    }

    /** A module's sources in a directory of their own. */
    private Path module(String dirName, String moduleInfo, String file, String source) throws IOException {
        Path src = dir.resolve(dirName).resolve("src");
        Files.createDirectories(src.resolve(file).getParent());
        Files.writeString(src.resolve("module-info.java"), moduleInfo + "\n");
        Files.writeString(src.resolve(file), source);
        return src;
    }

    /** Compiles the module in {@code src} against the module path; its classes directory. */
    private static Path compile(Path src) throws IOException {
        Path out = Files.createDirectories(src.resolveSibling("classes"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, javac(src, out, err), err.toString(StandardCharsets.UTF_8));
        return out;
    }

    private static String compileErrors(Path src) throws IOException {
        Path out = Files.createDirectories(src.resolveSibling("classes"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac(src, out, err);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(rc != 0, "compiles, but should not:\n" + text);
        return text;
    }

    private static int javac(Path src, Path out, ByteArrayOutputStream err) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", String.valueOf(Runtime.version().feature()),
                "-Xlint:all,-requires-automatic", "--module-path", modulePathString, "-d", out.toString()));
        try (var files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        return javac.run(null, null, err, args.toArray(String[]::new));
    }
}
