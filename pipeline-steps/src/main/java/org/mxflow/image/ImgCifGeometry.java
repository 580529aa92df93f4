package org.mxflow.image;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Geometry of a full (imgCIF) CBF from its axis categories: the detector's pixel (0,0) is
 * placed by following the {@code _axis} dependency chain of the array's element axes
 * (offsets plus the frame's displacements), the beam runs opposite to the SOURCE axis, and
 * the beam centre is where it meets the detector plane. Only translation axes are followed
 * on the detector side; a detector rotation (two-theta) other than zero is refused.
 */
public final class ImgCifGeometry {

    private ImgCifGeometry() {
    }

    /** True when the block has the categories this class reads. */
    public static boolean isFullCbf(CifBlock cif) {
        return cif.has("_axis.id") && cif.has("_array_structure_list.axis_set_id");
    }

    private record Axis(String id, String type, String dependsOn, double[] vector, double[] offset) {
    }

    /** @param detectorName the PILATUS "Detector" line when the file has one (it names the serial number), else null */
    public static ImageHeader header(Path file, CifBlock cif, String detectorName) throws ImageFormatException {
        Map<String, Axis> axes = axes(file, cif);

        // Array dimensions and the axis of each dimension (index 1 = fastest).
        List<String> index = cif.column("_array_structure_list.index");
        List<String> dims = cif.column("_array_structure_list.dimension");
        List<String> axisSets = cif.column("_array_structure_list.axis_set_id");
        String fastAxis = null;
        String slowAxis = null;
        int width = 0;
        int height = 0;
        for (int i = 0; i < index.size(); i++) {
            if (index.get(i).equals("1")) {
                fastAxis = axisSets.get(i);
                width = (int) num(file, "_array_structure_list.dimension", dims.get(i));
            } else if (index.get(i).equals("2")) {
                slowAxis = axisSets.get(i);
                height = (int) num(file, "_array_structure_list.dimension", dims.get(i));
            }
        }
        if (fastAxis == null || slowAxis == null) {
            throw new ImageFormatException(file, "imgCIF _array_structure_list lacks index 1 or 2");
        }
        if (index.size() > 2) {
            throw new ImageFormatException(file, "imgCIF array has " + index.size() + " dimensions; only 2-D frames are supported");
        }
        double pixelFastMm = pixelSizeMm(file, cif, "1");
        double pixelSlowMm = pixelSizeMm(file, cif, "2");

        Map<String, double[]> frameValues = frameAxisValues(file, cif);
        double[] origin = {0, 0, 0};
        // Walk from the fast axis (it depends on the slow one) down the detector chain.
        String a = fastAxis;
        int guard = 0;
        while (a != null && !a.equals(".") && guard++ < 32) {
            Axis axis = axes.get(a);
            if (axis == null) {
                throw new ImageFormatException(file, "imgCIF axis '" + a + "' is used but not defined in _axis");
            }
            double[] fv = frameValues.getOrDefault(a, new double[] {0, 0});
            if (axis.type().equalsIgnoreCase("rotation")) {
                if (Math.abs(fv[0]) > 1e-9) {
                    throw new ImageFormatException(file, "detector axis '" + a + "' is rotated by " + fv[0]
                            + " deg; only untilted detectors are supported");
                }
            } else {
                for (int k = 0; k < 3; k++) {
                    origin[k] += axis.offset()[k] + axis.vector()[k] * fv[1];
                }
            }
            a = axis.dependsOn();
        }
        double[] fast = unit(axes.get(fastAxis).vector());
        double[] slow = unit(axes.get(slowAxis).vector());
        Axis source = axes.get("SOURCE");
        double[] beam = source == null ? new double[] {0, 0, -1} : scale(unit(source.vector()), -1);
        double[] normal = unit(cross(fast, slow));
        double along = dot(beam, normal);
        if (Math.abs(along) < 1e-9) {
            throw new ImageFormatException(file, "imgCIF geometry: the beam is parallel to the detector plane");
        }
        double t = dot(origin, normal) / along;
        double[] hit = scale(beam, t);
        double[] rel = {hit[0] - origin[0], hit[1] - origin[1], hit[2] - origin[2]};
        double beamX = dot(rel, fast) / pixelFastMm;
        double beamY = dot(rel, slow) / pixelSlowMm;
        double distanceMm = Math.abs(dot(origin, normal));

        double wavelength = num(file, "_diffrn_radiation_wavelength.wavelength",
                required(file, cif, "_diffrn_radiation_wavelength.wavelength"));

        // The scanned axis is the one with a non-zero increment; stills take the first goniometer axis.
        List<String> scanAxes = cif.column("_diffrn_scan_axis.axis_id");
        List<String> starts = cif.column("_diffrn_scan_axis.angle_start");
        List<String> incs = cif.column("_diffrn_scan_axis.angle_increment");
        double start = Double.NaN;
        double width1 = 0;
        for (int i = 0; i < scanAxes.size(); i++) {
            Axis ax = axes.get(scanAxes.get(i));
            if (ax == null || !ax.type().equalsIgnoreCase("rotation") || i >= incs.size()) {
                continue;
            }
            double inc = num(file, "_diffrn_scan_axis.angle_increment", incs.get(i));
            double st = num(file, "_diffrn_scan_axis.angle_start", starts.get(i));
            if (Double.isNaN(start) || (width1 == 0 && inc != 0)) {
                start = st;
                width1 = inc;
            }
        }
        if (Double.isNaN(start)) {
            throw new ImageFormatException(file, "imgCIF header has no rotation axis in _diffrn_scan_axis");
        }
        String exposure = cif.value("_diffrn_scan_frame.integration_time");
        String overload = cif.value("_array_intensities.overload");
        String detector = cif.value("_diffrn_detector.type");
        return new ImageHeader(
                detectorName != null ? detectorName : detector == null ? "unknown detector" : detector,
                width, height, pixelFastMm, pixelSlowMm, wavelength, distanceMm, beamX, beamY,
                start, width1,
                exposure == null ? Double.NaN : num(file, "_diffrn_scan_frame.integration_time", exposure),
                overload == null ? Long.MAX_VALUE : Math.round(num(file, "_array_intensities.overload", overload)),
                1);
    }

    private static double pixelSizeMm(Path file, CifBlock cif, String index) throws ImageFormatException {
        List<String> idx = cif.column("_array_element_size.index");
        List<String> size = cif.column("_array_element_size.size");
        for (int i = 0; i < idx.size() && i < size.size(); i++) {
            if (idx.get(i).equals(index)) {
                return num(file, "_array_element_size.size", size.get(i)) * 1000.0;
            }
        }
        throw new ImageFormatException(file, "imgCIF header lacks _array_element_size for index " + index);
    }

    private static Map<String, Axis> axes(Path file, CifBlock cif) throws ImageFormatException {
        List<String> ids = cif.column("_axis.id");
        Map<String, Axis> axes = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            double[] v = new double[3];
            double[] o = new double[3];
            for (int k = 0; k < 3; k++) {
                v[k] = numOrZero(file, cif, "_axis.vector[" + (k + 1) + "]", i);
                o[k] = numOrZero(file, cif, "_axis.offset[" + (k + 1) + "]", i);
            }
            axes.put(ids.get(i), new Axis(ids.get(i), cif.column("_axis.type").get(i),
                    cif.column("_axis.depends_on").get(i), v, o));
        }
        return axes;
    }

    /** Per-axis {angle, displacement} of this frame, from _diffrn_scan_frame_axis. */
    private static Map<String, double[]> frameAxisValues(Path file, CifBlock cif) throws ImageFormatException {
        Map<String, double[]> values = new HashMap<>();
        List<String> ids = cif.column("_diffrn_scan_frame_axis.axis_id");
        for (int i = 0; i < ids.size(); i++) {
            values.put(ids.get(i), new double[] {
                numOrZero(file, cif, "_diffrn_scan_frame_axis.angle", i),
                numOrZero(file, cif, "_diffrn_scan_frame_axis.displacement", i)});
        }
        return values;
    }

    private static double numOrZero(Path file, CifBlock cif, String tag, int row) throws ImageFormatException {
        List<String> c = cif.column(tag);
        if (row >= c.size() || c.get(row).equals(".") || c.get(row).equals("?")) {
            return 0;
        }
        return num(file, tag, c.get(row));
    }

    private static String required(Path file, CifBlock cif, String tag) throws ImageFormatException {
        String v = cif.value(tag);
        if (v == null) {
            throw new ImageFormatException(file, "imgCIF header lacks " + tag);
        }
        return v;
    }

    private static double num(Path file, String tag, String value) throws ImageFormatException {
        try {
            // CIF numbers may carry an esd in parentheses: 0.97625(1).
            int p = value.indexOf('(');
            return Double.parseDouble(p > 0 ? value.substring(0, p) : value);
        } catch (NumberFormatException e) {
            throw new ImageFormatException(file, "imgCIF " + tag + " is '" + value + "', not a number");
        }
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(dot(v, v));
        return n == 0 ? v : scale(v, 1 / n);
    }

    private static double[] scale(double[] v, double s) {
        return new double[] {v[0] * s, v[1] * s, v[2] * s};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
