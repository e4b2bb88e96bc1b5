import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the classes of a jar compiled for Java 5 (picocli's: class file version 49) as class file version 52,
 * with the stack maps that version needs computed by the JDK's ClassFile API; the instructions stay as they are.
 * Why: the JDK 25 AOT cache cannot hold classes older than version 50 ("old classes"), so without this every run
 * of ./quiver parses, verifies (with the old, slower verifier) and links picocli's ~170 classes again, which is most
 * of what is left of its start-up. Needs JDK 24+ (java.lang.classfile); run by ./quiver on target/lib/picocli-*.jar
 * before it makes the AOT cache (JDK 25+), in place (a temporary file renamed over it; the jar is left alone, its
 * time too, when there is nothing to rewrite).
 *
 *   java ClassVersionUpgrade.java JAR
 *
 * Classes already at version 50 or later, and every other entry, are copied unchanged. Prints what it did.
 */
public final class ClassVersionUpgrade {
    static final int TARGET = ClassFile.JAVA_8_VERSION;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java ClassVersionUpgrade.java JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), ".upgrade-", ".jar");
        int upgraded = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            // the jar's own classes and the JDK's: what stack map frames need to know of the class hierarchy
            ClassFile cf = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(loader)).cached()));
            ClassTransform version = (builder, element) -> {
                if (element instanceof ClassFileVersion) builder.withVersion(TARGET, 0);
                else builder.with(element);
            };
            // the code of each method rebuilt (not copied), so that its stack maps are generated
            ClassTransform transform = version.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL));
            try (InputStream fin = Files.newInputStream(jar); ZipInputStream in = new ZipInputStream(fin);
                 OutputStream fout = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(fout)) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
                        ClassModel model = cf.parse(bytes);
                        if (model.majorVersion() < ClassFile.JAVA_6_VERSION) {
                            try {
                                bytes = cf.transformClass(model, transform);
                                upgraded++;
                            } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException ex) {
                                // e.g. jsr/ret, which no stack map can describe: this class stays as it was
                                System.err.println("ClassVersionUpgrade: " + e.getName() + " kept as it is: " + ex);
                            }
                        }
                    }
                    ZipEntry copy = new ZipEntry(e.getName());
                    if (e.getLastModifiedTime() != null) copy.setLastModifiedTime(e.getLastModifiedTime());
                    out.putNextEntry(copy);
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            // nothing to do (already upgraded): the jar stays as it is, its time too (caches made from it stay good)
            if (upgraded > 0) {
                // the jar's permissions, not the temporary file's owner-only ones (an image others run must stay readable)
                if (Files.getFileStore(jar).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));
                }
                Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        System.out.println("ClassVersionUpgrade: " + jar + ": " + upgraded + " classes now at class file version "
                + TARGET);
    }
}
