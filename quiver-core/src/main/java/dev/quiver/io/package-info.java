/**
 * Output to paths that never leaves a destination half-written: {@link dev.quiver.io.SafeOutput} writes beside a
 * regular file and renames over it when complete, and writes through to pipes, devices, sockets and
 * {@code /dev/stdout}. Used by the IPC writers opened on paths, the integration JSON writer and the command line.
 */
package dev.quiver.io;
