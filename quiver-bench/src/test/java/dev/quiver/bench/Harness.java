package dev.quiver.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the JMH benchmark methods of this module directly, once each, without JMH: their states are created,
 * given their {@code @Param} values, set up and torn down as JMH would for a trial of one invocation. Tests use it
 * to see what each benchmark computes (its return value), in any order they choose.
 */
final class Harness {
    private Harness() {}

    static final List<Class<?>> CLASSES = List.of(W1CitiesBenchmark.class, W2NumericBenchmark.class,
            W3RandomAccessBenchmark.class, W4NestedBenchmark.class, MemcpyBenchmark.class, ConvertBenchmark.class);

    /** One benchmark method with one assignment of its states' parameters. */
    record Case(Method method, Map<String, String> params) {
        String name() {
            String base = method.getDeclaringClass().getSimpleName() + "." + method.getName();
            if (params.isEmpty()) return base;
            StringBuilder sb = new StringBuilder(base).append('[');
            new TreeMap<>(params).forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ",")
                    .append(k).append('=').append(v));
            return sb.append(']').toString();
        }
    }

    /** Every benchmark method and parameter assignment, sorted by name; memcpy on 1 MiB as in smoke runs. */
    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Class<?> c : CLASSES) {
            for (Method m : c.getDeclaredMethods()) {
                if (!m.isAnnotationPresent(Benchmark.class)) continue;
                List<Map<String, String>> assignments = new ArrayList<>(List.of(new LinkedHashMap<>()));
                for (Class<?> state : m.getParameterTypes()) assignments = expand(assignments, state);
                if (m.getParameterCount() == 0) assignments = expand(assignments, c);
                for (Map<String, String> a : assignments) out.add(new Case(m, a));
            }
        }
        out.sort(Comparator.comparing(Case::name));
        return out;
    }

    private static List<Map<String, String>> expand(List<Map<String, String>> in, Class<?> state) {
        List<Map<String, String>> out = in;
        for (Field f : state.getFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p == null) continue;
            String[] values = f.getName().equals("bytes") ? new String[] {"1048576"} : p.value();
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> a : out) {
                for (String v : values) {
                    Map<String, String> b = new LinkedHashMap<>(a);
                    b.put(f.getName(), v);
                    next.add(b);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * Runs one case: states created and set up, one invocation, torn down. Returns what the benchmark returned
     * (a copied segment as its size).
     */
    static Object run(Case c) throws Exception {
        Method m = c.method();
        Class<?> benchClass = m.getDeclaringClass();
        Object bench = benchClass.getDeclaredConstructor().newInstance();
        Object[] states = new Object[m.getParameterCount()];
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            states[i] = newState(m.getParameterTypes()[i], c.params());
            all.add(states[i]);
        }
        if (states.length == 0) {
            bench = newState(benchClass, c.params());
            all.add(bench);
        }
        try {
            for (Object s : all) call(s, Setup.class, Level.Trial);
            for (Object s : all) call(s, Setup.class, Level.Invocation);
            Object result = invoke(m, bench, states);
            if (result instanceof MemorySegment seg) result = seg.byteSize();
            for (Object s : all) call(s, TearDown.class, Level.Invocation);
            return result;
        } finally {
            for (Object s : all) call(s, TearDown.class, Level.Trial);
        }
    }

    private static Object newState(Class<?> type, Map<String, String> params) throws Exception {
        var ctor = type.getDeclaredConstructor();
        ctor.setAccessible(true);
        Object s = ctor.newInstance();
        for (Field f : type.getFields()) {
            if (!f.isAnnotationPresent(Param.class) || !params.containsKey(f.getName())) continue;
            String v = params.get(f.getName());
            if (f.getType() == long.class) f.setLong(s, Long.parseLong(v));
            else if (f.getType() == int.class) f.setInt(s, Integer.parseInt(v));
            else f.set(s, v);
        }
        return s;
    }

    private static void call(Object state, Class<? extends java.lang.annotation.Annotation> kind, Level level)
            throws Exception {
        for (Method m : state.getClass().getMethods()) {
            boolean match = kind == Setup.class
                    ? m.isAnnotationPresent(Setup.class) && m.getAnnotation(Setup.class).value() == level
                    : m.isAnnotationPresent(TearDown.class) && m.getAnnotation(TearDown.class).value() == level;
            if (match) invoke(m, state);
        }
    }

    private static Object invoke(Method m, Object target, Object... args) throws Exception {
        try {
            m.setAccessible(true);
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw e;
        }
    }
}
