package org.mxflow.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/**
 * Builds a small beamtime raw-data tree from the image fixtures that
 * scripts/oracles/make_discovery_fixtures.py wrote with fabio (64x64 PILATUS miniCBF, 0.1° and
 * 0.25° per frame) and h5py (EIGER master, 2 triggers x 10 frames at 1°, two data files).
 *
 * <pre>
 * MUL0001-01  multi CBF, 2 crystals x 100 frames (10° at 0.1°), scan00/2d, loop images    "Lys_multi"
 * MUL0001-02  multi CBF, 1 crystal x 100 frames                                          "Lys_multi"
 * HEL0002-02  helical CBF cry00, 180 frames at 0.25° (45°), scan00/{lv00_00,rv00_00,rv00_01} "thermolysin"
 * SIN0003-03  single CBF, sheet asks 180 frames at 0.25°: 1-100 and 103-150 present       "complex1"
 * EIG0004-01  EIGER multi master, 2 triggers x 10 frames, both data files                 "Lys_eiger"
 * NOD0006-01  scan00/2d only                        (sheet: no crystals found)            "nodata"
 * NOD0006-02  scan00/lv00_00..lv00_04, no data      (sheet: X-ray centering failed)       "nodata"
 * NOD0006-03  no directory at all                   (sheet only)                          "nodata"
 * XTR0007-01  helical CBF cry00 30 frames, no sheet row
 * </pre>
 * Every file's modification time is set to {@link #WRITTEN}.
 */
public final class FixtureTree {

    public static final Instant WRITTEN = Instant.parse("2020-09-28T12:00:00Z");

    public static final String SHEET_CSV = String.join("\n",
            "puckid,pinid,sample_name,mode,wavelength,total_osc,osc_width,exp_ds,maxhits,resolution_limit",
            "MUL0001,1,Lys_multi,multi,1.0,10,0.1,0.02,2,1.6",
            "MUL0001,2,Lys_multi,multi,1.0,10,0.1,0.02,2,1.6",
            "HEL0002,2,thermolysin,helical,1.0,45,0.25,0.02,1,1.8",
            "SIN0003,3,complex1,single,1.0,45,0.25,0.02,1,2.0",
            "EIG0004,1,Lys_eiger,multi,1.0,10,1.0,0.01,2,1.6",
            "NOD0006,1,nodata,helical,1.0,360,0.1,0.02,1,2.0",
            "NOD0006,2,nodata,single,1.0,360,0.1,0.02,1,2.0",
            "NOD0006,3,nodata,multi,1.0,10,0.1,0.02,10,2.0",
            "");

    private FixtureTree() {
    }

    static Path resource(String name) {
        try {
            return Path.of(FixtureTree.class.getResource("/discovery/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the tree under {@code root} and returns the sample sheet's path (outside the tree). */
    public static Path build(Path root, Path sheetDir) throws IOException {
        Path cbf01 = resource("pilatus_0.1deg.cbf");
        Path cbf025 = resource("pilatus_0.25deg.cbf");
        cbfSeries(root.resolve("MUL0001-01/data00"), "MUL0001-01-multi_001_", 1, 100, cbf01);
        cbfSeries(root.resolve("MUL0001-01/data00"), "MUL0001-01-multi_002_", 1, 100, cbf01);
        Files.createDirectories(root.resolve("MUL0001-01/scan00/2d/spotfinder/thumb_2d"));
        Files.writeString(root.resolve("MUL0001-01/before.ppm"), "P3\n1 1\n255\n0 0 0\n");
        Files.writeString(root.resolve("MUL0001-01/raster.jpg"), "not really a jpeg");
        cbfSeries(root.resolve("MUL0001-02/data00"), "MUL0001-02-multi_001_", 1, 100, cbf01);
        cbfSeries(root.resolve("HEL0002-02/data00"), "cry00_", 1, 180, cbf025);
        for (String s : List.of("lv00_00", "rv00_00", "rv00_01")) {
            Files.createDirectories(root.resolve("HEL0002-02/scan00").resolve(s).resolve("spotfinder/thumb_2d"));
        }
        Files.createDirectories(root.resolve("HEL0002-02/scan00/2d"));
        cbfSeries(root.resolve("SIN0003-03/data00"), "SIN0003-03-single_001_", 1, 100, cbf025);
        cbfSeries(root.resolve("SIN0003-03/data00"), "SIN0003-03-single_001_", 103, 150, cbf025);
        Path eiger = Files.createDirectories(root.resolve("EIG0004-01/data00"));
        for (String f : List.of("EIG0004-01-multi_master.h5", "EIG0004-01-multi_data_000001.h5", "EIG0004-01-multi_data_000002.h5")) {
            Files.copy(resource(f), eiger.resolve(f));
        }
        Files.createDirectories(root.resolve("NOD0006-01/scan00/2d"));
        for (int rr = 0; rr < 5; rr++) {
            Files.createDirectories(root.resolve("NOD0006-02/scan00/lv00_0" + rr));
        }
        Files.createDirectories(root.resolve("NOD0006-02/data00"));
        cbfSeries(root.resolve("XTR0007-01/data00"), "cry00_", 1, 30, cbf01);
        Files.createDirectories(root.resolve("_kamoproc/old"));          // a processing tree is not raw data
        Files.createDirectories(root.resolve("notes"));                  // not a pin directory
        touchAll(root, WRITTEN);
        Files.createDirectories(sheetDir);
        Path sheet = sheetDir.resolve("zoo.csv");
        Files.writeString(sheet, SHEET_CSV);
        return sheet;
    }

    static void cbfSeries(Path dir, String head, int first, int last, Path template) throws IOException {
        Files.createDirectories(dir);
        for (int f = first; f <= last; f++) {
            Files.copy(template, dir.resolve(String.format("%s%05d.cbf", head, f)));
        }
    }

    static void touchAll(Path root, Instant t) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                try {
                    Files.setLastModifiedTime(file, FileTime.from(t));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
