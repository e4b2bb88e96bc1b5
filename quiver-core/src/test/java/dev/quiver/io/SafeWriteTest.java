package dev.quiver.io;

import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.ref.WeakReference;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Ipc.newFile(path)} / {@code Ipc.newStream(path)} and {@link SafeOutput}: a destination is never left
 * half-written (failure, abort, abandoned writer, JVM exit), an existing file stays intact until the new one is
 * complete, links are kept, modes follow the umask or the replaced file, and pipes, devices, sockets and
 * {@code /dev/stdout} are written through.
 */
class SafeWriteTest {
    @TempDir
    Path dir;

    private static final byte[] OLD = "the old content".getBytes(StandardCharsets.US_ASCII);

    /** Temporary files left in {@code d}. */
    static List<Path> temps(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SafeOutput.TEMP_SUFFIX)).toList();
        }
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** This process's umask, from /proc (Linux). */
    static int umask() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Umask:")) return Integer.parseInt(line.substring(6).trim(), 8);
        }
        throw new AssertionError("no Umask in /proc/self/status");
    }

    static String modeString(int bits) {
        StringBuilder sb = new StringBuilder();
        String rwx = "rwx";
        for (int i = 8; i >= 0; i--) sb.append((bits >> i & 1) != 0 ? rwx.charAt(2 - i % 3) : '-');
        return sb.toString();
    }

    /** A batch whose buffers were freed: writing it fails in the middle of the writer's work. */
    private static RecordBatch freed() {
        Arena arena = Arena.ofShared();
        ArrayData d = Arrow.int32(7, 8, 9).data().copyTo(arena);
        arena.close();
        return RecordBatch.builder().add("x", Array.of(d)).build();
    }

    private static RecordBatch good() {
        return RecordBatch.builder().add("x", Arrow.int32(1, 2, 3)).build();
    }

    // ---- failures leave the destination as it was ------------------------------------------------

    @Test
    void aFailedWriteNeverReplacesTheFileEvenWhenTheWriterIsClosed() throws IOException {
        Path p = Files.write(dir.resolve("out.arrow"), OLD);
        RecordBatchFileWriter w = Ipc.newFile(p, good().schema(), IpcWriteOptions.DEFAULT);
        w.write(good());
        assertThrows(IllegalStateException.class, () -> w.write(freed()));
        assertEquals("writer failed earlier", assertThrows(IllegalStateException.class, () -> w.write(good()))
                .getMessage().substring(0, 21));
        IOException e = assertThrows(IOException.class, w::close);
        assertTrue(e.getMessage().startsWith("the writer failed earlier, so its output was abandoned: " + p
                + " is unchanged: java.lang.IllegalStateException"), e.getMessage());
        assertArrayEquals(OLD, Files.readAllBytes(p));
        assertEquals(List.of(), temps(dir));
        w.close(); // once closed, closing again does nothing
    }

    @Test
    void aFailedWriteInsideTryWithResourcesLeavesNoFile() throws IOException {
        Path p = dir.resolve("new.arrows");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (RecordBatchStreamWriter w = Ipc.newStream(p, good().schema(), IpcWriteOptions.DEFAULT)) {
                w.write(good());
                w.write(freed());
            }
        });
        assertEquals(1, e.getSuppressed().length, "close's refusal is attached");
        assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), temps(dir));
    }

    @Test
    void abortLeavesTheOldFileOrNothing() throws IOException {
        Path p = Files.write(dir.resolve("out.arrow"), OLD);
        RecordBatchFileWriter w = Ipc.newFile(p, good().schema(), IpcWriteOptions.DEFAULT);
        w.write(good());
        assertEquals(1, temps(dir).size(), "written beside the file");
        assertArrayEquals(OLD, Files.readAllBytes(p), "the old file is intact while the new one is written");
        w.abort();
        w.close();
        assertArrayEquals(OLD, Files.readAllBytes(p));
        assertEquals(List.of(), temps(dir));

        Path q = dir.resolve("never.arrows");
        RecordBatchStreamWriter s = Ipc.newStream(q, good().schema(), IpcWriteOptions.DEFAULT);
        s.write(good());
        s.abort();
        assertFalse(Files.exists(q));
        assertEquals(List.of(), temps(dir));
        assertThrows(IllegalStateException.class, () -> s.write(good()));
    }

    @Test
    void aRefusedBatchLeavesTheWriterUsable() throws IOException {
        Path p = dir.resolve("out.arrows");
        try (RecordBatchStreamWriter w = Ipc.newStream(p, good().schema(), IpcWriteOptions.DEFAULT)) {
            RecordBatch other = RecordBatch.builder().add("y", Arrow.utf8("a")).build();
            assertThrows(IllegalArgumentException.class, () -> w.write(other));
            w.write(good());
        }
        try (var r = Ipc.openStream(p)) {
            assertEquals(1, r.readAll().batches().size());
        }
    }

    @Test
    void anAbandonedWriterLeavesNothingOnceCollected() throws Exception {
        Path p = Files.write(dir.resolve("out.arrow"), OLD);
        WeakReference<RecordBatchFileWriter> ref = abandon(p);
        for (int i = 0; i < 200 && (ref.get() != null || !temps(dir).isEmpty()); i++) {
            System.gc();
            Thread.sleep(25);
        }
        assertEquals(null, ref.get(), "the writer was collected");
        assertEquals(List.of(), temps(dir), "its temporary file was deleted by the cleaner");
        assertArrayEquals(OLD, Files.readAllBytes(p));
    }

    private static WeakReference<RecordBatchFileWriter> abandon(Path p) throws IOException {
        RecordBatchFileWriter w = Ipc.newFile(p, good().schema(), IpcWriteOptions.DEFAULT);
        w.write(good());
        return new WeakReference<>(w);
    }

    @Test
    void aWriterNeverClosedLeavesNothingWhenTheJvmExits() throws IOException {
        Path p = Files.write(dir.resolve("out.arrows"), OLD);
        ChildProcess.Result r = ChildProcess.run(ChildProcess.command(WriteMain.class.getName(), "exit", p.toString()));
        assertEquals(3, r.exit(), r.toString());
        assertArrayEquals(OLD, Files.readAllBytes(p));
        assertEquals(List.of(), temps(dir));
        Path q = dir.resolve("new.arrows");
        r = ChildProcess.run(ChildProcess.command(WriteMain.class.getName(), "exit", q.toString()));
        assertEquals(3, r.exit(), r.toString());
        assertFalse(Files.exists(q));
        assertEquals(List.of(), temps(dir));
    }

    @Test
    void anIoErrorNamesThePathAndLeavesTheFileIntact() throws IOException {
        Path p = Files.write(dir.resolve("big.arrows"), OLD);
        // files may not grow beyond 1 MiB in the child: writing 4 MiB fails with "File too large"
        ChildProcess.Result r = ChildProcess.run(ChildProcess.inBash("ulimit -f 1024; exec",
                ChildProcess.command(WriteMain.class.getName(), "big", p.toString())));
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.outText().lines().toList();
        assertEquals(2, lines.size(), r.outText());
        assertEquals(p + ": File too large", lines.get(0));
        assertTrue(lines.get(1).startsWith("the writer failed earlier, so its output was abandoned: " + p
                + " is unchanged"), lines.get(1));
        assertArrayEquals(OLD, Files.readAllBytes(p));
        assertEquals(List.of(), temps(dir));
    }

    // ---- what the result is: complete, in place, with the right mode ---------------------------------

    @Test
    void aNewFileAppearsOnlyWhenCompleteWithTheUmasksMode() throws IOException {
        Path p = dir.resolve("new.arrow");
        try (RecordBatchFileWriter w = Ipc.newFile(p, good().schema(), IpcWriteOptions.DEFAULT)) {
            w.write(good());
            assertFalse(Files.exists(p), "nothing at the target before close");
            Path temp = temps(dir).getFirst();
            assertTrue(temp.getFileName().toString().matches("\\.new\\.arrow\\.[0-9a-f]{8}\\.quiver-tmp"), temp.toString());
        }
        assertEquals(modeString(0666 & ~umask()), mode(p));
        assertEquals(List.of(), temps(dir));
        try (var r = Ipc.openFile(p)) {
            assertEquals(1, r.numRecordBatches());
        }
    }

    @Test
    void aReplacedFileKeepsItsModeAndALinkStaysALink() throws IOException {
        Path real = Files.write(dir.resolve("real.arrows"), OLD);
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("link.arrows"), Path.of("real.arrows"));
        try (RecordBatchStreamWriter w = Ipc.newStream(link, WriteMain.batch().schema(), IpcWriteOptions.DEFAULT)) {
            w.write(WriteMain.batch());
        }
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertEquals(Path.of("real.arrows"), Files.readSymbolicLink(link));
        assertEquals("rw-r-----", mode(real));
        assertArrayEquals(WriteMain.expected(), Files.readAllBytes(real));
        assertEquals(List.of(), temps(dir));

        // owner and group are kept where the process may set them (root may give a file away)
        var users = real.getFileSystem().getUserPrincipalLookupService();
        if (Files.getOwner(Path.of("/proc/self")).getName().equals("root")) {
            Files.setOwner(real, users.lookupPrincipalByName("daemon"));
            Files.setAttribute(real, "posix:group", users.lookupPrincipalByGroupName("daemon"));
            try (RecordBatchStreamWriter w = Ipc.newStream(link, WriteMain.batch().schema(), IpcWriteOptions.DEFAULT)) {
                w.write(WriteMain.batch());
            }
            var attrs = Files.readAttributes(real, java.nio.file.attribute.PosixFileAttributes.class);
            assertEquals("daemon", attrs.owner().getName());
            assertEquals("daemon", attrs.group().getName());
            assertEquals("rw-r-----", mode(real));
        }

        // a dangling link: the file is created where it points
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.arrows"), Path.of("target.arrows"));
        try (RecordBatchStreamWriter w = Ipc.newStream(dangling, good().schema(), IpcWriteOptions.DEFAULT)) {
            w.write(good());
        }
        assertTrue(Files.isSymbolicLink(dangling));
        assertTrue(Files.isRegularFile(dir.resolve("target.arrows"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void modesFollowTheUmaskOfTheProcess() throws IOException {
        for (String umask : List.of("022", "077")) {
            Path p = dir.resolve("u" + umask + ".arrows");
            ChildProcess.Result r = ChildProcess.run(ChildProcess.inBash("umask " + umask + "; exec",
                    ChildProcess.command(WriteMain.class.getName(), "close", p.toString())));
            assertEquals(0, r.exit(), r.toString());
            assertEquals(modeString(0666 & ~Integer.parseInt(umask, 8)), mode(p), "umask " + umask);
            assertArrayEquals(WriteMain.expected(), Files.readAllBytes(p));
        }
    }

    // ---- written through ------------------------------------------------------------------------------

    @Test
    void aNamedPipeIsWrittenThrough() throws Exception {
        Path fifo = dir.resolve("out.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0);
        CompletableFuture<byte[]> read = ChildProcess.readInBackground(() -> Files.newInputStream(fifo));
        try (RecordBatchStreamWriter w = Ipc.newStream(fifo, WriteMain.batch().schema(), IpcWriteOptions.DEFAULT)) {
            w.write(WriteMain.batch());
        }
        assertArrayEquals(WriteMain.expected(), read.get(10, TimeUnit.SECONDS));
        assertFalse(Files.isRegularFile(fifo), "still a pipe");
        assertEquals(List.of(), temps(dir));
    }

    @Test
    void aDeviceIsWrittenThroughAndStaysADevice() throws IOException {
        Path devNull = Path.of("/dev/null");
        try (SafeOutput o = SafeOutput.open(devNull)) {
            // checked before anything is written: a temporary file would be renamed over /dev/null on commit
            assertTrue(o.writesThrough());
            o.channel().write(java.nio.ByteBuffer.wrap(OLD));
            o.commit();
        }
        try (RecordBatchFileWriter w = Ipc.newFile(devNull, good().schema(), IpcWriteOptions.DEFAULT)) {
            w.write(good());
        }
        assertTrue(Files.readAttributes(devNull, java.nio.file.attribute.BasicFileAttributes.class).isOther());
    }

    @Test
    void aUnixSocketIsConnectedToAndWrittenThrough() throws Exception {
        Path sock = dir.resolve("out.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            CompletableFuture<byte[]> read = ChildProcess.readInBackground(() -> Channels.newInputStream(server.accept()));
            try (RecordBatchStreamWriter w = Ipc.newStream(sock, WriteMain.batch().schema(), IpcWriteOptions.DEFAULT)) {
                w.write(WriteMain.batch());
            }
            assertArrayEquals(WriteMain.expected(), read.get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), temps(dir));
    }

    /** Runs WriteMain on /dev/stdout with the child's standard output set up by {@code redirect}. */
    private ChildProcess.Result toStdout(ProcessBuilder.Redirect redirect) {
        ProcessBuilder pb = new ProcessBuilder(ChildProcess.command(WriteMain.class.getName(), "close", "/dev/stdout"));
        if (redirect != null) pb.redirectOutput(redirect);
        return ChildProcess.run(pb, new byte[0]);
    }

    @Test
    void devStdoutIsWrittenThroughToAPipeAFileAndASocket() throws Exception {
        // a pipe
        ChildProcess.Result r = toStdout(null);
        assertEquals(0, r.exit(), r.toString());
        assertArrayEquals(WriteMain.expected(), r.out());
        // a regular file: written at the descriptor's position, not replaced (the test runs as root where CI does:
        // a rename over /dev/stdout would replace the symbolic link itself)
        Path out = Files.write(dir.resolve("stdout.arrows"), new byte[0]);
        Object inode = Files.readAttributes(out, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        r = toStdout(ProcessBuilder.Redirect.appendTo(out.toFile()));
        assertEquals(0, r.exit(), r.toString());
        assertArrayEquals(WriteMain.expected(), Files.readAllBytes(out));
        assertEquals(inode, Files.readAttributes(out, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        assertTrue(Files.isSymbolicLink(Path.of("/dev/stdout")));
        assertEquals(List.of(), temps(dir));
        assertEquals(List.of(), temps(Path.of("/dev")).stream().filter(p -> p.toString().contains("stdout")).toList());
        // a TCP socket (bash's /dev/tcp): the child's standard output is the connection
        try (var server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> read = ChildProcess.readInBackground(() -> server.accept().getInputStream());
            r = ChildProcess.run(ChildProcess.inBash("exec >/dev/tcp/127.0.0.1/" + server.getLocalPort() + ";",
                    ChildProcess.command(WriteMain.class.getName(), "close", "/dev/stdout")));
            assertEquals(0, r.exit(), r.toString());
            assertArrayEquals(WriteMain.expected(), read.get(30, TimeUnit.SECONDS));
        }
    }

    // ---- refused ---------------------------------------------------------------------------------------

    @Test
    void aDirectoryOrAMissingDirectorySaysSo() throws IOException {
        FileSystemException d = assertThrows(FileSystemException.class,
                () -> Ipc.newFile(dir, good().schema(), IpcWriteOptions.DEFAULT));
        assertEquals(dir + ": is a directory", d.getMessage());
        Path missing = dir.resolve("nowhere").resolve("out.arrow");
        FileSystemException m = assertThrows(FileSystemException.class,
                () -> Ipc.newStream(missing, good().schema(), IpcWriteOptions.DEFAULT));
        assertEquals(missing + ": the directory " + missing.getParent() + " does not exist", m.getMessage());
        Path notDir = Files.write(dir.resolve("plain"), OLD);
        FileSystemException n = assertThrows(FileSystemException.class,
                () -> SafeOutput.open(notDir.resolve("x.arrow")));
        assertEquals(notDir.resolve("x.arrow") + ": " + notDir + " is not a directory", n.getMessage());
    }
}
