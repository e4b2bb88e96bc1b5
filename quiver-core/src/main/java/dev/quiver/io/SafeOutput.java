package dev.quiver.io;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes written to a path so that no destination is ever left half-written, nor replaced where it should have
 * been written through. {@link #open(Path)} looks at what the path is:
 * <ul>
 *   <li><b>a regular file, or nothing yet</b>: bytes go to a temporary file beside it, hidden and named
 *       {@code .NAME.<random>.quiver-tmp}; {@link #commit()} moves it over the destination in one atomic
 *       rename, so readers see the old file or the new one, never a part. Until then an existing file is
 *       untouched; {@link #abort()} (or {@link #close()} without a commit) deletes the temporary file. A new
 *       file gets the permissions the umask allows ({@code 0666 & ~umask}, as the shell's {@code >} gives);
 *       a replaced file keeps its permissions (and its owner and group where the process may set them).</li>
 *   <li><b>a symbolic link</b> (or a chain of them) to such a file: the same beside the link's final target,
 *       which is replaced; the link stays a link.</li>
 *   <li><b>anything else</b> &mdash; a named pipe, a device, {@code /dev/stdout}, {@code /dev/stderr},
 *       {@code /dev/fd/N}, a Unix domain socket (connected to) &mdash;: <em>written through</em>, bytes go
 *       straight to it; {@code /dev/stdout} and {@code /dev/stderr} share the process's descriptor (and its
 *       position, as the shell's redirections do) and stay open. Nothing written can be taken back, so
 *       {@link #abort()} only stops writing.</li>
 * </ul>
 * A directory, or a path whose directory does not exist, is refused with an {@link IOException} naming the
 * path as given; errors while writing name it too, never the temporary file.
 *
 * <p>A temporary file that is neither committed nor aborted (the output was abandoned) is deleted when this
 * object becomes unreachable (through a {@link Cleaner}, after a garbage collection) and, at the latest, when
 * the JVM exits normally (a shutdown hook). Only a JVM killed outright leaves one behind: delete
 * {@code .*.quiver-tmp} files then. The destination is never touched by an abandoned output. Nothing is
 * forced to the disk ({@code fsync}): the rename makes replacement atomic, not durable across a power loss.
 *
 * <p>Not thread-safe.
 */
public final class SafeOutput implements AutoCloseable {
    /** Suffix of temporary files. */
    public static final String TEMP_SUFFIX = ".quiver-tmp";

    private static final Cleaner CLEANER = Cleaner.create();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern DESCRIPTOR = Pattern.compile("/(?:dev/fd|proc/(?:self|thread-self|\\d+)(?:/task/\\d+)?/fd)/(\\d+)");
    private static final int MAX_NAME = 255;

    private final Path target;
    private final Path destination;
    private final State state;
    private final Cleaner.Cleanable cleanable;
    private final WritableByteChannel channel;
    private final boolean through;
    /** The caller's stream that this output writes through (flushed on commit, never closed), or null. */
    private final OutputStream stream;
    private boolean done;

    /** What the cleaner needs when this output is abandoned; refers to nothing that refers back to it. */
    private static final class State implements Runnable {
        final WritableByteChannel channel;
        final boolean closeChannel;
        volatile Path temp;

        State(WritableByteChannel channel, boolean closeChannel, Path temp) {
            this.channel = channel;
            this.closeChannel = closeChannel;
            this.temp = temp;
            if (temp != null) Pending.add(temp);
        }

        @Override
        public void run() {
            if (closeChannel) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the file is deleted next, or was written through: nothing to keep
                }
            }
            Path t = temp;
            temp = null;
            if (t != null) {
                try {
                    Files.deleteIfExists(t);
                } catch (IOException ignored) {
                    // left for the exit hook, which tries again
                    return;
                }
                Pending.remove(t);
            }
        }
    }

    /** Temporary files not yet committed or deleted: the exit hook deletes them. */
    private static final class Pending {
        private static final Set<Path> PATHS = ConcurrentHashMap.newKeySet();

        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    for (Path p : PATHS) {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException ignored) {
                            // nothing more can be done at exit
                        }
                    }
                }, "quiver-temp-cleanup"));
            } catch (IllegalStateException shuttingDown) {
                // first used while the JVM exits: the cleaner and abort() remain
            }
        }

        static void add(Path p) { PATHS.add(p); }

        static void remove(Path p) { PATHS.remove(p); }
    }

    private SafeOutput(Path target, Path destination, WritableByteChannel raw, boolean closeChannel, Path temp) {
        this(target, destination, raw, closeChannel, temp, null, target.toString());
    }

    private SafeOutput(Path target, Path destination, WritableByteChannel raw, boolean closeChannel, Path temp,
                       OutputStream stream, String name) {
        this.target = target;
        this.destination = destination;
        this.state = new State(raw, closeChannel, temp);
        this.cleanable = CLEANER.register(this, state);
        this.channel = new NamedChannel(raw, name);
        this.through = temp == null;
        this.stream = stream;
    }

    /**
     * An output written through to the caller's {@code out} (standard output, say), named {@code name} in its
     * error messages: {@link #commit()} flushes it, nothing closes it, and what was written stays.
     */
    public static SafeOutput writingThrough(OutputStream out, String name) {
        OutputStream kept = new OutputStream() {
            @Override public void write(int b) throws IOException { out.write(b); }
            @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
        };
        return new SafeOutput(Path.of(name), null, Channels.newChannel(kept), false, null, out, name);
    }

    /**
     * Opens {@code target} for writing as the class comment says: beside a regular file (or where none is yet),
     * through anything else.
     */
    public static SafeOutput open(Path target) throws IOException {
        Path real = finalTarget(target);
        int fd = descriptor(real);
        if (fd == 1 || fd == 2) {
            FileChannel ch = new FileOutputStream(fd == 1 ? FileDescriptor.out : FileDescriptor.err).getChannel();
            return new SafeOutput(target, real, ch, false, null);
        }
        if (fd >= 0) return through(target, real, false);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(real, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return beside(target, real, null);
        }
        if (attrs.isDirectory()) throw new FileSystemException(target.toString(), null, "is a directory");
        if (attrs.isRegularFile()) return beside(target, real, attrs);
        return through(target, real, isSocket(real));
    }

    /** Writes {@code bytes} to {@code target} as {@link #open(Path)} says, and commits. */
    public static void write(Path target, byte[] bytes) throws IOException {
        try (SafeOutput out = open(target)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) out.channel().write(b);
            out.commit();
        }
    }

    /** The path as given to {@link #open(Path)} (for {@link #writingThrough}, its name as a path). */
    public Path target() { return target; }

    /** Whether bytes go straight to the target (it is not a regular file), rather than beside it. */
    public boolean writesThrough() { return through; }

    /**
     * Where to write; a gathering channel when the file system offers one. Its I/O errors name the target.
     * Closing it is {@link #commit()}'s job: writers given this channel must leave it open.
     */
    public WritableByteChannel channel() {
        return channel;
    }

    /** An output stream over {@link #channel()}; closing it only flushes (commit or abort decide). */
    public OutputStream outputStream() {
        OutputStream s = Channels.newOutputStream(channel);
        return new OutputStream() {
            @Override public void write(int b) throws IOException { s.write(b); }
            @Override public void write(byte[] b, int off, int len) throws IOException { s.write(b, off, len); }
        };
    }

    /**
     * Completes the output: moves the temporary file over the destination (atomically), or, written through,
     * just closes what this output opened. Throws when the output was aborted or already committed.
     */
    public void commit() throws IOException {
        if (done) throw new IllegalStateException("the output to " + target + " is already committed or aborted");
        done = true;
        Path temp = state.temp;
        try {
            if (stream != null) stream.flush();
            if (state.closeChannel) state.channel.close();
            if (temp != null) move(temp, destination);
            state.temp = null;
            if (temp != null) Pending.remove(temp);
        } catch (IOException e) {
            throw stream != null ? new IOException(target + ": " + message(e), e) : named(e);
        } finally {
            cleanable.clean(); // deletes the temporary file when it was not moved
        }
    }

    /**
     * Abandons the output: deletes the temporary file, leaving the destination as it was; written through, stops
     * writing (what was written stays). Does nothing after {@link #commit()} or a first abort.
     */
    public void abort() {
        if (done) return;
        done = true;
        cleanable.clean();
    }

    /** {@link #abort()} unless committed, so that {@code try (SafeOutput o = ...) { ...; o.commit(); }} is all-or-nothing. */
    @Override
    public void close() {
        abort();
    }

    // ---- deciding where the bytes go ----------------------------------------------------------

    /** {@code path} with every symbolic link followed to its final name (which may not exist yet). */
    private static Path finalTarget(Path path) throws IOException {
        Path current = path.toAbsolutePath();
        for (int hops = 0; hops < 40; hops++) {
            if (descriptor(current) >= 0 || !Files.isSymbolicLink(current)) return current;
            Path link = Files.readSymbolicLink(current);
            current = current.getParent().resolve(link);
        }
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
    }

    /** The file descriptor that {@code path} names ({@code /dev/stdout}, {@code /dev/fd/N}, {@code /proc/self/fd/N}), or -1. */
    private static int descriptor(Path path) {
        String p = path.normalize().toString();
        if (p.equals("/dev/stdout")) return 1;
        if (p.equals("/dev/stderr")) return 2;
        Matcher m = DESCRIPTOR.matcher(p);
        if (!m.matches()) return -1;
        if (p.startsWith("/proc/") && !p.startsWith("/proc/self/") && !p.startsWith("/proc/thread-self/")) {
            String pid = p.substring(6, p.indexOf('/', 6));
            if (!pid.equals(Long.toString(ProcessHandle.current().pid()))) return Integer.MAX_VALUE; // another process's: through
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static boolean isSocket(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return mode instanceof Integer m && (m & 0170000) == 0140000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Written through: a pipe, a device, a socket (connected to), or a descriptor path. */
    private static SafeOutput through(Path target, Path real, boolean socket) throws IOException {
        WritableByteChannel ch;
        try {
            if (socket) {
                SocketChannel s = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    s.connect(UnixDomainSocketAddress.of(real));
                } catch (IOException e) {
                    s.close();
                    throw e;
                }
                ch = s;
            } else if (Files.isRegularFile(real)) {
                // a regular file behind /dev/fd/N: where the descriptor's owner opened it for (append, or truncated)
                ch = FileChannel.open(real, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            } else {
                ch = FileChannel.open(real, StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            throw named(target, e);
        }
        return new SafeOutput(target, real, ch, true, null);
    }

    /** Beside {@code real}: a new temporary file in its directory, with the permissions the result must have. */
    private static SafeOutput beside(Path target, Path real, BasicFileAttributes existing) throws IOException {
        Path dir = real.getParent();
        if (!Files.isDirectory(dir)) {
            Path shown = real.equals(target.toAbsolutePath()) && target.getParent() != null ? target.getParent() : dir;
            throw new FileSystemException(target.toString(), null, Files.exists(dir)
                    ? shown + " is not a directory" : "the directory " + shown + " does not exist");
        }
        PosixFileAttributes posix = null;
        if (existing != null) {
            try {
                posix = Files.readAttributes(real, PosixFileAttributes.class);
            } catch (UnsupportedOperationException | IOException e) {
                posix = null; // not a POSIX file system: the new file gets the defaults
            }
        }
        String base = "." + real.getFileName();
        String tail = "." + HexFormat.of().toHexDigits(RANDOM.nextInt()) + TEMP_SUFFIX;
        if (base.length() + tail.length() > MAX_NAME) base = base.substring(0, MAX_NAME - tail.length());
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(base + tail);
            try {
                FileChannel ch = posix == null
                        ? FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                        : FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                                permissions(posix.permissions()));
                try {
                    if (posix != null) keep(temp, posix);
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    Files.deleteIfExists(temp);
                    throw e;
                }
                return new SafeOutput(target, real, ch, true, temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) throw named(target, e);
                tail = "." + HexFormat.of().toHexDigits(RANDOM.nextInt()) + TEMP_SUFFIX;
            } catch (AccessDeniedException e) {
                throw new AccessDeniedException(target.toString(), null, existing == null ? "permission denied"
                        : "permission denied: the directory " + dir + " must be writable to replace the file safely "
                        + "(it is written beside it, then renamed over it)");
            } catch (IOException e) {
                throw named(target, e);
            }
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> permissions(Set<PosixFilePermission> p) {
        return PosixFilePermissions.asFileAttribute(p);
    }

    /** Gives {@code temp} the permissions (exactly: the umask cut them at creation), owner and group of the file it replaces. */
    private static void keep(Path temp, PosixFileAttributes of) throws IOException {
        Files.setPosixFilePermissions(temp, of.permissions());
        try {
            PosixFileAttributes now = Files.readAttributes(temp, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!now.group().equals(of.group())) Files.setAttribute(temp, "posix:group", of.group());
            if (!now.owner().equals(of.owner())) Files.setOwner(temp, of.owner());
        } catch (IOException | UnsupportedOperationException e) {
            // only root may give a file away, and only members may set a group: keep what creation gave
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private IOException named(IOException e) {
        return named(target, e);
    }

    /** {@code e} said of {@code target} (the path given), never of a temporary file. */
    private static IOException named(Path target, IOException e) {
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof AccessDeniedException ? "permission denied"
                : message(e);
        FileSystemException named = e instanceof AccessDeniedException
                ? new AccessDeniedException(target.toString(), null, reason)
                : new FileSystemException(target.toString(), null, reason);
        named.initCause(e);
        return named;
    }

    private static String message(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** The channel given to writers: the file's own (gathering) channel, with errors that name the target. */
    private static final class NamedChannel implements java.nio.channels.GatheringByteChannel {
        private final WritableByteChannel raw;
        private final String name;

        NamedChannel(WritableByteChannel raw, String name) {
            this.raw = raw;
            this.name = name;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            try {
                return raw.write(src);
            } catch (IOException e) {
                throw rename(e);
            }
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            try {
                if (raw instanceof java.nio.channels.GatheringByteChannel g) return g.write(srcs, offset, length);
                long n = 0;
                for (int i = offset; i < offset + length; i++) n += raw.write(srcs[i]);
                return n;
            } catch (IOException e) {
                throw rename(e);
            }
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return write(srcs, 0, srcs.length);
        }

        private IOException rename(IOException e) {
            return new IOException(name + ": " + message(e), e);
        }

        @Override public boolean isOpen() { return raw.isOpen(); }

        /** Does nothing: the output closes the channel on commit or abort. */
        @Override public void close() {}
    }
}
