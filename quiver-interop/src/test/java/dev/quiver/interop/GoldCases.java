package dev.quiver.interop;

import dev.quiver.json.IntegrationJson;
import dev.quiver.json.JsonFile;
import dev.quiver.testing.TestData;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every gold case of the four integration folders, listed from disk (so a new case is exchanged with Arrow Java
 * without editing a test), and the named cases Arrow Java 19 itself cannot handle, with the reason.
 */
final class GoldCases {
    private GoldCases() {}

    static final List<String> FOLDERS = TestData.FOLDERS;

    /** {@code integration/<folder>/generated_<name>.{json.gz,arrow_file,stream}}. */
    record Case(String folder, String name) {
        Path json() { return TestData.gold(folder, name, ".json.gz"); }
        Path file() { return TestData.gold(folder, name, ".arrow_file"); }
        Path stream() { return TestData.gold(folder, name, ".stream"); }
        @Override public String toString() { return folder + "/" + name; }
    }

    /** Which library writes the IPC data that the other reads. */
    enum Direction { QUIVER_WRITES, ARROW_JAVA_WRITES }

    /**
     * A case Arrow Java 19 cannot handle. {@code arrowJavaError} is part of the error Arrow Java gives when it
     * checks Arrow C++'s gold file of the case against the case's JSON on its own (no Quiver involved);
     * {@code ipcReaderError}, when Quiver's writing is excluded, part of the error Arrow Java's IPC reader gives on
     * Quiver's file of the case. {@code ArrowJavaLimitsTest} asserts that both still fail so, so an exclusion
     * cannot hide a Quiver failure.
     */
    record Exclusion(String reason, String arrowJavaError, String ipcReaderError, Set<Direction> directions) {}

    /** By case name (in whichever folder it appears). */
    static final Map<String, Exclusion> ARROW_JAVA_CANNOT = Map.of(
            "decimal32", new Exclusion("Decimal of bit width 32 (Schema.fbs, Arrow 18): Arrow Java 19 has no vector "
                    + "for it and refuses the schema of any IPC file holding it; its JSON reader takes the values "
                    + "but its writer then writes wrong ones",
                    "Library only supports 128-bit and 256-bit decimal values",
                    "Library only supports 128-bit and 256-bit decimal values", EnumSet.allOf(Direction.class)),
            "decimal64", new Exclusion("Decimal of bit width 64: as decimal32",
                    "Library only supports 128-bit and 256-bit decimal values",
                    "Library only supports 128-bit and 256-bit decimal values", EnumSet.allOf(Direction.class)),
            "duplicate_fieldnames", new Exclusion("a struct with two children of the same name: Arrow Java's struct "
                    + "vector keys its children by name, so it cannot even load the case's JSON, and its IPC reader "
                    + "makes one child of the two and then finds buffers left over",
                    "fields and children are not the same size: 2 != 1",
                    "not all nodes, buffers and variadicBufferCounts were consumed", EnumSet.allOf(Direction.class)),
            "nested_dictionary", new Exclusion("dictionary-encoded fields inside dictionary values (ARROW-7779): Arrow "
                    + "Java reads Quiver's files of this case as equal to the JSON (so Quiver-writes is tested), but "
                    + "its JSON reader renames the list's encoded child 'str_dict' to '$data$', so what it writes "
                    + "carries that name; and it cannot match Arrow C++'s gold file (other dictionary ids) against "
                    + "the JSON",
                    "Different schemas", null, EnumSet.of(Direction.ARROW_JAVA_WRITES)));

    /** Every case of {@link #FOLDERS}, sorted by folder then name. */
    static List<Case> all() {
        return TestData.goldCases().stream().map(c -> new Case(c.folder(), c.name())).toList();
    }

    /** The cases exchanged in one direction: all but those excluded for it. */
    static List<Case> supported(Direction d) {
        return all().stream().filter(c -> !excluded(c, d)).toList();
    }

    private static final Map<Case, JsonFile> JSON = new ConcurrentHashMap<>();

    /** The case's JSON as Quiver reads it, read once per test run (a JsonFile is immutable). */
    static JsonFile quiverJson(Case c) {
        return JSON.computeIfAbsent(c, k -> IntegrationJson.read(k.json()));
    }

    /** Whether the case's schema has a union anywhere (read from its JSON by Quiver). */
    static boolean hasUnion(Case c) {
        return quiverJson(c).schema().fields().stream().anyMatch(GoldCases::hasUnion);
    }

    private static boolean hasUnion(Field f) {
        return f.type() instanceof ArrowType.Union || f.children().stream().anyMatch(GoldCases::hasUnion);
    }

    static boolean excluded(Case c, Direction d) {
        Exclusion e = ARROW_JAVA_CANNOT.get(c.name());
        return e != null && e.directions().contains(d);
    }
}
