package dev.quiver.flight.directory;

import dev.quiver.flight.FlightException;
import dev.quiver.flight.Ticket;

import java.nio.charset.StandardCharsets;

/**
 * What a ticket of the directory server names: a file (its path under the served directory) and a range of its
 * record batches. Encoded as UTF-8 text {@code quiver-dir/1 <first> <end> <path>}, so tickets are readable in logs
 * and stable across servers of the same directory.
 *
 * @param path  the file, '/'-separated under the served directory
 * @param first the first batch
 * @param end   the batch after the last
 */
record DirectoryTicket(String path, int first, int end) {
    private static final String PREFIX = "quiver-dir/1 ";

    DirectoryTicket {
        if (first < 0 || end < first) throw new IllegalArgumentException("bad batch range [" + first + ", " + end + ")");
    }

    Ticket encode() {
        return new Ticket((PREFIX + first + " " + end + " " + path).getBytes(StandardCharsets.UTF_8));
    }

    static DirectoryTicket decode(Ticket t) {
        String s = new String(t.bytes(), StandardCharsets.UTF_8);
        if (!s.startsWith(PREFIX)) {
            throw FlightException.invalidArgument("not a ticket of this server (expected '" + PREFIX.trim() + " FIRST END PATH'): " + t);
        }
        String[] parts = s.substring(PREFIX.length()).split(" ", 3);
        if (parts.length < 3 || parts[2].isEmpty()) throw FlightException.invalidArgument("malformed ticket: " + t);
        try {
            int first = Integer.parseInt(parts[0]);
            int end = Integer.parseInt(parts[1]);
            if (first < 0 || end < first) throw FlightException.invalidArgument("bad batch range in ticket: " + t);
            return new DirectoryTicket(parts[2], first, end);
        } catch (NumberFormatException e) {
            throw FlightException.invalidArgument("malformed batch range in ticket: " + t);
        }
    }
}
