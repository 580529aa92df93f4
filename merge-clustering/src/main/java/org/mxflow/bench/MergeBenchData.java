package org.mxflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.mxflow.cell.UnitCell;
import org.mxflow.merge.ReindexOperator;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiHeader;
import org.mxflow.reflection.XdsAsciiWriter;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * Input of bench/merge: N small wedges (5°, 0.5° frames, 3.0 Å) of one sample with two
 * non-isomorphous P212121 forms (60×70×80 Å and 4 % longer axes, unrelated intensities),
 * per-crystal scale 0.3–1.2, relative B 0–6 Å², 1 %/frame decay, 5 % unmodelled error;
 * written as XDS_ASCII.HKL under OUT/wedges/, with OUT/formerge.lst and the truth of both forms
 * (OUT/truth_A.hkl, truth_B.hkl, merged XDS_ASCII) for checking the merged results.
 * Usage: MergeBenchData N OUT_DIR
 */
public final class MergeBenchData {

    private MergeBenchData() {}

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        SpaceGroup sg = SpaceGroups.byNumber(19);
        UnitCell a = new UnitCell(60, 70, 80, 90, 90, 90), b = new UnitCell(62.4, 72.8, 83.2, 90, 90, 90);
        double dMin = 3.0;
        Map<MillerIndex, Double> ta = SimulatedWedges.truth(sg, a, dMin, 20, 1), tb = SimulatedWedges.truth(sg, b, dMin, 20, 2);
        writeTruth(out.resolve("truth_A.hkl"), ta, sg, a);
        writeTruth(out.resolve("truth_B.hkl"), tb, sg, b);
        Random random = new Random(17);
        List<String> list = new ArrayList<>();
        long obs = 0;
        for (int i = 0; i < n; i++) {
            boolean formA = i % 2 == 0;
            UnitCell c = formA ? a : b;
            UnitCell jit = new UnitCell(c.a() * (1 + 0.002 * random.nextGaussian()), c.b() * (1 + 0.002 * random.nextGaussian()),
                    c.c() * (1 + 0.002 * random.nextGaussian()), 90, 90, 90);
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(jit, 360 * random.nextDouble(), 10, 0.5, 0.3 + 0.9 * random.nextDouble(),
                    6 * random.nextDouble(), -0.01, 10, 0.05, Set.of(), ReindexOperator.identity(), 10_000 + i);
            XdsAsciiFile f = SimulatedWedges.wedge(formA ? ta : tb, sg, w, dMin, 1.0);
            f = withGeometry(f, w);
            Path p = out.resolve(String.format(Locale.ROOT, "wedges/%s%03d/XDS_ASCII.HKL", formA ? "A" : "B", i));
            Files.createDirectories(p.getParent());
            XdsAsciiWriter.write(f, p);
            list.add(p.toAbsolutePath().toString());
            obs += f.observations().size();
        }
        Files.writeString(out.resolve("formerge.lst"), String.join("\n", list) + "\n");
        System.out.printf(Locale.ROOT, "wrote %d wedges (%d observations, %.0f per wedge) to %s%n", n, obs, (double) obs / n, out);
    }

    /**
     * The wedge with the simulation's geometry added to its header as XDS writes it, so that
     * other programs (bench/xds_ascii_to_dials.py for DIALS) can rebuild the experiment: beam
     * along −z (λ = 1 Å), rotation about +x, the crystal's real-space axes at spindle angle 0
     * (U·O, U drawn from the wedge's seed exactly as SimulatedWedges does), STARTING_ANGLE,
     * and a nominal 1400×1400 0.1 mm detector 200 mm downstream: its edge is at 2.99 Å, so every
     * reflection of these 3.0 Å wedges lands on it (DIALS predicts each one where ZD says). The reflections are not
     * touched; their XD/YD are the simulation's stand-in positions, not on this detector.
     */
    private static XdsAsciiFile withGeometry(XdsAsciiFile f, SimulatedWedges.Wedge w) {
        double[] u = SimulatedWedges.randomRotation(new Random(w.orientationSeed()));
        double[] o = w.cell().orthogonalization();
        String[] axis = new String[3];
        for (int j = 0; j < 3; j++) {
            double[] v = new double[3];
            for (int r = 0; r < 3; r++) {
                v[r] = u[3 * r] * o[j] + u[3 * r + 1] * o[3 + j] + u[3 * r + 2] * o[6 + j];
            }
            axis[j] = String.format(Locale.ROOT, "%11.6f%11.6f%11.6f", v[0], v[1], v[2]);
        }
        double lambda = f.header().wavelengthA();
        List<String> lines = new ArrayList<>(f.header().lines());
        lines.add("!ROTATION_AXIS=   1.000000  0.000000  0.000000");
        lines.add(String.format(Locale.ROOT, "!STARTING_ANGLE=%10.4f  STARTING_FRAME=%8d", w.startDeg(), 1));
        lines.add(String.format(Locale.ROOT, "!INCIDENT_BEAM_DIRECTION=   0.000000  0.000000%10.6f", -1 / lambda));
        lines.add("!FRACTION_OF_POLARIZATION=   0.990   POLARIZATION_PLANE_NORMAL=  0.000000  1.000000  0.000000");
        lines.add("!NX=  1400  NY=  1400    QX=  0.100000  QY=  0.100000");
        lines.add("!ORGX=    700.00  ORGY=    700.00");
        lines.add("!DETECTOR_DISTANCE=   200.000");
        lines.add("!DIRECTION_OF_DETECTOR_X-AXIS=   1.00000   0.00000   0.00000");
        lines.add("!DIRECTION_OF_DETECTOR_Y-AXIS=   0.00000  -1.00000   0.00000");
        lines.add("!UNIT_CELL_A-AXIS=" + axis[0]);
        lines.add("!UNIT_CELL_B-AXIS=" + axis[1]);
        lines.add("!UNIT_CELL_C-AXIS=" + axis[2]);
        XdsAsciiHeader h = f.header();
        return new XdsAsciiFile(new XdsAsciiHeader(h.merged(), h.friedelsLaw(), h.spaceGroupNumber(), h.unitCell(), lambda, lines),
                f.observations());
    }

    private static void writeTruth(Path file, Map<MillerIndex, Double> truth, SpaceGroup sg, UnitCell cell) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<org.mxflow.reflection.Observation> obs = new ArrayList<>();
        truth.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> obs.add(org.mxflow.reflection.Observation.merged(e.getKey(), e.getValue(), 1.0)));
        XdsAsciiWriter.write(new XdsAsciiFile(org.mxflow.reflection.XdsAsciiHeader.of(true, true, sg.number(), cell, 1.0), obs), file);
    }
}
