package org.mxflow.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import org.mxflow.catalog.UnitRecord;

/**
 * {@code FAILED.txt} in a failed unit's working directory: users browsing the deliverable tree on
 * their disk see why a dataset has no results without the catalog. Written via temp + rename; a
 * later success replaces the whole directory and with it this note. After a failed rerun the
 * previous generation's results stay beside it, and the note says so.
 */
public final class FailureNote {

    public static final String NAME = "FAILED.txt";

    private FailureNote() {
    }

    /** The note's text for a failed unit. */
    public static String text(UnitRecord u, Instant now) {
        String kind = u.errorKind() == null ? "" : switch (u.errorKind()) {
            case "deterministic" -> " (the same input fails the same way: not retried)";
            case "transient" -> " (I/O trouble that persisted through every retry)";
            case "interrupted" -> " (the process died during each attempt)";
            default -> "";
        };
        StringBuilder b = new StringBuilder();
        b.append("mxflow could not process this unit.\n\n");
        b.append(String.format(Locale.ROOT, "unit:     %s%n", u.workDir()));
        b.append(String.format(Locale.ROOT, "pin:      %s%s%n", u.pinId(), u.sampleName().isEmpty() ? "" : " (sample " + u.sampleName() + ")"));
        b.append(String.format(Locale.ROOT, "images:   %s, frames %d-%d%n", u.source(), u.firstFrame(), u.lastFrame()));
        b.append(String.format(Locale.ROOT, "attempts: %d (generation %d)%s%n", u.attempts(), u.generation(),
                u.host() == null ? "" : ", last on " + u.host()));
        b.append(String.format(Locale.ROOT, "failed:   %s%s%n", now, kind));
        b.append(String.format(Locale.ROOT, "reason:   %s%n", u.error()));
        if (u.generation() > 1) {
            b.append("\nOther files here, if any, are from an earlier successful run; the rerun did not replace them.\n");
        }
        b.append(String.format(Locale.ROOT, "%nTo try again once the cause is fixed: mxflow rerun ROOT --pin %s%n", u.pinId()));
        return b.toString();
    }

    /** Writes the note into {@code workDir} (created if needed). */
    public static void write(Path workDir, UnitRecord u) throws IOException {
        Files.createDirectories(workDir);
        Path tmp = workDir.resolve("." + NAME + ".part");
        Files.writeString(tmp, text(u, Instant.now()), StandardCharsets.UTF_8);
        Files.move(tmp, workDir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
