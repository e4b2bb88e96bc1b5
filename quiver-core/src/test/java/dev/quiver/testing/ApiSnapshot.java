package dev.quiver.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The exported API of a module as text, compared with a snapshot committed under {@code src/test/resources/api/}:
 * every public or protected type of the packages the module exports to everyone (its {@code module-info.class};
 * packages exported only to named modules are internal), with its supertypes, permitted subclasses, and public and
 * protected constructors, methods and fields, as {@code java.lang.reflect} prints them (generic signatures,
 * modifiers, {@code throws}). One type per block, sorted, so a diff shows exactly what changed.
 *
 * <p>A change to the API fails the test with the lines removed ({@code -}) and added ({@code +}). When the change
 * is intended, rewrite the snapshot and commit it with the change:
 * <pre>{@code ./mvnw -o -q test -pl quiver-core,quiver-flight -am -Dtest='ApiCompatibilityTest' -Dsurefire.failIfNoSpecifiedTests=false -Dquiver.api.update=true}</pre>
 */
public final class ApiSnapshot {
    private ApiSnapshot() {}

    /** The system property that rewrites snapshots instead of comparing them. */
    public static final String UPDATE = "quiver.api.update";

    /**
     * Checks the exported API of the module whose classes contain {@code anyClass} against
     * {@code src/test/resources/api/<module>.txt} of the module's project directory (the test's working directory).
     */
    public static void check(Class<?> anyClass) {
        Path classes = classesOf(anyClass);
        Map.Entry<String, String> api;
        try {
            api = withRoot(classes, root -> describe(root, anyClass.getClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String module = api.getKey();
        String current = api.getValue();
        Path snapshot = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/api/" + module + ".txt");
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(snapshot.getParent());
                Files.writeString(snapshot, current);
                return;
            }
            assertTrue(Files.isRegularFile(snapshot), "no API snapshot " + snapshot + ": write it with -D" + UPDATE + "=true");
            String expected = Files.readString(snapshot);
            if (!expected.equals(current)) fail(diff(module, snapshot, expected, current));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String diff(String module, Path snapshot, String expected, String current) {
        Set<String> was = new LinkedHashSet<>(expected.lines().toList());
        Set<String> now = new LinkedHashSet<>(current.lines().toList());
        StringBuilder sb = new StringBuilder("the exported API of " + module + " differs from " + snapshot
                + " (if intended, rerun with -D" + UPDATE + "=true and commit the snapshot):\n");
        String type = null;
        for (String l : expected.lines().toList()) {
            if (!l.startsWith(" ")) type = l;
            if (!now.contains(l)) sb.append("- ").append(l.startsWith(" ") ? type + "\n-   " + l.strip() : l).append('\n');
        }
        for (String l : current.lines().toList()) {
            if (!l.startsWith(" ")) type = l;
            if (!was.contains(l)) sb.append("+ ").append(l.startsWith(" ") ? type + "\n+   " + l.strip() : l).append('\n');
        }
        return sb.toString();
    }

    private static Path classesOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface RootFunction<T> { T apply(Path root) throws IOException; }

    private static <T> T withRoot(Path classes, RootFunction<T> f) throws IOException {
        if (Files.isDirectory(classes)) return f.apply(classes);
        try (FileSystem fs = FileSystems.newFileSystem(classes)) {
            return f.apply(fs.getPath("/"));
        }
    }

    /** The module's name and its exported API as text. */
    private static Map.Entry<String, String> describe(Path root, ClassLoader loader) throws IOException {
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        Set<String> exported = d.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        Map<String, String> types = new TreeMap<>();
        for (String pkg : exported) {
            Path dir = root.resolve(pkg.replace('.', '/'));
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".class")).toList();
            }
            for (Path f : files) {
                String simple = f.getFileName().toString();
                simple = simple.substring(0, simple.length() - ".class".length());
                if (simple.equals("package-info")) continue;
                Class<?> c;
                try {
                    c = Class.forName(pkg + "." + simple, false, loader);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
                if (visible(c)) types.put(c.getName(), type(c));
            }
        }
        StringBuilder sb = new StringBuilder("# The exported API of module " + d.name()
                + " (dev.quiver.testing.ApiSnapshot; rewrite with -D" + UPDATE + "=true)\n");
        sb.append("# exports ").append(String.join(", ", exported)).append('\n');
        for (String t : types.values()) sb.append(t);
        return Map.entry(d.name(), sb.toString());
    }

    /** Public or protected, not synthetic, anonymous or local, and so is every enclosing class. */
    private static boolean visible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (k.isSynthetic() || k.isAnonymousClass() || k.isLocalClass()) return false;
            int m = k.getModifiers();
            if (!Modifier.isPublic(m) && !Modifier.isProtected(m)) return false;
        }
        return true;
    }

    private static boolean visible(Member m) {
        int mod = m.getModifiers();
        return (Modifier.isPublic(mod) || Modifier.isProtected(mod)) && !m.isSynthetic()
                && !(m instanceof Method method && method.isBridge());
    }

    private static String type(Class<?> c) {
        StringBuilder sb = new StringBuilder(c.toGenericString());
        Type sup = c.getGenericSuperclass();
        if (sup != null && sup != Object.class && !c.isEnum() && !c.isRecord()) sb.append(" extends ").append(sup.getTypeName());
        Type[] ifaces = c.getGenericInterfaces();
        if (ifaces.length > 0) {
            sb.append(c.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(ifaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        if (c.isSealed()) {
            sb.append(" permits ").append(Arrays.stream(c.getPermittedSubclasses()).map(Class::getName)
                    .sorted().collect(Collectors.joining(", ")));
        }
        sb.append('\n');
        List<String> members = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (visible(f)) members.add("field " + f.toGenericString());
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k)) members.add("constructor " + signature(k));
        }
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m)) members.add("method " + signature(m));
        }
        members.sort(null);
        for (String m : members) sb.append("  ").append(m).append('\n');
        return sb.toString();
    }

    /** {@code toGenericString} without the declaring class before the name (the block already names it). */
    private static String signature(Executable e) {
        String s = e.toGenericString();
        String type = e.getDeclaringClass().getTypeName();
        String qualified = e instanceof Constructor<?> ? type + "(" : type + "." + e.getName() + "(";
        String plain = (e instanceof Constructor<?> ? e.getDeclaringClass().getSimpleName() : e.getName()) + "(";
        int i = s.indexOf(qualified);
        return i < 0 ? s : s.substring(0, i) + plain + s.substring(i + qualified.length());
    }
}
