package dev.quiver.metadata;

/** {@code Block} of {@code format/File.fbs}: where one message sits in an IPC file. */
public record Block(long offset, int metaDataLength, long bodyLength) {
}
