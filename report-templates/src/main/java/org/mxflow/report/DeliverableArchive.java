package org.mxflow.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliverable {@code <root>/<root>.tgz}: the reports and the merged reflection files that
 * users take home (kamo-conventions 1.1, 4.12, 5, 6), with paths relative to the root.
 *
 * <p>What goes in:
 * <ul>
 *   <li>the session reports {@code <root>_NN.html} at the root;</li>
 *   <li>{@code _kamoproc/} and {@code _kamo_30deg/}: {@code report.html}, {@code correct.html},
 *       {@code contents/}, each working directory's {@code report.html};</li>
 *   <li>every merge directory's {@code report.html} (sample overview and each pass) and
 *       {@code cluster_summary.dat};</li>
 *   <li>in each {@code _final} pass, for every merged cluster, its {@code merge.log} and its
 *       final (highest) {@code run_NN}: {@code xscale.hkl}, {@code XSCALE.INP}, {@code XSCALE.LP},
 *       {@code aniso.log}, {@code pointless.log}, {@code ccp4/*.mtz} and {@code *.mmcif};</li>
 *   <li>raster heat maps ({@code <pin>/scanNN/.../spotfinder/hitmap.*}) and loop images
 *       ({@code <pin>/raster.jpg});</li>
 *   <li>every other file inside the root that an included page links (CORRECT.LP from
 *       correct.html, images), up to {@value #MAX_LINKED_MB} MB each, so the pages' file links
 *       work from the unpacked archive.</li>
 * </ul>
 * Raw frames ({@code dataNN/}) are never read. Symbolic links are never followed: a link, or
 * a file reached through one, is left out. Names with control characters are left out. The
 * archive is written to a temporary name beside the target and renamed into place.
 */
public final class DeliverableArchive {

    private static final Logger log = LoggerFactory.getLogger(DeliverableArchive.class);

    /** Linked files larger than this are not pulled in (a report never needs a raw frame). */
    static final int MAX_LINKED_MB = 64;

    /** One archive member: its name (relative to the root, '/'-separated) and the file. */
    public record Entry(String name, Path file) {}

    private static final String TREE = "(_kamoproc|_kamo_30deg)";
    private static final List<Pattern> RULES = List.of(
            Pattern.compile("[^/]+_[0-9]{2}\\.html"),
            Pattern.compile(TREE + "/(report|correct)\\.html"),
            Pattern.compile("_kamoproc/contents/.+"),
            Pattern.compile(TREE + "/(?!merge_)[^/]+(/[^/]+)*/report\\.html"),
            Pattern.compile(TREE + "/merge_[^/]+/report\\.html"),
            Pattern.compile(TREE + "/merge_[^/]+/[^/]+/(report\\.html|cluster_summary\\.dat)"),
            Pattern.compile(TREE + "/merge_[^/]+/[^/]+_final/cluster_[0-9]+/merge\\.log"),
            Pattern.compile("[^/_][^/]*/raster\\.jpg"),
            Pattern.compile("[^/_][^/]*/scan[^/]*/(.+/)?spotfinder/hitmap\\.[a-z]+"));
    private static final Pattern FINAL_RUN_FILE = Pattern.compile(
            "(" + TREE + "/merge_[^/]+/[^/]+_final/cluster_[0-9]+)/run_([0-9]+)/"
                    + "(xscale\\.hkl|XSCALE\\.INP|XSCALE\\.LP|aniso\\.log|pointless\\.log|[^/]+\\.mmcif|ccp4/[^/]+\\.mtz)");
    private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

    private DeliverableArchive() {}

    /**
     * The names to archive from a listing of the files under the root (relative, '/'-separated):
     * the rules above, with only the highest run of each final cluster. A plain function.
     */
    public static List<String> select(Collection<String> files) {
        TreeSet<String> chosen = new TreeSet<>();
        Map<String, Integer> highestRun = new HashMap<>();
        for (String f : files) {
            Matcher m = FINAL_RUN_FILE.matcher(f);
            if (m.matches()) {
                highestRun.merge(m.group(1), Integer.parseInt(m.group(3)), Math::max);
            }
        }
        for (String f : files) {
            if (RULES.stream().anyMatch(p -> p.matcher(f).matches())) {
                chosen.add(f);
                continue;
            }
            Matcher m = FINAL_RUN_FILE.matcher(f);
            if (m.matches() && Integer.parseInt(m.group(3)) == highestRun.get(m.group(1))) {
                chosen.add(f);
            }
        }
        return new ArrayList<>(chosen);
    }

    /** What {@link #write(Path)} would archive: the rules over the tree, then the files the chosen pages link. */
    public static List<Entry> plan(Path root) throws IOException {
        Path top = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("deliverable archive: " + root + " is not a directory");
        }
        List<String> files = listCandidates(top);
        TreeMap<String, Path> entries = new TreeMap<>();
        for (String name : select(files)) {
            entries.put(name, top.resolve(name));
        }
        for (String page : new ArrayList<>(entries.keySet())) {
            if (page.endsWith(".html")) {
                for (Path target : linkedFiles(top, top.resolve(page))) {
                    entries.putIfAbsent(nameOf(top, target), target);
                }
            }
        }
        List<Entry> out = new ArrayList<>();
        entries.forEach((n, p) -> out.add(new Entry(n, p)));
        return out;
    }

    /** Writes {@code <root>/<root name>.tgz} and returns its path. */
    public static Path write(Path root) throws IOException {
        Path top = root.toAbsolutePath().normalize();
        Path out = top.resolve(top.getFileName() + ".tgz");
        write(plan(top), out);
        return out;
    }

    /** Writes the entries as a gzip-compressed tar to a temporary sibling of {@code out}, then renames it. */
    public static void write(List<Entry> entries, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // created like any other file: createTempFile would make the archive 0600, unreadable for the users it is for
        Path tmp = dir.resolve("." + out.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream fo = new BufferedOutputStream(Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE), 1 << 16);
                 GzipCompressorOutputStream gz = new GzipCompressorOutputStream(fo);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, "UTF-8")) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Entry e : entries) {
                    BasicFileAttributes a = Files.readAttributes(e.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (!a.isRegularFile()) {
                        throw new IOException("deliverable archive: " + e.file() + " is not a regular file");
                    }
                    TarArchiveEntry te = new TarArchiveEntry(e.name());
                    te.setSize(a.size());
                    te.setModTime(a.lastModifiedTime().toMillis());
                    te.setMode(0100644);
                    tar.putArchiveEntry(te);
                    try (InputStream in = Files.newInputStream(e.file(), LinkOption.NOFOLLOW_LINKS)) {
                        long copied = in.transferTo(tar);
                        if (copied != a.size()) {
                            throw new IOException("deliverable archive: " + e.file() + " changed size while archiving ("
                                    + a.size() + " -> " + copied + " bytes)");
                        }
                    }
                    tar.closeArchiveEntry();
                }
                tar.finish();
            }
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        log.info("wrote {} ({} files)", out, entries.size());
    }

    /**
     * Regular files under the root that a rule could want, without following links and without
     * entering raw data: the root's own files, the processing trees, and pins' scan directories
     * and top-level images.
     */
    static List<String> listCandidates(Path top) throws IOException {
        List<String> out = new ArrayList<>();
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(top)) {
                    return FileVisitResult.CONTINUE;
                }
                Path rel = top.relativize(dir);
                String first = rel.getName(0).toString();
                if (first.equals("_kamoproc") || first.equals("_kamo_30deg")) {
                    return FileVisitResult.CONTINUE;
                }
                // a pin directory: only its scan directories (heat maps), never dataNN/ frames
                if (rel.getNameCount() == 1) {
                    return first.startsWith(".") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }
                return rel.getName(1).toString().startsWith("scan") ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink()) {
                    log.warn("deliverable archive: leaving out symbolic link {}", file);
                } else if (attrs.isRegularFile()) {
                    String name = nameOf(top, file);
                    if (safeName(name)) {
                        out.add(name);
                    } else {
                        log.warn("deliverable archive: leaving out {}: its name has control characters", file);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                log.warn("deliverable archive: cannot read {}: {}", file, e.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    /** Files inside the root that {@code page} links with href/src, reached without any symbolic link. */
    static List<Path> linkedFiles(Path top, Path page) throws IOException {
        String html = Files.readString(page);
        List<Path> out = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            String value = unescape(m.group(1));
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                continue;
            }
            if (uri.getScheme() != null || uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().endsWith("/")) {
                continue;   // absolute URLs, pure #anchors and directories are not files to pack
            }
            Path target = page.getParent().resolve(uri.getPath()).normalize();
            if (!target.startsWith(top) || target.equals(top) || !insideWithoutLinks(top, target)) {
                continue;
            }
            BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isRegularFile() && a.size() <= MAX_LINKED_MB * 1024L * 1024L && safeName(nameOf(top, target))) {
                out.add(target);
            }
        }
        return out;
    }

    /** True if the path exists and no component between the root and it is a symbolic link. */
    private static boolean insideWithoutLinks(Path top, Path target) {
        Path p = top;
        for (Path part : top.relativize(target)) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    static String nameOf(Path top, Path file) {
        return top.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    static boolean safeName(String name) {
        if (name.isEmpty() || name.startsWith("/")) {
            return false;
        }
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return name.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String unescape(String attr) {
        return attr.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
