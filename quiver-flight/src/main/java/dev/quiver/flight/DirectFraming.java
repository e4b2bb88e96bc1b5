package dev.quiver.flight;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;

import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * Copies native memory (a mapped file's slices, the encoder's buffers) straight into gRPC's outbound transport
 * buffers, one copy instead of two.
 *
 * <p>gRPC hands a {@link io.grpc.Drainable} message an {@link OutputStream} that takes only {@code byte[]}: native
 * bytes then go through a heap bounce buffer first (native → heap → Netty's direct buffer). grpc-java has no public
 * way to write a {@link java.nio.ByteBuffer}; this class does what that stream's {@code write} does (fill the
 * framer's current buffer, hand it to the transport when full, allocate the next one), with
 * {@link ByteBuf#writeBytes(java.nio.ByteBuffer)} in place of the array copy. It reaches into grpc-java's internals
 * (io.grpc.internal.MessageFramer and the shaded Netty transport's buffer), found once, by name, when this class is
 * loaded: if they are not as expected (another grpc-java version, another transport) {@link #INSTANCE} is null and
 * the bounce buffer is used, as it is for every stream that is not the framer's. The copy happens inside
 * {@code drainTo}, as the bounce copy did: gRPC keeps none of the caller's memory, so nothing about lifetimes changes.
 *
 * <p>{@code -Dquiver.flight.directFraming=false} turns it off.
 */
final class DirectFraming {
    /** The direct route, or null when gRPC's internals are not as expected (then the bounce buffer is used). */
    static final DirectFraming INSTANCE = create();

    private final Class<?> adapter;
    private final Class<?> nettyBuffer;
    private final VarHandle outer;      // MessageFramer.OutputStreamAdapter.this$0
    private final VarHandle buffer;     // MessageFramer.buffer (WritableBuffer)
    private final VarHandle allocator;  // MessageFramer.bufferAllocator (WritableBufferAllocator)
    private final MethodHandle commit;  // MessageFramer.commitToSink(boolean endOfStream, boolean flush)
    private final MethodHandle allocate;  // WritableBufferAllocator.allocate(int)
    private final MethodHandle writable;  // WritableBuffer.writableBytes()
    private final VarHandle bytebuf;    // NettyWritableBuffer.bytebuf

    private DirectFraming(Class<?> adapter, Class<?> nettyBuffer, VarHandle outer, VarHandle buffer,
                          VarHandle allocator, MethodHandle commit, MethodHandle allocate, MethodHandle writable,
                          VarHandle bytebuf) {
        this.adapter = adapter;
        this.nettyBuffer = nettyBuffer;
        this.outer = outer;
        this.buffer = buffer;
        this.allocator = allocator;
        this.commit = commit;
        this.allocate = allocate;
        this.writable = writable;
        this.bytebuf = bytebuf;
    }

    private static DirectFraming create() {
        if (!Boolean.parseBoolean(System.getProperty("quiver.flight.directFraming", "true"))) return null;
        try {
            ClassLoader loader = io.grpc.Drainable.class.getClassLoader();
            Class<?> framer = Class.forName("io.grpc.internal.MessageFramer", false, loader);
            Class<?> adapter = Class.forName("io.grpc.internal.MessageFramer$OutputStreamAdapter", false, loader);
            Class<?> writableBuffer = Class.forName("io.grpc.internal.WritableBuffer", false, loader);
            Class<?> bufferAllocator = Class.forName("io.grpc.internal.WritableBufferAllocator", false, loader);
            Class<?> nettyBuffer = Class.forName("io.grpc.netty.shaded.io.grpc.netty.NettyWritableBuffer", false,
                    ByteBuf.class.getClassLoader());
            Module self = DirectFraming.class.getModule();
            self.addReads(framer.getModule());
            self.addReads(nettyBuffer.getModule());
            MethodHandles.Lookup here = MethodHandles.lookup();
            MethodHandles.Lookup inFramer = MethodHandles.privateLookupIn(framer, here);
            MethodHandles.Lookup inAdapter = MethodHandles.privateLookupIn(adapter, here);
            MethodHandles.Lookup inNetty = MethodHandles.privateLookupIn(nettyBuffer, here);
            VarHandle outer = inAdapter.findVarHandle(adapter, "this$0", framer);
            VarHandle buffer = inFramer.findVarHandle(framer, "buffer", writableBuffer);
            VarHandle allocator = inFramer.findVarHandle(framer, "bufferAllocator", bufferAllocator);
            MethodHandle commit = inFramer.findVirtual(framer, "commitToSink",
                    MethodType.methodType(void.class, boolean.class, boolean.class));
            MethodHandle allocate = here.findVirtual(bufferAllocator, "allocate",
                    MethodType.methodType(writableBuffer, int.class));
            MethodHandle writable = here.findVirtual(writableBuffer, "writableBytes", MethodType.methodType(int.class));
            VarHandle bytebuf = inNetty.findVarHandle(nettyBuffer, "bytebuf", ByteBuf.class);
            return new DirectFraming(adapter, nettyBuffer, outer, buffer, allocator,
                    commit.asType(MethodType.methodType(void.class, Object.class, boolean.class, boolean.class)),
                    allocate.asType(MethodType.methodType(Object.class, Object.class, int.class)),
                    writable.asType(MethodType.methodType(int.class, Object.class)), bytebuf);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Whether {@code target} is gRPC's framer stream, which {@link #write} can fill directly. */
    boolean accepts(OutputStream target) {
        return adapter.isInstance(target);
    }

    /**
     * Writes {@code src} to {@code target} (a stream {@link #accepts} took) as its {@code write(byte[], int, int)}
     * would, copying from {@code src} straight into the transport's buffers.
     *
     * @return false if the framer's buffer turned out not to be Netty's (nothing was written then)
     */
    boolean write(OutputStream target, MemorySegment src) {
        try {
            Object framer = outer.get(target);
            long at = 0;
            long n = src.byteSize();
            while (n > 0) {
                Object wb = buffer.get(framer);
                if (wb != null && (int) writable.invokeExact(wb) == 0) {
                    commit.invokeExact(framer, false, false);
                    wb = null;
                }
                if (wb == null) {
                    // the same hint as the framer's own: what is left to write (its allocator caps the size)
                    wb = allocate.invokeExact(allocator.get(framer), (int) Math.min(n, Integer.MAX_VALUE));
                    buffer.set(framer, wb);
                }
                if (!nettyBuffer.isInstance(wb)) {
                    if (at == 0) return false;
                    throw new IllegalStateException("gRPC's framer changed buffer kind mid-message");
                }
                ByteBuf bb = (ByteBuf) bytebuf.get(wb);
                int k = (int) Math.min(n, (int) writable.invokeExact(wb));
                bb.writeBytes(src.asSlice(at, k).asByteBuffer());
                at += k;
                n -= k;
            }
            return true;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot write to gRPC's framer", t);
        }
    }
}
