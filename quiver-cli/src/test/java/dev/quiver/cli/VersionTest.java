package dev.quiver.cli;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One version everywhere: {@code quiver --version} prints the version of the POMs (the build filters it into
 * {@code version.properties}), every module's parent is that version, and the BOM ({@code quiver-bom}, which has no
 * parent) has the same version and manages every published module ({@code quiver-interop} and {@code quiver-bench}
 * are not published: tests and benchmarks).
 */
class VersionTest {
    private static final Set<String> UNPUBLISHED = Set.of("quiver-interop", "quiver-bench");

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    private static Element pom(Path p) throws Exception {
        assertTrue(Files.isRegularFile(p), p.toString());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(p.toFile());
        return d.getDocumentElement();
    }

    private static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) return c;
        }
        return null;
    }

    private static String text(Element e, String... path) {
        Element c = e;
        for (String p : path) {
            c = child(c, p);
            if (c == null) return null;
        }
        return c.getTextContent().strip();
    }

    private static List<String> children(Element e, String container, String name) {
        List<String> out = new ArrayList<>();
        Element c = child(e, container);
        if (c == null) return out;
        NodeList l = c.getElementsByTagName(name);
        for (int i = 0; i < l.getLength(); i++) out.add(l.item(i).getTextContent().strip());
        return out;
    }

    @Test
    void quiverVersionIsThePomVersion() throws Exception {
        String version = text(pom(ROOT.resolve("pom.xml")), "version");
        assertEquals("quiver " + version + "\n", Cli.run("--version").out());
        assertEquals("quiver " + version + "\n", Cli.run("-V").out());
    }

    @Test
    void everyModuleAndTheBomHaveTheParentsVersion() throws Exception {
        Element parent = pom(ROOT.resolve("pom.xml"));
        String version = text(parent, "version");
        String group = text(parent, "groupId");
        List<String> modules = children(parent, "modules", "module");
        assertTrue(modules.containsAll(List.of("quiver-bom", "quiver-core", "quiver-flight", "quiver-cli")), modules.toString());

        Set<String> published = new TreeSet<>();
        for (String m : modules) {
            Element pom = pom(ROOT.resolve(m).resolve("pom.xml"));
            if (m.equals("quiver-bom")) {
                assertEquals(null, child(pom, "parent"), "the BOM has no parent (importing it brings only Quiver's versions)");
                assertEquals(group, text(pom, "groupId"));
                assertEquals(version, text(pom, "version"), "quiver-bom's version");
                assertEquals("pom", text(pom, "packaging"));
                continue;
            }
            assertEquals(version, text(pom, "parent", "version"), m + "'s parent version");
            assertEquals(null, text(pom, "version"), m + " inherits its version");
            assertEquals(m, text(pom, "artifactId"));
            if (!UNPUBLISHED.contains(m)) published.add(m);
        }

        Element bom = pom(ROOT.resolve("quiver-bom/pom.xml"));
        Set<String> managed = new TreeSet<>();
        NodeList deps = child(child(bom, "dependencyManagement"), "dependencies").getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertEquals(group, text(d, "groupId"));
            assertEquals("${project.version}", text(d, "version"), text(d, "artifactId"));
            managed.add(text(d, "artifactId"));
        }
        assertEquals(published, managed, "the BOM manages every published module");
    }
}
