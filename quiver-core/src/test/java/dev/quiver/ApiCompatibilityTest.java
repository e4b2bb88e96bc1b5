package dev.quiver;

import dev.quiver.testing.ApiSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The exported API of {@code dev.quiver.core} is the committed snapshot
 * {@code src/test/resources/api/dev.quiver.core.txt} (see {@link ApiSnapshot}). After an intended change:
 * <pre>{@code ./mvnw -o -q test -pl quiver-core,quiver-flight -am -Dtest='ApiCompatibilityTest' -Dsurefire.failIfNoSpecifiedTests=false -Dquiver.api.update=true}</pre>
 * and commit the rewritten snapshot with the change.
 */
class ApiCompatibilityTest {
    @Test
    void exportedApiIsTheSnapshot() {
        ApiSnapshot.check(QuiverException.class);
    }
}
