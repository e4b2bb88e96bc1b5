package dev.quiver.array;

import dev.quiver.type.ArrowType;

/**
 * Base of the builders: values are appended one at a time into heap memory and {@link #build()} produces
 * {@link ArrayData} with 8-byte padded buffers and no validity bitmap when there are no nulls.
 *
 * <p>Builders use heap byte[]s rather than an arena: the result then needs no owner and no closing (the garbage
 * collector frees it), it can be shared freely between threads and batches, and growing is a plain array copy.
 * Buffers built here are limited to 2 GiB each. A builder is single-use: do not append after {@link #build()}.
 */
public abstract class ArrayBuilder {
    protected final ArrowType type;

    ArrayBuilder(ArrowType type) {
        this.type = type;
    }

    public ArrowType type() {
        return type;
    }

    /** Number of slots appended so far. */
    public abstract int length();

    /** Appends a null slot. */
    public abstract ArrayBuilder appendNull();

    /** The built array data. */
    public abstract ArrayData build();

    /** The built array as a typed view. */
    public Array buildArray() {
        return Array.of(build());
    }
}
