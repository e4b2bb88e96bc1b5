package dev.quiver.flight;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Names a flight: a path (a list of strings, as in a file system) or an opaque command, as Flight's
 * {@code FlightDescriptor} (PyArrow's {@code FlightDescriptor.for_path} and {@code for_command}).
 *
 * @param type    PATH or CMD
 * @param command the command's bytes (empty for a path)
 * @param path    the path's parts (empty for a command)
 */
public record FlightDescriptor(Type type, byte[] command, List<String> path) {

    /** The kind of descriptor. */
    public enum Type { PATH, CMD }

    public FlightDescriptor {
        Objects.requireNonNull(type, "type");
        command = command == null ? new byte[0] : command.clone();
        path = List.copyOf(path == null ? List.of() : path);
    }

    /** A path descriptor: {@code path("datasets", "taxi.arrow")}. */
    public static FlightDescriptor path(String... parts) {
        return new FlightDescriptor(Type.PATH, null, List.of(parts));
    }

    /** A path descriptor from a list of parts. */
    public static FlightDescriptor path(List<String> parts) {
        return new FlightDescriptor(Type.PATH, null, parts);
    }

    /** A command descriptor. */
    public static FlightDescriptor command(byte[] command) {
        return new FlightDescriptor(Type.CMD, command, List.of());
    }

    /** A command descriptor holding {@code command} in UTF-8. */
    public static FlightDescriptor command(String command) {
        return command(command.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isPath() { return type == Type.PATH; }

    @Override
    public byte[] command() { return command.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlightDescriptor d && type == d.type && Arrays.equals(command, d.command)
                && path.equals(d.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(command), path);
    }

    @Override
    public String toString() {
        return type == Type.PATH ? "path " + String.join("/", path) : "command " + printable(command);
    }

    /** The bytes as text when they are printable UTF-8, else as hex. */
    static String printable(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        boolean text = s.chars().allMatch(c -> c >= 0x20 && c != 0xFFFD);
        return text ? "'" + s + "'" : "0x" + HexFormat.of().formatHex(bytes);
    }
}
