package dev.quiver.flight;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** An opaque token that a server redeems with DoGet for one stream (Flight's {@code Ticket}). */
public record Ticket(byte[] bytes) {
    public Ticket {
        bytes = bytes == null ? new byte[0] : bytes.clone();
    }

    /** A ticket holding {@code text} in UTF-8. */
    public static Ticket of(String text) {
        return new Ticket(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] bytes() { return bytes.clone(); }

    @Override
    public boolean equals(Object o) { return o instanceof Ticket t && Arrays.equals(bytes, t.bytes); }

    @Override
    public int hashCode() { return Arrays.hashCode(bytes); }

    @Override
    public String toString() { return "Ticket(" + FlightDescriptor.printable(bytes) + ")"; }
}
