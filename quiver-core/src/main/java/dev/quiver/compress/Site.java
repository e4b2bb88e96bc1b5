package dev.quiver.compress;

import dev.quiver.InvalidDataException;

/**
 * Where the bytes being decoded live: the resource and the absolute offset of position 0 of the segment
 * being read, so that errors can say "at byte N".
 */
record Site(String resource, long base) {

    InvalidDataException invalid(String detail, long position) {
        return new InvalidDataException(detail, resource, base + position);
    }

    InvalidDataException invalid(String detail, long position, Throwable cause) {
        return new InvalidDataException(detail, resource, base + position, null, cause);
    }

    /** The same resource, with position 0 moved to {@code position}. */
    Site shift(long position) {
        return new Site(resource, base + position);
    }
}
