package org.mxflow.schedule;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Working directories are filled under a temporary name and renamed into place, so a crash never
 * leaves a half-written directory that looks finished, and a rerun's old results stay until the
 * new ones are complete.
 *
 * <pre>
 *   .NAME.mxflow-new   the engine writes here
 *   .NAME.mxflow-old   the previous results, for the moment between the two renames
 *   NAME               the finished results
 * </pre>
 */
public final class WorkDirectories {

    private WorkDirectories() {
    }

    public static Path staging(Path workDir) {
        return workDir.resolveSibling("." + workDir.getFileName() + ".mxflow-new");
    }

    static Path previous(Path workDir) {
        return workDir.resolveSibling("." + workDir.getFileName() + ".mxflow-old");
    }

    /** A fresh, empty staging directory for {@code workDir}. */
    public static Path prepare(Path workDir) throws IOException {
        Path s = staging(workDir);
        deleteTree(s);
        Files.createDirectories(s);
        return s;
    }

    /**
     * Puts finished results in place: old results aside, new ones in (each an atomic rename), old
     * ones deleted. A crash between the renames is repaired by {@link #recover}.
     */
    public static void install(Path workDir) throws IOException {
        Path s = staging(workDir);
        Path old = previous(workDir);
        deleteTree(old);
        if (Files.exists(workDir)) {
            Files.move(workDir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(s, workDir, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    /** Drops a failed attempt's partial output. */
    public static void discard(Path workDir) throws IOException {
        deleteTree(staging(workDir));
    }

    /**
     * After a crash: partial output goes, and results set aside by an interrupted install come back
     * when the new ones never arrived.
     */
    public static void recover(Path workDir) throws IOException {
        deleteTree(staging(workDir));
        Path old = previous(workDir);
        if (Files.exists(old)) {
            if (Files.exists(workDir)) {
                deleteTree(old);
            } else {
                Files.move(old, workDir, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
