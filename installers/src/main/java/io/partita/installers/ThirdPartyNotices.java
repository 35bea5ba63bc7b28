package io.partita.installers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Writes the third-party notices of a distribution at build time: for every jar in its library folder, the
 * project's name, version and licence as its Maven pom declares them (or the nearest parent's), then the
 * NOTICE files the jars carry, which their licences ask redistributors to pass on.
 *
 * <p>{@code ThirdPartyNotices DEPENDENCY_LIST LIBRARY_DIR OUTPUT TITLE}: the list is {@code dependency:list}'s
 * output with absolute file names, which says where each jar's pom is in the local repository. The native
 * code some jars carry, which no pom declares, is described in {@code native-code.txt} beside this class.
 */
public final class ThirdPartyNotices {
    private record Artifact(String groupId, String artifactId, String version, Path jar) {}

    private record Project(String name, String url, List<String> licenses) {}

    private final Map<Path, Project> projects = new HashMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: ThirdPartyNotices DEPENDENCY_LIST LIBRARY_DIR OUTPUT TITLE");
        }
        Map<String, Artifact> byFileName = readDependencyList(Path.of(args[0]));
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of(args[1]))) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        String text = new ThirdPartyNotices().write(args[3], jars, byFileName);
        Path out = Path.of(args[2]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text);
    }

    private String write(String title, List<Path> jars, Map<String, Artifact> byFileName) throws Exception {
        StringBuilder text = new StringBuilder();
        text.append(title).append("\n").append("=".repeat(title.length())).append("\n\n");
        text.append("Partita is licensed under the Apache License 2.0 (see LICENSE). It bundles the following\n")
                .append("third-party libraries, each under its own licence.\n\n");
        Map<String, String> notices = new TreeMap<>();
        for (Path jar : jars) {
            String fileName = jar.getFileName().toString();
            if (fileName.startsWith("partita-")) {
                continue; // Partita's own
            }
            Artifact artifact = byFileName.get(fileName);
            if (artifact == null) {
                throw new IllegalStateException(fileName + " is bundled but not among the build's dependencies");
            }
            Project project = project(pomOf(artifact.jar()));
            text.append("* ")
                    .append(project.name() == null ? artifact.artifactId() : project.name())
                    .append(" ")
                    .append(artifact.version())
                    .append(" (")
                    .append(artifact.groupId())
                    .append(":")
                    .append(artifact.artifactId())
                    .append(")\n");
            if (project.url() != null) {
                text.append("  ").append(project.url()).append("\n");
            }
            if (project.licenses().isEmpty()) {
                throw new IllegalStateException("no licence declared for " + fileName + " or its parents");
            }
            for (String license : project.licenses()) {
                text.append("  Licence: ").append(license).append("\n");
            }
            text.append("\n");
            noticeOf(jar).ifPresent(notice -> notices.put(artifact.groupId() + ":" + artifact.artifactId(), notice));
        }
        try (InputStream nativeCode = ThirdPartyNotices.class.getResourceAsStream("native-code.txt")) {
            text.append(new String(nativeCode.readAllBytes(), StandardCharsets.UTF_8));
        }
        if (!notices.isEmpty()) {
            text.append("\nNOTICE files of the bundled libraries\n-------------------------------------\n");
            notices.forEach((artifact, notice) -> text.append("\n--- ")
                    .append(artifact)
                    .append(" ---\n")
                    .append(notice.strip())
                    .append("\n"));
        }
        return text.toString();
    }

    /** {@code   group:artifact:jar[:classifier]:version:scope:/absolute/file.jar} lines, by file name. */
    private static Map<String, Artifact> readDependencyList(Path list) throws IOException {
        Map<String, Artifact> byFileName = new HashMap<>();
        for (String line : Files.readAllLines(list)) {
            String[] parts = line.strip().split(":");
            if (parts.length < 6 || !line.contains(".jar")) {
                continue;
            }
            // The path may itself hold ':' (Windows drives): it starts after the scope.
            boolean classified = parts.length >= 7 && !parts[4].matches("compile|runtime|provided|test|system");
            int versionIndex = classified ? 4 : 3;
            int pathIndex = versionIndex + 2;
            String path = String.join(":", List.of(parts).subList(pathIndex, parts.length))
                    .replaceAll(" -- .*$", "")
                    .strip();
            Path jar = Path.of(path);
            byFileName.put(jar.getFileName().toString(), new Artifact(parts[0], parts[1], parts[versionIndex], jar));
        }
        return byFileName;
    }

    /** The pom beside a jar in the local repository ({@code a-1.0-linux.jar} has {@code a-1.0.pom}). */
    private static Path pomOf(Path jar) {
        Path dir = jar.getParent();
        String version = dir.getFileName().toString();
        String artifactId = dir.getParent().getFileName().toString();
        return dir.resolve(artifactId + "-" + version + ".pom");
    }

    /** Name, url and licences, each from the pom or else from its nearest parent that declares it. */
    private Project project(Path pom) throws Exception {
        Project known = projects.get(pom);
        if (known != null) {
            return known;
        }
        Element root = parse(pom);
        String name = childText(root, "name");
        String url = childText(root, "url");
        List<String> licenses = new ArrayList<>();
        Element licensesElement = child(root, "licenses");
        if (licensesElement != null) {
            NodeList each = licensesElement.getElementsByTagName("license");
            for (int i = 0; i < each.getLength(); i++) {
                Element license = (Element) each.item(i);
                String licenseName = childText(license, "name");
                String licenseUrl = childText(license, "url");
                licenses.add(
                        licenseName == null
                                ? licenseUrl
                                : licenseUrl == null ? licenseName : licenseName + " <" + licenseUrl + ">");
            }
        }
        Element parent = child(root, "parent");
        if (parent != null && (licenses.isEmpty() || name == null || url == null)) {
            Path parentPom = repositoryRoot(pom, root, parent)
                    .resolve(childText(parent, "groupId").replace('.', '/'))
                    .resolve(childText(parent, "artifactId"))
                    .resolve(childText(parent, "version"))
                    .resolve(childText(parent, "artifactId") + "-" + childText(parent, "version") + ".pom");
            if (Files.exists(parentPom)) {
                Project inherited = project(parentPom);
                if (licenses.isEmpty()) {
                    licenses = inherited.licenses();
                }
                url = url == null || url.contains("${") ? inherited.url() : url;
            }
        }
        Project project = new Project(name == null || name.contains("${") ? null : name, url, licenses);
        projects.put(pom, project);
        return project;
    }

    /** The local repository's root, from a pom's own place in it (group/artifact/version/file). */
    private static Path repositoryRoot(Path pom, Element root, Element parent) {
        String groupId = Optional.ofNullable(childText(root, "groupId")).orElse(childText(parent, "groupId"));
        Path dir = pom.getParent().getParent().getParent(); // the group's last folder, above version and artifact
        for (int i = 0; i < groupId.split("\\.").length; i++) {
            dir = dir.getParent();
        }
        return dir;
    }

    private static Optional<String> noticeOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String name : List.of("META-INF/NOTICE", "META-INF/NOTICE.txt", "META-INF/NOTICE.md")) {
                ZipEntry entry = file.getEntry(name);
                if (entry != null) {
                    try (InputStream in = file.getInputStream(entry)) {
                        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Element parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String childText(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().strip().replaceAll("\\s+", " ");
    }
}
