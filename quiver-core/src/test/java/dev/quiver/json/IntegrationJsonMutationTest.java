package dev.quiver.json;

import dev.quiver.QuiverException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Deterministic mutations of gold files (hostile numbers, dropped elements, swapped strings, truncation):
 * reading must either succeed or fail with a {@link QuiverException}, never with another exception; what
 * is read must be writable.
 */
class IntegrationJsonMutationTest {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern STRING = Pattern.compile("\"[^\"\\\\]*\"");
    private static final String[] HOSTILE = {"-1", "0", "1", "7", "127", "128", "-129", "255", "256", "32768",
            "65536", "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e400", "-0.5", "3.25",
            "\"12\"", "\"-x\"", "null", "true", "[]", "{}", "\"\""};

    @ParameterizedTest
    @ValueSource(strings = {"union", "run_end_encoded", "list_view", "binary_view", "nested_dictionary", "map",
            "nested", "interval_mdn", "datetime", "custom_metadata"})
    void mutatedGoldFilesFailCleanly(String name) throws IOException {
        String text = IntegrationJsonGoldTest.text(IntegrationJsonGoldTest.gold("cpp-21.0.0", name));
        // keep the documents small: the mutations matter, not the bulk
        List<int[]> numbers = spans(NUMBER.matcher(text));
        List<int[]> strings = spans(STRING.matcher(text));
        Random random = new Random(name.hashCode());
        for (int round = 0; round < 150; round++) {
            String mutated = switch (round % 5) {
                case 0, 1 -> {
                    int[] s = numbers.get(random.nextInt(numbers.size()));
                    yield text.substring(0, s[0]) + HOSTILE[random.nextInt(HOSTILE.length)] + text.substring(s[1]);
                }
                case 2 -> {
                    int[] s = strings.get(random.nextInt(strings.size()));
                    String replacement = switch (random.nextInt(5)) {
                        case 0 -> "\"ZZ\"";
                        case 1 -> "\"ABC\"";
                        case 2 -> "\"\\ud800\"";
                        case 3 -> "\"union\"";
                        default -> "\"DAY_TIME\"";
                    };
                    yield text.substring(0, s[0]) + replacement + text.substring(s[1]);
                }
                case 3 -> { // drop one array element or member (the text up to the next comma)
                    int[] s = numbers.get(random.nextInt(numbers.size()));
                    int comma = text.indexOf(',', s[0]);
                    yield comma < 0 ? text : text.substring(0, s[0]) + text.substring(comma + 1);
                }
                default -> text.substring(0, random.nextInt(text.length()));
            };
            try {
                JsonFile f = IntegrationJson.parse(mutated, name);
                IntegrationJson.toJson(f);
            } catch (QuiverException expected) {
                // fine: bad input reported as such
            } catch (RuntimeException | Error e) {
                fail("round " + round + " of " + name + ": " + e, e);
            }
        }
    }

    private static List<int[]> spans(Matcher m) {
        List<int[]> out = new ArrayList<>();
        while (m.find()) out.add(new int[] {m.start(), m.end()});
        return out;
    }
}
