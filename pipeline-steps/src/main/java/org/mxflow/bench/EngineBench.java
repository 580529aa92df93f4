package org.mxflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mxflow.cell.UnitCell;
import org.mxflow.geometry.Mat3;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.symmetry.SpaceGroup;

/**
 * bench/engine's comparison step: CC of integrated intensities with the simulator's truth per
 * resolution shell, for several XDS_ASCII-format files of the same images side by side
 * (mxflow's XDS_ASCII.HKL, DIALS's DIALS.HKL). The first file's shells (equal counts) set the d
 * ranges of every column, so the programs are compared on the same resolution ranges.
 *
 * <p>Usage: {@code EngineBench CRYSTAL.json INTENSITIES.hkl LABEL=FILE [LABEL=FILE ...]}
 */
public final class EngineBench {

    private EngineBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: EngineBench CRYSTAL.json INTENSITIES.hkl LABEL=XDS_ASCII [LABEL=XDS_ASCII ...]");
            System.exit(2);
        }
        Path json = Path.of(args[0]);
        SpaceGroup sg = TruthComparison.truthSpaceGroup(json);
        UnitCell cell = TruthComparison.truthCell(json);
        Mat3 a = TruthComparison.truthA(json);
        Map<MillerIndex, Double> truth = TruthComparison.truthIntensities(Path.of(args[1]), sg);
        List<String> labels = new ArrayList<>();
        List<XdsAsciiFile> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            labels.add(kv[0]);
            files.add(XdsAsciiReader.read(Path.of(kv[1])));
        }
        List<TruthComparison.Result> own = new ArrayList<>();
        for (XdsAsciiFile f : files)
            own.add(own.isEmpty() ? TruthComparison.compare(f, a, truth, sg, cell, 8)
                    : TruthComparison.compareInShells(f, a, truth, sg, cell, own.get(0).shells(), null));
        System.out.println("CC(I_obs, I_true) per resolution shell, " + sg.hermannMauguin() + " " + cell.format());
        print("each program's own reflections, in the first column's d ranges", labels, own);
        // the like-for-like comparison: the same true reflections for every program
        Set<MillerIndex> common = null;
        for (XdsAsciiFile f : files) {
            Set<MillerIndex> m = TruthComparison.measured(f, a, truth, sg, cell);
            if (common == null) common = m;
            else common.retainAll(m);
        }
        List<TruthComparison.Result> same = new ArrayList<>();
        for (XdsAsciiFile f : files)
            same.add(same.isEmpty() ? TruthComparison.compare(f, a, truth, sg, cell, 8, common)
                    : TruthComparison.compareInShells(f, a, truth, sg, cell, same.get(0).shells(), common));
        print("reflections measured by every program (" + common.size() + " unique)", labels, same);
        // The truth file has no B; the images hold I·exp(−B/2d²) with the crystal's B (truth JSON). Within a
        // shell that fall-off is signal the integration must reproduce, not noise: this table shows it.
        // The simulator draws no reflection beyond the crystal's d_min: there the images hold 0.
        double b = TruthComparison.truthBFactor(json), dMinSim = TruthComparison.truthDMin(json);
        Map<MillerIndex, Double> onImages = new HashMap<>();
        for (Map.Entry<MillerIndex, Double> e : truth.entrySet()) {
            double d = cell.dSpacing(e.getKey());
            onImages.put(e.getKey(), d < dMinSim ? 0.0 : e.getValue() * Math.exp(-b / (2 * d * d)));
        }
        List<TruthComparison.Result> withB = new ArrayList<>();
        for (XdsAsciiFile f : files)
            withB.add(withB.isEmpty() ? TruthComparison.compare(f, a, onImages, sg, cell, 8, common)
                    : TruthComparison.compareInShells(f, a, onImages, sg, cell, withB.get(0).shells(), common));
        print(String.format(Locale.ROOT, "the same reflections against what the images hold: truth times exp(-B/2d^2), B = %.1f A^2, and 0 beyond the crystal's d_min %.2f A", b, dMinSim),
                labels, withB);
    }

    private static void print(String title, List<String> labels, List<TruthComparison.Result> results) {
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-16s", "shell (Å)"));
        for (String l : labels) head.append(String.format(Locale.ROOT, " %14s", l + " CC(n)"));
        System.out.println("-- " + title);
        System.out.println(head);
        int rows = results.stream().mapToInt(r -> r.shells().size()).max().orElse(0);
        for (int s = 0; s < rows; s++) {
            TruthComparison.ShellCc ref = results.get(0).shells().size() > s ? results.get(0).shells().get(s) : null;
            StringBuilder line = new StringBuilder(ref == null ? String.format(Locale.ROOT, "%-16s", "-")
                    : String.format(Locale.ROOT, "%6.2f - %-7.2f", ref.dMaxA(), ref.dMinA()));
            for (TruthComparison.Result r : results) {
                if (r.shells().size() > s) {
                    TruthComparison.ShellCc c = r.shells().get(s);
                    line.append(String.format(Locale.ROOT, " %7.4f(%5d)", c.cc(), c.reflections()));
                } else line.append(String.format(Locale.ROOT, " %14s", "-"));
            }
            System.out.println(line);
        }
        StringBuilder all = new StringBuilder(String.format(Locale.ROOT, "%-16s", "all"));
        for (TruthComparison.Result r : results)
            all.append(String.format(Locale.ROOT, " %7.4f(%5d)", r.overallCc(), r.shells().stream().mapToInt(TruthComparison.ShellCc::reflections).sum()));
        System.out.println(all);
    }
}
