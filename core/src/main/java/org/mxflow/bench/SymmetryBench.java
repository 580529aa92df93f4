package org.mxflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiHeader;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.reflection.XdsAsciiWriter;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroups;

/**
 * Times XDS_ASCII.HKL writing and reading and ASU mapping for n unmerged observations in
 * P 43 21 2. Usage: SymmetryBench n file. Run through bench/symmetry, which compares with cctbx.
 */
public final class SymmetryBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path file = Path.of(args.length > 1 ? args[1] : "/tmp/mxflow-bench-XDS_ASCII.HKL");
        Random rnd = new Random(1);
        List<Observation> obs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            obs.add(new Observation(new MillerIndex(rnd.nextInt(81) - 40, rnd.nextInt(81) - 40, rnd.nextInt(41) - 20),
                    rnd.nextDouble() * 1e4, 10 + rnd.nextDouble() * 50, rnd.nextDouble() * 4000, rnd.nextDouble() * 4000,
                    rnd.nextDouble() * 3600, rnd.nextDouble(), 100, rnd.nextInt(100), rnd.nextDouble() * 360 - 180));
        }
        XdsAsciiFile f = new XdsAsciiFile(XdsAsciiHeader.of(false, true, 96, new UnitCell(79, 79, 37, 90, 90, 90), 1.0), obs);
        long t0 = System.nanoTime();
        XdsAsciiWriter.write(f, file);
        long t1 = System.nanoTime();
        XdsAsciiFile back = XdsAsciiReader.read(file);
        long t2 = System.nanoTime();
        back = XdsAsciiReader.read(file);
        long t3 = System.nanoTime();
        ReciprocalAsu asu = SpaceGroups.byNumber(96).reciprocalAsu();
        long check = 0;
        for (int rep = 0; rep < 2; rep++) {
            check = 0;
            t3 = System.nanoTime();
            for (Observation o : back.observations()) {
                check += asu.toAsu(o.hkl()).hkl().h();
            }
        }
        long t4 = System.nanoTime();
        System.out.printf(Locale.ROOT, "java n=%d write_s=%.3f read_s=%.3f read_warm_s=%.3f asu_s=%.3f check=%d%n",
                n, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, check);
    }
}
