package org.mxflow.merge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.mxflow.cell.UnitCell;

/**
 * The list files of a sample's merge directory (kamo-conventions 4.4, 4.5): {@code formerge.lst},
 * {@code cells.dat}, {@code excluded.lst}. Written to a temporary name and renamed into place.
 */
public final class MergeListFiles {

    private MergeListFiles() {}

    /** One prepared dataset: its file and the cell of its header. */
    public record DatasetCell(Path file, UnitCell cell) {}

    /** {@code cells.dat}: header "file a b c al be ga", then "path a b c α β γ" with %7.3f. */
    public static String cellsDat(List<DatasetCell> datasets) {
        StringBuilder sb = new StringBuilder("file a b c al be ga\n");
        for (DatasetCell d : datasets) {
            sb.append(d.file());
            for (double v : d.cell().toArray()) sb.append(' ').append(KamoFormat.fixed(v, 7, 3));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** One absolute path per line, in the given order. */
    public static String pathList(List<Path> files) {
        StringBuilder sb = new StringBuilder();
        for (Path p : files) sb.append(p).append('\n');
        return sb.toString();
    }

    /**
     * Applies the cell filter and writes cells.dat (all datasets), excluded.lst (excluded paths,
     * sorted) and formerge.lst (the survivors, in input order) into {@code mergeDirectory}.
     *
     * @return the surviving datasets
     */
    public static List<DatasetCell> writeFiltered(Path mergeDirectory, List<DatasetCell> datasets, CellOutlierFilter filter)
            throws IOException {
        List<UnitCell> cells = datasets.stream().map(DatasetCell::cell).toList();
        List<Integer> out = filter.outliers(cells);
        List<DatasetCell> kept = new ArrayList<>();
        List<Path> excluded = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
            if (out.contains(i)) excluded.add(datasets.get(i).file());
            else kept.add(datasets.get(i));
        }
        excluded.sort(null);
        writeAtomically(mergeDirectory.resolve("cells.dat"), cellsDat(datasets));
        writeAtomically(mergeDirectory.resolve("excluded.lst"), pathList(excluded));
        writeAtomically(mergeDirectory.resolve("formerge.lst"), pathList(kept.stream().map(DatasetCell::file).toList()));
        return kept;
    }

    /** Writes text to a temporary sibling and renames it into place. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
