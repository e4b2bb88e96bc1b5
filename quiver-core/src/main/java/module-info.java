/**
 * Quiver core: the Apache Arrow columnar format, IPC stream and file formats and the integration JSON format
 * for Java 22+, over {@code java.lang.foreign}.
 *
 * <p>Public API (exported): {@link dev.quiver} (the exceptions), {@link dev.quiver.array} (arrays, batches,
 * builders), {@link dev.quiver.type} (types, fields, schemas), {@link dev.quiver.ipc} (readers and writers),
 * {@link dev.quiver.json} (the integration JSON format), {@link dev.quiver.validate} (validation levels),
 * {@link dev.quiver.compress} (compression codecs) and {@link dev.quiver.cdata} (the Arrow C Data and C Stream
 * Interfaces).
 *
 * <p>Internal (not exported; their types may change in any release): {@code dev.quiver.metadata} (the
 * Flatbuffers codec of the IPC metadata), {@code dev.quiver.memory} (little-endian and bit helpers, arenas) and
 * {@code dev.quiver.io} (safe output files). They are exported only to Quiver's own Flight and command-line
 * modules.
 *
 * <p>Native access: Quiver calls restricted methods of {@code java.lang.foreign} (the C library's {@code malloc}
 * and {@code free} through downcalls, {@code MemorySegment.reinterpret} for that memory) and its compression
 * libraries load native code (zstd-jni and lz4-java, through JNI). JDK 24+ warns about both unless native access
 * is enabled: {@code --enable-native-access=ALL-UNNAMED} on the class path, or by module name on the module path
 * ({@code --enable-native-access=dev.quiver.core,com.github.luben.zstd_jni,org.lz4.java}). Where native access is
 * denied, Quiver falls back to the JDK's arenas.
 */
// "module": the qualified exports name modules that are built after this one; "requires-automatic": lz4-java is an
// automatic module (its manifest's Automatic-Module-Name).
@SuppressWarnings({"module", "requires-automatic"})
module dev.quiver.core {
    requires com.github.luben.zstd_jni;
    requires org.lz4.java;

    exports dev.quiver;
    exports dev.quiver.array;
    exports dev.quiver.type;
    exports dev.quiver.ipc;
    exports dev.quiver.json;
    exports dev.quiver.validate;
    exports dev.quiver.compress;
    exports dev.quiver.cdata;

    exports dev.quiver.metadata to dev.quiver.flight, dev.quiver.cli;
    exports dev.quiver.memory to dev.quiver.flight, dev.quiver.cli;
    exports dev.quiver.io to dev.quiver.flight, dev.quiver.cli;
}
