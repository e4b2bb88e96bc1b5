package dev.quiver.flight;

import java.util.Objects;

/** An action a service offers, as ListActions describes it (Flight's {@code ActionType}). */
public record ActionType(String type, String description) {
    public ActionType {
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }
}
