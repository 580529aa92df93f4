package org.mxflow.mtz;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.stats.FrenchWilson;
import org.mxflow.symmetry.SpaceGroup;

/**
 * Builds the merged MTZ that CCP4 programs expect from a scaling program (the layout of
 * AIMLESS's and XSCALE→POINTLESS's output): H K L in dataset 0 (HKL_base), then in the data's
 * dataset IMEAN SIGIMEAN (J Q), I(+) SIGI(+) I(-) SIGI(-) (K M K M), N(+) N(-) (I), and, when
 * amplitudes are given, F SIGF (F Q). Rows are ASU indices sorted by H, K, L; values not
 * measured (I(−) of centric reflections, a parity never observed) are the MTZ missing value NaN.
 * {@link #withAmplitudes} adds the French–Wilson amplitudes and MULTIPLICITY of KAMO's ccp4/xscale.mtz,
 * and optionally FreeR_flag (I) last, copied from a reference ({@link FreeRFlags}).
 */
public final class MergedMtz {

    private MergedMtz() {}

    /** Project, crystal and dataset names (one word each) and the wavelength of the data. */
    public record Names(String project, String crystal, String dataset, double wavelengthA) {}

    /** Merged intensities and anomalous pairs, no amplitudes. */
    public static MtzFile of(String title, List<MergedReflection> reflections, SpaceGroup sg, UnitCell cell, Names names) {
        return of(title, reflections, null, null, sg, cell, names);
    }

    /**
     * As {@link #of(String, List, SpaceGroup, UnitCell, Names)} with F and SIGF columns;
     * {@code f[i]} and {@code sigF[i]} belong to {@code reflections.get(i)} (NaN where unknown).
     */
    public static MtzFile of(String title, List<MergedReflection> reflections, double[] f, double[] sigF, SpaceGroup sg,
                             UnitCell cell, Names names) {
        List<Extra> extra = new ArrayList<>();
        if (f != null) {
            if (sigF == null) {
                throw new IllegalArgumentException("F and SIGF need one value per reflection (" + reflections.size() + ")");
            }
            extra.add(new Extra("F", 'F', f));
            extra.add(new Extra("SIGF", 'Q', sigF));
        }
        return build(title, reflections, extra, sg, cell, names);
    }

    /**
     * The merged MTZ KAMO leaves in {@code ccp4/xscale.mtz}: the intensity columns of
     * {@link #of(String, List, SpaceGroup, UnitCell, Names)}, then French–Wilson amplitudes
     * F SIGF (F Q), when anomalous pairs exist F(+) SIGF(+) F(-) SIGF(-) (G L G L) and DANO SIGDANO
     * (D Q), and MULTIPLICITY (I: observations merged; missing where the merged I &lt; −3σ, which
     * KAMO removes before counting). {@code amplitudes} holds one entry per reflection, in order.
     */
    public static MtzFile withAmplitudes(String title, List<MergedReflection> reflections, FrenchWilson.MergedAmplitudes amplitudes,
                                         SpaceGroup sg, UnitCell cell, Names names) {
        return withAmplitudes(title, reflections, amplitudes, null, sg, cell, names);
    }

    /**
     * As {@link #withAmplitudes(String, List, FrenchWilson.MergedAmplitudes, SpaceGroup, UnitCell, Names)}
     * with a FreeR_flag column (I) after all others; {@code freeRFlags[i]} belongs to {@code reflections.get(i)},
     * null for no column.
     */
    public static MtzFile withAmplitudes(String title, List<MergedReflection> reflections, FrenchWilson.MergedAmplitudes amplitudes,
                                         int[] freeRFlags, SpaceGroup sg, UnitCell cell, Names names) {
        List<Extra> extra = new ArrayList<>();
        extra.add(new Extra("F", 'F', amplitudes.f()));
        extra.add(new Extra("SIGF", 'Q', amplitudes.sigF()));
        if (amplitudes.anomalous()) {
            extra.add(new Extra("F(+)", 'G', amplitudes.fPlus()));
            extra.add(new Extra("SIGF(+)", 'L', amplitudes.sigFPlus()));
            extra.add(new Extra("F(-)", 'G', amplitudes.fMinus()));
            extra.add(new Extra("SIGF(-)", 'L', amplitudes.sigFMinus()));
            extra.add(new Extra("DANO", 'D', amplitudes.dano()));
            extra.add(new Extra("SIGDANO", 'Q', amplitudes.sigDano()));
        }
        double[] multiplicity = new double[reflections.size()];
        for (int i = 0; i < multiplicity.length; i++) {
            MergedReflection r = reflections.get(i);
            multiplicity[i] = r.iMean() < -3 * r.sigIMean() ? Double.NaN : r.multiplicity();
        }
        extra.add(new Extra("MULTIPLICITY", 'I', multiplicity));
        if (freeRFlags != null) {
            double[] flags = new double[freeRFlags.length];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = freeRFlags[i];
            }
            extra.add(new Extra("FreeR_flag", 'I', flags));
        }
        return build(title, reflections, extra, sg, cell, names);
    }

    /** A column after the intensity columns: one value per reflection, in the order of the list given. */
    private record Extra(String label, char type, double[] values) {}

    private static MtzFile build(String title, List<MergedReflection> reflections, List<Extra> extra, SpaceGroup sg,
                                 UnitCell cell, Names names) {
        for (Extra e : extra) {
            if (e.values().length != reflections.size()) {
                throw new IllegalArgumentException("MTZ column " + e.label() + " has " + e.values().length
                        + " values for " + reflections.size() + " reflections");
            }
        }
        List<MtzColumn> cols = new ArrayList<>(List.of(MtzColumn.of("H", 'H', 0), MtzColumn.of("K", 'H', 0),
                MtzColumn.of("L", 'H', 0), MtzColumn.of("IMEAN", 'J', 1), MtzColumn.of("SIGIMEAN", 'Q', 1),
                MtzColumn.of("I(+)", 'K', 1), MtzColumn.of("SIGI(+)", 'M', 1), MtzColumn.of("I(-)", 'K', 1),
                MtzColumn.of("SIGI(-)", 'M', 1), MtzColumn.of("N(+)", 'I', 1), MtzColumn.of("N(-)", 'I', 1)));
        for (Extra e : extra) {
            cols.add(MtzColumn.of(e.label(), e.type(), 1));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < reflections.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> reflections.get(a).hkl().compareTo(reflections.get(b).hkl()));
        int nc = cols.size();
        float[] data = new float[nc * reflections.size()];
        int p = 0;
        for (int idx : order) {
            MergedReflection r = reflections.get(idx);
            if (!sg.reciprocalAsu().isInAsu(r.hkl())) {
                throw new IllegalArgumentException("merged reflection " + r.hkl() + " is not in the ASU of " + sg.xhm());
            }
            data[p++] = r.hkl().h();
            data[p++] = r.hkl().k();
            data[p++] = r.hkl().l();
            data[p++] = (float) r.iMean();
            data[p++] = (float) r.sigIMean();
            data[p++] = (float) r.iPlus();
            data[p++] = (float) r.sigIPlus();
            data[p++] = (float) r.iMinus();
            data[p++] = (float) r.sigIMinus();
            data[p++] = r.nPlus();
            data[p++] = r.nMinus();
            for (Extra e : extra) {
                data[p++] = (float) e.values()[idx];
            }
        }
        List<MtzDataset> ds = List.of(MtzDataset.hklBase(cell),
                new MtzDataset(1, names.project(), names.crystal(), names.dataset(), cell, names.wavelengthA()));
        return new MtzFile(title, cell, sg.ccp4Symbol(), sg.ccp4Number(), sg.operations().allOps(), new int[] {1, 2, 3, 0, 0},
                ds, cols, data, List.of(), List.of(), ByteOrder.LITTLE_ENDIAN);
    }
}
