package org.mxflow.bench;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.mxflow.image.ByteOffsetCodec;
import org.mxflow.image.CbfReader;
import org.mxflow.image.EigerImageSource;
import org.mxflow.image.FastBitshuffleLz4Filter;

/**
 * Single-thread decode speed: a PILATUS 6M byte-offset frame from memory (decompression alone,
 * then with the MD5 check and header parse that {@link CbfReader} does), and one EIGER
 * bitshuffle-LZ4 frame (our filter on the raw chunk, then the whole {@link EigerImageSource#read}).
 * Rates are per second of the benchmark thread's CPU time (frames/s/core).
 * Usage: DecodeBenchmark FRAME.cbf[.gz|.bz2] [EIGER_master.h5] [seconds per measurement]
 */
public final class DecodeBenchmark {

    private DecodeBenchmark() {
    }

    interface Work {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path cbf = Path.of(args[0]);
        Path eiger = args.length > 1 && !args[1].equals("-") ? Path.of(args[1]) : null;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 3.0;

        byte[] content = CbfReader.readAllDecompressed(cbf);
        CbfReader.CbfHeader h = CbfReader.parseHeader(cbf, content, content.length, true);
        int[] pixels = new int[h.image().width() * h.image().height()];
        int size = h.binarySize();
        System.out.printf(Locale.ROOT, "PILATUS frame %s: %dx%d, %d compressed bytes%n", cbf.getFileName(),
                h.image().width(), h.image().height(), size);
        double decode = rate(seconds, () -> ByteOffsetCodec.decode(content, h.dataOffset(), size, pixels));
        System.out.printf(Locale.ROOT, "  byte-offset decode only        %8.1f frames/s/core  (%.2f ms/frame)%n", decode, 1000 / decode);
        double full = rate(seconds, () -> CbfReader.decode(cbf, content));
        System.out.printf(Locale.ROOT, "  header + MD5 + decode (memory)  %8.1f frames/s/core  (%.2f ms/frame)%n", full, 1000 / full);

        if (eiger != null) {
            try (EigerImageSource src = EigerImageSource.open(eiger)) {
                Path dataFile = Files.list(eiger.toAbsolutePath().getParent())
                        .filter(p -> p.getFileName().toString().matches(".*data_0+1\\.h5"))
                        .findFirst().orElseThrow();
                try (HdfFile h5 = new HdfFile(dataFile)) {
                    ChunkedDataset ds = (ChunkedDataset) h5.getDatasetByPath("/entry/data/data");
                    ByteBuffer rawBuf = ds.getRawChunkBuffer(new int[] {0, 0, 0});
                    byte[] raw = new byte[rawBuf.remaining()];
                    rawBuf.get(raw);
                    int[] filterData = ds.getFilters().get(0).getFilterData();
                    FastBitshuffleLz4Filter filter = new FastBitshuffleLz4Filter();
                    System.out.printf(Locale.ROOT, "EIGER frame %s: %dx%d, %d compressed bytes%n", dataFile.getFileName(),
                            src.header().width(), src.header().height(), raw.length);
                    double bs = rate(seconds, () -> filter.decode(raw, filterData));
                    System.out.printf(Locale.ROOT, "  bitshuffle-LZ4 decode only     %8.1f frames/s/core  (%.2f ms/frame)%n", bs, 1000 / bs);
                }
                double read = rate(seconds, () -> src.read(src.firstFrame()));
                System.out.printf(Locale.ROOT, "  EigerImageSource.read (file)   %8.1f frames/s/core  (%.2f ms/frame)%n", read, 1000 / read);
            }
        }
    }

    /**
     * Runs the work for a warm-up second, then for {@code seconds}; returns runs per second of
     * this thread's CPU time, so a machine shared with other jobs still gives per-core speed.
     */
    static double rate(double seconds, Work w) throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
            w.run();
        }
        long start = System.nanoTime();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        end = start + (long) (seconds * 1e9);
        int n = 0;
        long now;
        do {
            w.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "    (%d runs, %.2f s wall, %.2f s CPU)%n", n, (now - start) / 1e9, cpuSeconds);
        return n / cpuSeconds;
    }
}
