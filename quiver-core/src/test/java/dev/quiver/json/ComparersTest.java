package dev.quiver.json;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The test comparers do detect differences (so the round-trip tests are not vacuous). */
class ComparersTest {

    private static JsonValue j(String s) {
        return JsonParser.parse(s, "t");
    }

    @Test
    void jsonTreeComparerDetectsDifferences() {
        JsonTreeAssert.assertSameTree(j("{\"a\": [1.50, \"x\"], \"b\": true}"), j("{\"b\": true, \"a\": [1.5, \"x\"]}"), "$");
        JsonTreeAssert.assertSameTree(j("{\"a\": 1, \"metadata\": []}"), j("{\"a\": 1}"), "$");
        assertThrows(AssertionError.class, () -> JsonTreeAssert.assertSameTree(j("[1]"), j("[2]"), "$"));
        assertThrows(AssertionError.class, () -> JsonTreeAssert.assertSameTree(j("[\"1\"]"), j("[1]"), "$"));
        assertThrows(AssertionError.class, () -> JsonTreeAssert.assertSameTree(j("{\"a\": 1}"), j("{\"b\": 1}"), "$"));
        assertThrows(AssertionError.class, () -> JsonTreeAssert.assertSameTree(j("{\"a\": 1}"), j("{\"a\": 1, \"b\": 2}"), "$"));
        assertThrows(AssertionError.class, () -> JsonTreeAssert.assertSameTree(j("[1, 2]"), j("[1]"), "$"));
    }

    @Test
    void arrayDataComparerDetectsDifferences() {
        String a = IntegrationJsonErrorsTest.intDoc("\"VALIDITY\": [1, 0, 1], \"DATA\": [1, 2, 3]");
        JsonFile x = IntegrationJson.parse(a, "a");
        JsonFile sameValues = IntegrationJson.parse(a, "b");
        IntegrationJsonGoldTest.assertSameFile(x, sameValues);
        JsonFile otherValue = IntegrationJson.parse(a.replace("[1, 2, 3]", "[1, 2, 4]"), "c");
        assertThrows(AssertionError.class, () -> IntegrationJsonGoldTest.assertSameFile(x, otherValue));
        JsonFile otherNullSlot = IntegrationJson.parse(a.replace("[1, 2, 3]", "[1, 5, 3]"), "d");
        assertThrows(AssertionError.class, () -> IntegrationJsonGoldTest.assertSameFile(x, otherNullSlot));
        JsonFile otherValidity = IntegrationJson.parse(a.replace("[1, 0, 1]", "[1, 1, 1]"), "e");
        assertThrows(AssertionError.class, () -> IntegrationJsonGoldTest.assertSameFile(x, otherValidity));
    }
}
