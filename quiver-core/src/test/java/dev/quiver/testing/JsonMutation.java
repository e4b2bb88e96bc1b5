package dev.quiver.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changes one integer value of an integration JSON text (as pretty-printed in the gold files), for negative
 * tests of comparers: the value of the first valid slot of a column (or of a struct column's child) in a batch.
 */
public final class JsonMutation {
    private JsonMutation() {}

    /** The changed text and what changed: slot index, the old and the new value. */
    public record Mutated(String text, int index, String oldValue, String newValue) {}

    private static final Pattern VALIDITY = Pattern.compile("\"VALIDITY\":\\s*\\[([^\\]]*)\\]");
    private static final Pattern BATCH = Pattern.compile("\"count\":\\s*\\d+,\\s*\"columns\"");
    private static final Pattern DATA = Pattern.compile("\"DATA\":\\s*\\[([^\\]]*)\\]");

    /**
     * Adds one to the first valid integer of column {@code column} of batch {@code batch} (counting from 0), or of
     * its child named {@code child} when not null (then the first slot valid in both the struct and the child).
     */
    public static Mutated incrementFirstValid(String text, int batch, String column, String child) {
        int at = text.indexOf("\"batches\"");
        if (at < 0) throw new IllegalArgumentException("no batches");
        Matcher batches = BATCH.matcher(text);
        for (int b = 0; b <= batch; b++) {
            if (!batches.find(at)) throw new IllegalArgumentException("no batch " + batch);
            at = batches.end();
        }
        at = text.indexOf("\"name\": \"" + column + "\"", at);
        if (at < 0) throw new IllegalArgumentException("no column " + column);
        String[] parentValid = null;
        if (child != null) {
            Matcher pv = VALIDITY.matcher(text);
            if (!pv.find(at)) throw new IllegalArgumentException("no VALIDITY after " + at);
            parentValid = pv.group(1).split(",");
            at = text.indexOf("\"name\": \"" + child + "\"", at);
        }
        if (at < 0) throw new IllegalArgumentException("no child " + child);
        Matcher v = VALIDITY.matcher(text);
        if (!v.find(at)) throw new IllegalArgumentException("no VALIDITY after " + at);
        Matcher d = DATA.matcher(text);
        if (!d.find(at)) throw new IllegalArgumentException("no DATA after " + at);
        String[] valid = v.group(1).split(",");
        int slot = -1;
        for (int i = 0; i < valid.length; i++) {
            if (valid[i].trim().equals("1") && (parentValid == null || parentValid[i].trim().equals("1"))) {
                slot = i;
                break;
            }
        }
        if (slot < 0) throw new IllegalArgumentException("no valid slot");
        // find the span of DATA element `slot` inside group 1
        int start = d.start(1);
        String data = d.group(1);
        int pos = 0;
        for (int i = 0; i < slot; i++) pos = data.indexOf(',', pos) + 1;
        int end = data.indexOf(',', pos);
        if (end < 0) end = data.length();
        String raw = data.substring(pos, end);
        String old = raw.trim().replace("\"", "");
        String replacement = Long.toString(Long.parseLong(old) + 1);
        String quoted = raw.trim().startsWith("\"") ? "\"" + replacement + "\"" : replacement;
        String mutated = text.substring(0, start + pos) + raw.replace(raw.trim(), quoted) + text.substring(start + end);
        return new Mutated(mutated, slot, old, replacement);
    }
}
