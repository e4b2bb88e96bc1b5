package dev.quiver.cli.text;

/**
 * ANSI colours for terminals (SGR escape sequences), applied only when a command decided to colour its output: on
 * a terminal, unless {@code NO_COLOR} is set or {@code --no-color} given; {@code --color always} forces them.
 */
public record Ansi(boolean enabled) {
    public static final Ansi OFF = new Ansi(false);

    public static final String BOLD = "1", DIM = "2", RED = "31", GREEN = "32", YELLOW = "33", BLUE = "34",
            MAGENTA = "35", CYAN = "36", BRIGHT_GREEN = "92", BRIGHT_BLUE = "94", BRIGHT_MAGENTA = "95";

    /** {@code text} in colour {@code code} (such as {@link #GREEN}), or as is when disabled. */
    public String paint(String code, String text) {
        if (!enabled || code == null || text.isEmpty()) return text;
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }
}
