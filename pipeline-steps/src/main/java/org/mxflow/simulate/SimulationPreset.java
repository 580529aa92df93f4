package org.mxflow.simulate;

import java.util.List;
import org.mxflow.cell.UnitCell;

/**
 * A complete beamtime to simulate: detector, beam, collection parameters, structures and pins.
 *
 * @param name            "small" or "full"
 * @param detector        the detector
 * @param beam            the beam
 * @param oscWidthDeg     rotation per frame
 * @param exposureS       exposure per frame
 * @param dMinA           diffraction limit of the crystals, Å
 * @param meanScale       average crystal scale (counts of an average reflection at zero angle)
 * @param rasterSide      raster grid is rasterSide x rasterSide stills
 * @param groups          structures
 * @param pins            pins in collection order
 * @param format          how rotation frames are written (raster-scan stills are always miniCBF)
 */
public record SimulationPreset(String name, Detector detector, Beam beam, double oscWidthDeg, double exposureS,
                               double dMinA, double meanScale, int rasterSide, List<StructureGroup> groups,
                               List<PinPlan> pins, FrameFormat format) {

    public SimulationPreset {
        groups = List.copyOf(groups);
        pins = List.copyOf(pins);
        java.util.Objects.requireNonNull(format, "format");
    }

    /** A preset writing miniCBF frames. */
    public SimulationPreset(String name, Detector detector, Beam beam, double oscWidthDeg, double exposureS,
                            double dMinA, double meanScale, int rasterSide, List<StructureGroup> groups,
                            List<PinPlan> pins) {
        this(name, detector, beam, oscWidthDeg, exposureS, dMinA, meanScale, rasterSide, groups, pins, FrameFormat.CBF);
    }

    /** The same beamtime with rotation frames written as {@code format}. */
    public SimulationPreset withFormat(FrameFormat format) {
        return new SimulationPreset(name, detector, beam, oscWidthDeg, exposureS, dMinA, meanScale, rasterSide, groups,
                pins, format);
    }

    public static SimulationPreset byName(String name) {
        return switch (name) {
            case "small" -> small();
            case "full" -> full();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "': use small or full");
        };
    }

    /**
     * The structures: a P4₃2₁2 sample with two non-isomorphous forms sharing one sample name
     * (cells 3% apart, different models), a P2₁2₁2₁, a C2 and a P4 (indexing ambiguity).
     */
    static List<StructureGroup> standardGroups() {
        return List.of(
                new StructureGroup("lysA", new UnitCell(78.6, 78.6, 37.9, 90, 90, 90), SpaceGroupSetting.p43212(), 250),
                new StructureGroup("lysB", new UnitCell(81.0, 81.0, 39.1, 90, 90, 90), SpaceGroupSetting.p43212(), 250),
                new StructureGroup("proC", new UnitCell(52.3, 63.5, 71.9, 90, 90, 90), SpaceGroupSetting.p212121(), 300),
                new StructureGroup("monD", new UnitCell(72.4, 58.1, 48.3, 90, 104.2, 90), SpaceGroupSetting.c2(), 250),
                new StructureGroup("tetE", new UnitCell(57.8, 57.8, 44.2, 90, 90, 90), SpaceGroupSetting.p4(), 250));
    }

    /** A PILATUS 1M layout, 0.5°/frame, 10° multi wedges, 30° helical and single sweeps, 3x3 rasters. */
    public static SimulationPreset small() {
        return new SimulationPreset("small", Detector.pilatus1M(150), new Beam(1.0, 0.02, 0.99), 0.5, 0.1, 1.9,
                8.0e3, 3, standardGroups(), List.of(
                        new PinPlan("MUL0001", "01", "lys", "multi", List.of("lysA", "lysA", "lysA"), 10),
                        new PinPlan("MUL0001", "02", "lys", "multi", List.of("lysB", "lysB", "lysA"), 10),
                        new PinPlan("HEL0002", "01", "pro", "helical", List.of("proC"), 30),
                        new PinPlan("CPS1012", "06", "mon", "single", List.of("monD"), 30),
                        new PinPlan("MUL0003", "01", "tet", "multi", List.of("tetE", "tetE", "tetE"), 10)));
    }

    /** A PILATUS 6M, 0.1°/frame as at SPring-8: 10° wedges from five crystals per multi pin, 60° helical and single sweeps (2700 frames, ~15 GB). */
    public static SimulationPreset full() {
        return new SimulationPreset("full", Detector.pilatus6M(250), new Beam(1.0, 0.02, 0.99), 0.1, 0.02, 1.6,
                8.0e3, 5, standardGroups(), List.of(
                        new PinPlan("MUL0001", "01", "lys", "multi", List.of("lysA", "lysA", "lysA", "lysA", "lysB"), 10),
                        new PinPlan("MUL0001", "02", "lys", "multi", List.of("lysB", "lysB", "lysB", "lysA", "lysA"), 10),
                        new PinPlan("HEL0002", "01", "pro", "helical", List.of("proC"), 60),
                        new PinPlan("CPS1012", "06", "mon", "single", List.of("monD"), 60),
                        new PinPlan("MUL0003", "01", "tet", "multi", List.of("tetE", "tetE", "tetE", "tetE", "tetE"), 10)));
    }

    public StructureGroup group(String label) {
        return groups.stream().filter(g -> g.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("preset " + name + " has no structure group " + label));
    }
}
