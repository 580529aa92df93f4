package org.mxflow.mmcif;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.Observation;
import org.mxflow.symmetry.SpaceGroup;

/**
 * Reflection data as mmCIF, the form the PDB takes at deposition: one data block with
 * {@code _cell}, {@code _symmetry}, {@code _space_group} and {@code _diffrn_radiation_wavelength},
 * then for merged data a {@code _refln} loop (index_h/k/l, status, intensity_meas,
 * intensity_sigma, pdbx_I_plus, pdbx_I_plus_sigma, pdbx_I_minus, pdbx_I_minus_sigma) and for
 * unmerged data a {@code _diffrn_refln} loop (id, diffrn_id, pdbx_image_id, index_h/k/l as
 * observed, intensity_net, intensity_sigma, pdbx_scan_angle). Unknown values are '?'.
 * Files are written under a temporary name and renamed into place.
 */
public final class ReflectionCifWriter {

    private ReflectionCifWriter() {}

    /** Merged reflections (ASU indices, as {@link org.mxflow.stats.EquivalentsMerger} makes them). */
    public static void writeMerged(Path path, String entryId, List<MergedReflection> reflections, SpaceGroup sg, UnitCell cell,
                                   double wavelengthA) throws IOException {
        write(path, w -> {
            header(w, entryId, sg, cell, wavelengthA);
            w.write("loop_\n");
            for (String item : List.of("wavelength_id", "crystal_id", "scale_group_code", "index_h", "index_k", "index_l",
                    "status", "intensity_meas", "intensity_sigma", "pdbx_I_plus", "pdbx_I_plus_sigma", "pdbx_I_minus",
                    "pdbx_I_minus_sigma")) {
                w.write("_refln." + item + "\n");
            }
            StringBuilder sb = new StringBuilder(128);
            for (MergedReflection r : reflections) {
                sb.setLength(0);
                sb.append(String.format(Locale.ROOT, "1 1 1 %d %d %d o %s %s %s %s %s %s%n", r.hkl().h(), r.hkl().k(), r.hkl().l(),
                        num(r.iMean()), num(r.sigIMean()), num(r.iPlus()), num(r.sigIPlus()), num(r.iMinus()), num(r.sigIMinus())));
                w.write(sb.toString());
            }
        });
    }

    /**
     * Unmerged observations, indices as observed; {@code phiDeg} gives the scan angle of an
     * observation from its frame coordinate ZD (image = ⌊ZD⌋ + 1). Misfits (σ ≤ 0) are left out.
     */
    public static void writeUnmerged(Path path, String entryId, List<Observation> observations, SpaceGroup sg, UnitCell cell,
                                     double wavelengthA, java.util.function.DoubleUnaryOperator phiDeg) throws IOException {
        write(path, w -> {
            header(w, entryId, sg, cell, wavelengthA);
            w.write("loop_\n");
            for (String item : List.of("id", "diffrn_id", "pdbx_image_id", "index_h", "index_k", "index_l", "intensity_net",
                    "intensity_sigma", "pdbx_scan_angle")) {
                w.write("_diffrn_refln." + item + "\n");
            }
            int id = 0;
            for (Observation o : observations) {
                if (!(o.sigma() > 0)) {
                    continue;
                }
                id++;
                w.write(String.format(Locale.ROOT, "%d 1 %d %d %d %d %s %s %s%n", id, (int) Math.floor(o.zdFrame()) + 1,
                        o.hkl().h(), o.hkl().k(), o.hkl().l(), num(o.intensity()), num(o.sigma()),
                        Double.isNaN(o.zdFrame()) ? "?" : String.format(Locale.ROOT, "%.3f", phiDeg.applyAsDouble(o.zdFrame()))));
            }
        });
    }

    private static void header(Writer w, String entryId, SpaceGroup sg, UnitCell cell, double wavelengthA) throws IOException {
        if (!entryId.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("mmCIF entry id must be 1-64 letters, digits, '_', '.', '-'; got '" + entryId + "'");
        }
        StringWriter s = new StringWriter();
        s.write("data_" + entryId + "\n#\n");
        s.write("_entry.id " + entryId + "\n#\n");
        s.write("_cell.entry_id " + entryId + "\n");
        String[] names = {"length_a", "length_b", "length_c", "angle_alpha", "angle_beta", "angle_gamma"};
        double[] p = cell.toArray();
        for (int i = 0; i < 6; i++) {
            s.write(String.format(Locale.ROOT, "_cell.%-12s %.4f%n", names[i], p[i]));
        }
        s.write("#\n_symmetry.entry_id " + entryId + "\n");
        s.write("_symmetry.space_group_name_H-M '" + sg.hermannMauguin() + "'\n");
        s.write("_symmetry.Int_Tables_number " + sg.number() + "\n#\n");
        s.write("_space_group.id 1\n");
        s.write("_space_group.name_H-M_alt '" + sg.hermannMauguin() + "'\n");
        s.write("_space_group.IT_number " + sg.number() + "\n");
        s.write("_space_group.name_Hall '" + sg.hall() + "'\n");
        s.write("_space_group.crystal_system " + sg.crystalSystem().label() + "\n#\n");
        s.write("_diffrn_radiation_wavelength.id 1\n");
        s.write(String.format(Locale.ROOT, "_diffrn_radiation_wavelength.wavelength %.5f%n#%n", wavelengthA));
        w.write(s.toString());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%.3f", v);
    }

    private interface Body {
        void write(Writer w) throws IOException;
    }

    private static void write(Path path, Body body) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + path.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            body.write(w);
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
