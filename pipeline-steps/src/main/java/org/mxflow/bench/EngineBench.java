package org.mxflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mxflow.cell.UnitCell;
import org.mxflow.geometry.Mat3;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.symmetry.SpaceGroup;

/**
 * bench/engine's comparison step: CC of integrated intensities with the simulator's truth per
 * resolution shell, for several XDS_ASCII-format files of the same images side by side
 * (mxflow's XDS_ASCII.HKL, DIALS's DIALS.HKL).
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
        List<TruthComparison.Result> results = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            labels.add(kv[0]);
            results.add(TruthComparison.compare(XdsAsciiReader.read(Path.of(kv[1])), a, truth, sg, cell, 8));
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-16s", "shell (Å)"));
        for (String l : labels) head.append(String.format(Locale.ROOT, " %14s", l + " CC(n)"));
        System.out.println("CC(I_obs, I_true) per resolution shell, " + sg.hermannMauguin() + " " + cell.format());
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
        for (TruthComparison.Result r : results) all.append(String.format(Locale.ROOT, " %7.4f(%5d)", r.overallCc(), r.mapped()));
        System.out.println(all);
    }
}
