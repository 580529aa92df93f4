package org.mxflow.mtz;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mxflow.cell.UnitCell;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;
import org.mxflow.symmetry.SymOp;

/**
 * The content of an MTZ reflection file: header records, columns, datasets, batch headers and
 * the float32 data table (row-major, {@code columns.size()} values per reflection; missing
 * values are NaN, the MTZ "VALM NAN" convention).
 *
 * @param title           TITLE record
 * @param cell            global CELL in Å and degrees
 * @param spaceGroupName  space group name of the SYMINF record, e.g. "P 43 21 2" or "P41212"
 * @param spaceGroupNumber CCP4 space group number of the SYMINF record
 * @param symOps          the SYMM operators (centring included, as CCP4 writes them)
 * @param sortOrder       the five column numbers (1-based, 0 = none) of the SORT record
 * @param datasets        datasets, in file order
 * @param columns         columns, in file order
 * @param data            reflection values, row-major
 * @param batches         batch headers (unmerged files), in file order
 * @param history         MTZHIST lines
 * @param byteOrder       byte order of the data (from the machine stamp)
 */
public record MtzFile(String title, UnitCell cell, String spaceGroupName, int spaceGroupNumber, List<SymOp> symOps,
                      int[] sortOrder, List<MtzDataset> datasets, List<MtzColumn> columns, float[] data,
                      List<MtzBatch> batches, List<String> history, ByteOrder byteOrder) {

    public MtzFile {
        symOps = List.copyOf(symOps);
        datasets = List.copyOf(datasets);
        columns = List.copyOf(columns);
        batches = List.copyOf(batches);
        history = List.copyOf(history);
        if (sortOrder.length != 5) {
            throw new IllegalArgumentException("MTZ SORT has 5 entries, got " + sortOrder.length);
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an MTZ file needs at least one column");
        }
        if (data.length % columns.size() != 0) {
            throw new IllegalArgumentException("MTZ data length " + data.length + " is not a multiple of " + columns.size() + " columns");
        }
        List<String> labels = new ArrayList<>();
        for (MtzColumn c : columns) {
            if (labels.contains(c.label())) {
                throw new IllegalArgumentException("MTZ column label used twice: " + c.label());
            }
            labels.add(c.label());
            int id = c.datasetId();
            if (!datasets.isEmpty() && datasets.stream().noneMatch(d -> d.id() == id)) {
                throw new IllegalArgumentException("MTZ column " + c.label() + " refers to dataset " + id + " which is not defined");
            }
        }
    }

    /** The space group the SYMINF name means, if it is one we know. */
    public Optional<SpaceGroup> spaceGroup() {
        Optional<SpaceGroup> sg = SpaceGroups.find(spaceGroupName);
        if (sg.isEmpty() && spaceGroupNumber > 0) {
            try {
                return Optional.of(SpaceGroups.byCcp4Number(spaceGroupNumber));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return sg;
    }

    public int reflectionCount() {
        return data.length / columns.size();
    }

    /** Index of a column by label; throws naming the labels present when it is absent. */
    public int columnIndex(String label) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).label().equals(label)) {
                return i;
            }
        }
        throw new IllegalArgumentException("MTZ has no column " + label + "; columns: "
                + columns.stream().map(MtzColumn::label).toList());
    }

    public boolean hasColumn(String label) {
        return columns.stream().anyMatch(c -> c.label().equals(label));
    }

    public MtzColumn column(String label) {
        return columns.get(columnIndex(label));
    }

    /** The value of column {@code col} in row {@code row}. */
    public float value(int row, int col) {
        return data[row * columns.size() + col];
    }

    /** All values of one column. */
    public float[] columnValues(String label) {
        int c = columnIndex(label);
        int n = reflectionCount();
        float[] v = new float[n];
        for (int r = 0; r < n; r++) {
            v[r] = data[r * columns.size() + c];
        }
        return v;
    }

    public MtzDataset dataset(int id) {
        return datasets.stream().filter(d -> d.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("MTZ has no dataset " + id));
    }

    /** Smallest and largest 1/d² (Å⁻²) of the reflections, computed with the global cell (what RESO records). */
    public double[] inverseDSquaredRange() {
        double[] gStar = cell.reciprocalMetric(); // once, not per reflection
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        int n = reflectionCount(), stride = columns.size();
        for (int r = 0; r < n; r++) {
            double s = UnitCell.oneOverDSquared(gStar, (int) data[r * stride], (int) data[r * stride + 1], (int) data[r * stride + 2]);
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        return n == 0 ? new double[] {0, 0} : new double[] {lo, hi};
    }
}
