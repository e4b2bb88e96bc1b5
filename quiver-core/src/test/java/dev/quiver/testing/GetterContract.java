package dev.quiver.testing;

import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Layout;
import dev.quiver.array.RecordBatch;
import dev.quiver.array.StructArray;
import dev.quiver.type.ArrowType;
import dev.quiver.validate.ValidationLevel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.DateTimeException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The getter contract of {@link ValidationLevel}: on an array read or validated at a level, every typed getter
 * (found by reflection), getObject, getDisplayObject, isNull, isValid, toString and slice, called on every slot,
 * returns or throws only what the level documents:
 * <ul>
 *   <li>at every level: {@link DateTimeException} from the getters that return java.time values, where java.time
 *   cannot hold the value (times of day, timestamps), also through getObject of arrays nesting them;</li>
 *   <li>FULL: nothing else on a valid slot; on a null slot the typed getters may throw what BASIC allows (what lies
 *   under a null is unspecified), getObject and getDisplayObject return null;</li>
 *   <li>BASIC: {@link IndexOutOfBoundsException} from arrays whose type follows offsets, views, type ids, run ends or
 *   dictionary indices (or nests such a type); fixed-width getters throw nothing;</li>
 *   <li>NONE: {@link IndexOutOfBoundsException} from any getter.</li>
 * </ul>
 * Anything else fails with an {@link AssertionError} that names the array, the getter, the slot and {@code where}.
 * After {@value #MAX_REFUSALS} allowed refusals of one getter on one array, its remaining slots are not called.
 * Used by GetterContractTest (mutated arrays) and by the fuzz targets of quiver-fuzz.
 */
public record GetterContract(ValidationLevel level, String where, int maxSlots) {

    /** The contract at {@code level}, checking at most {@code maxSlots} slots of each array. */
    public GetterContract {
        if (maxSlots < 0) throw new IllegalArgumentException("maxSlots " + maxSlots);
    }

    /** Every column of {@code batch}, every slot (up to {@link #maxSlots()}), every getter. */
    public void exercise(RecordBatch batch) {
        for (int c = 0; c < batch.numColumns(); c++) exercise(batch.column(c), 0);
    }

    /** Types whose getters follow offsets, views, type ids, run ends or dictionary indices. */
    public static boolean indirect(ArrayData d) {
        ArrowType t = d.type();
        if (d.dictionary() != null || Layout.offsetWidth(t) > 0 || Layout.hasVariadicBuffers(t)
                || t instanceof ArrowType.Union || t instanceof ArrowType.RunEndEncoded) {
            return true;
        }
        for (ArrayData c : d.children()) if (indirect(c)) return true;
        return false;
    }

    /** Whether the array is or nests a type whose java.time getters may throw DateTimeException. */
    public static boolean javaTime(ArrayData d) {
        if (d.type() instanceof ArrowType.Time || d.type() instanceof ArrowType.Timestamp) return true;
        for (ArrayData c : d.children()) if (javaTime(c)) return true;
        return d.dictionary() != null && javaTime(d.dictionary());
    }

    private static final Set<String> JAVA_TIME_GETTERS = Set.of("getObject", "getLocalTime", "getInstant",
            "getLocalDateTime", "toList", "getMap");

    /**
     * Allowed refusals of one getter on one array after which its remaining slots are taken as refused too. Each
     * refusal is an exception with its stack trace (about 5 KiB each under the fuzzer), so that 2,048 slots times
     * every getter times every nested array of unvalidated garbage allocated over 100 MB for an input of 2.6 KB
     * (quiver-fuzz's regression input {@code nested-list-amplification}): the cost of the test's exceptions, not of
     * Quiver's reading, which the fuzz targets bound.
     */
    static final int MAX_REFUSALS = 16;

    /** Calls {@code call}; fails unless it returns or throws what the level allows for {@code method}. */
    private Object check(Array a, String method, int slot, boolean nullSlot, Call call) {
        return check(a, method, slot, nullSlot, null, call);
    }

    /** As above, counting refusals per method in {@code refused} (null: not counted, never skipped). */
    private Object check(Array a, String method, int slot, boolean nullSlot, Map<String, Integer> refused,
                         Call call) {
        if (refused != null && refused.getOrDefault(method, 0) >= MAX_REFUSALS) return null;
        try {
            return call.run();
        } catch (InvocationTargetException e) {
            return check(a, method, slot, nullSlot, refused, () -> {
                throw e.getCause();
            });
        } catch (Throwable e) {
            if (!allowed(a, method, nullSlot, e)) {
                throw new AssertionError(where + " at " + level + ": " + a.type() + " " + method
                        + (slot >= 0 ? "(" + slot + ")" : "()") + (nullSlot ? " on a null slot" : "") + " threw "
                        + e, e);
            }
            if (refused != null) refused.merge(method, 1, Integer::sum);
            return null;
        }
    }

    private boolean allowed(Array a, String method, boolean nullSlot, Throwable e) {
        boolean display = method.equals("getDisplayObject") || method.equals("toString");
        if (e instanceof DateTimeException) return !display && JAVA_TIME_GETTERS.contains(method) && javaTime(a.data());
        if (!(e instanceof IndexOutOfBoundsException)) return false;
        return switch (level) {
            case NONE -> true;
            case BASIC -> indirect(a.data());
            case FULL -> nullSlot && !display && !method.equals("getObject") && indirect(a.data());
        };
    }

    /** Every slot of {@code a} (up to {@link #maxSlots()}) and of its children, to a depth of 2 below {@code depth}. */
    public void exercise(Array a, int depth) {
        int n = Math.min(a.length(), maxSlots);
        Map<String, Integer> refused = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int slot = i;
            Object isNull = check(a, "isNull", i, false, refused, () -> a.isNull(slot));
            boolean nullSlot = !Boolean.FALSE.equals(isNull);
            check(a, "isValid", i, false, refused, () -> a.isValid(slot));
            Object v = check(a, "getObject", i, nullSlot, refused, () -> a.getObject(slot));
            Object shown = check(a, "getDisplayObject", i, nullSlot, refused, () -> a.getDisplayObject(slot));
            if (level == ValidationLevel.FULL && Boolean.TRUE.equals(isNull)) {
                assertTrue(v == null && shown == null, where + ": getObject of a null slot is null");
            }
            for (Method m : slotGetters(a)) {
                Object r = check(a, m.getName(), i, nullSlot, refused, () -> m.invoke(a, slot));
                if (r instanceof Array sub && depth < 2) check(sub, "toString", -1, false, sub::toString);
            }
        }
        check(a, "toString", -1, false, a::toString);
        Object sliced = check(a, "slice", -1, false, () -> a.slice(0, a.length()));
        if (sliced instanceof Array s && depth < 2) check(s, "toString", -1, false, s::toString);
        for (Method m : methods(a.getClass())) {
            if (m.getParameterCount() == 0 && Array.class.isAssignableFrom(m.getReturnType())
                    && Modifier.isPublic(m.getModifiers()) && depth < 2) {
                Object sub = check(a, m.getName(), -1, false, () -> m.invoke(a));
                if (sub instanceof Array s) exercise(s, depth + 1);
            }
        }
        if (a instanceof StructArray s) {
            for (int f = 0; f < s.numFields(); f++) {
                int field = f;
                Object sub = check(a, "field", f, false, () -> s.field(field));
                if (sub instanceof Array child && depth < 2) exercise(child, depth + 1);
            }
        }
    }

    private static final Map<Class<?>, Method[]> METHODS = new ConcurrentHashMap<>();

    private static Method[] methods(Class<?> c) {
        return METHODS.computeIfAbsent(c, Class::getMethods);
    }

    private static final Map<String, Method[]> SLOT_GETTERS = new ConcurrentHashMap<>();

    /** The slot getters of {@code a}'s class that apply to its type (found once per class and kind of type). */
    private static Method[] slotGetters(Array a) {
        String key = a.getClass().getName() + (Layout.hasVariadicBuffers(a.type()) ? "+views" : "")
                + (a.type() instanceof ArrowType.Union ? "+union" : "")
                + (a.type() instanceof ArrowType.RunEndEncoded ? "+ree" : "");
        return SLOT_GETTERS.computeIfAbsent(key, k -> java.util.Arrays.stream(methods(a.getClass()))
                .filter(m -> slotGetter(m, a)).toArray(Method[]::new));
    }

    private static final Set<String> NOT_SLOT_GETTERS = Set.of("getObject", "getDisplayObject", "isNull", "isValid",
            "field", "equals", "wait");

    /** A public method taking a slot: getters such as get, getString, getLocalTime, valueLength, getIndex. */
    private static boolean slotGetter(Method m, Array a) {
        if (m.getParameterCount() != 1 || m.getParameterTypes()[0] != int.class) return false;
        if (NOT_SLOT_GETTERS.contains(m.getName()) || m.getDeclaringClass() == Object.class) return false;
        // getters of one type only (others throw UnsupportedOperationException, as documented)
        return switch (m.getName()) {
            case "getViewSegment" -> Layout.hasVariadicBuffers(a.type());
            case "unionChildOf", "unionChildSlot" -> a.type() instanceof ArrowType.Union;
            case "runOf" -> a.type() instanceof ArrowType.RunEndEncoded;
            default -> true;
        };
    }

    private interface Call {
        Object run() throws Throwable;
    }
}
