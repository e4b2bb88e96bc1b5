/**
 * Memory: buffers are {@link java.lang.foreign.MemorySegment}s read through little-endian unaligned layouts
 * ({@link dev.quiver.memory.LE}); bit-packed buffers through {@link dev.quiver.memory.Bits}.
 * Each {@link java.lang.foreign.Arena} has exactly one owner that closes it; slices never close anything.
 * Memory that readers allocate for batches and dictionaries is a {@link dev.quiver.memory.ReclaimableArena}:
 * closed by its owner, or reclaimed by the garbage collector once none of its segments is reachable.
 *
 * @see <a href="https://arrow.apache.org/docs/format/Columnar.html#buffer-alignment-and-padding">Buffer alignment and padding</a>
 */
package dev.quiver.memory;
