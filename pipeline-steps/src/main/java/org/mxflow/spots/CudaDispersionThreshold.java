package org.mxflow.spots;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * The dispersion strong-pixel test on an NVIDIA GPU through CUDA's driver API (jcuda): the
 * kernel {@code cuda/dispersion.cu}, shipped as PTX ({@code org/mxflow/spots/dispersion.ptx},
 * made by {@code scripts/build-ptx.sh}) and JIT-compiled by the driver with
 * {@code cuModuleLoadData}. It returns exactly the {@link StrongPixels} of
 * {@link DispersionThreshold}: the same integer window sums and the same double expressions,
 * rounded the same way (no fused multiply-add).
 *
 * <p>Frames go to the GPU in batches ({@link #strongPixels(List, int, int, long)}): copied into a
 * pinned host buffer, sent with one asynchronous copy on the backend's stream, tested in one
 * launch (grid z = frame), and the short lists of strong pixels come back and are sorted here.
 * A frame with more strong pixels than its list holds is redone on the CPU, so the answer never
 * depends on the list size. Calls are serialised: one context, one stream.
 *
 * <p>{@link #open} fails with {@link CudaUnavailableException} (never a crash) when the jcuda
 * natives, the driver ({@code libcuda.so.1}) or a device are missing; see {@link SpotFinderBackends}.
 */
public final class CudaDispersionThreshold implements SpotFinderBackend, AutoCloseable {

    private static final String PTX = "dispersion.ptx";
    private static final int BLOCK_X = 32;
    private static final int BLOCK_Y = 8;
    /** DIALS ignores larger values in the sums, as {@link DispersionThreshold}. */
    private static final int BIG = 1 << 24;

    /** Why the CUDA backend cannot be used here, in words for a log line. */
    public static final class CudaUnavailableException extends Exception {
        public CudaUnavailableException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    private final SpotFinderSettings settings;
    private final DispersionThreshold cpu;
    private final int batchFrames;
    private final CUcontext context;
    private final CUfunction kernel;
    private final CUstream stream;
    private final String deviceName;

    // Buffers sized for the current frame shape and batch; reallocated when the shape changes.
    private int bufWidth;
    private int bufHeight;
    private int capacity;
    private Pointer hostPixels;
    private Pointer hostStrong;
    private Pointer hostCounts;
    private CUdeviceptr devPixels;
    private CUdeviceptr devStrong;
    private CUdeviceptr devCounts;
    private boolean closed;

    private CudaDispersionThreshold(SpotFinderSettings settings, int batchFrames, CUcontext context,
                                    CUfunction kernel, CUstream stream, String deviceName) {
        this.settings = settings;
        this.cpu = new DispersionThreshold(settings);
        this.batchFrames = batchFrames;
        this.context = context;
        this.kernel = kernel;
        this.stream = stream;
        this.deviceName = deviceName;
    }

    /**
     * Opens device 0 and loads the kernel.
     *
     * @param batchFrames frames sent to the GPU per launch (at most)
     * @throws CudaUnavailableException with a reason when there is no usable CUDA device
     */
    public static CudaDispersionThreshold open(SpotFinderSettings settings, int batchFrames)
            throws CudaUnavailableException {
        if (batchFrames < 1) {
            throw new IllegalArgumentException("batch of " + batchFrames + " frames");
        }
        byte[] ptx;
        try (InputStream in = CudaDispersionThreshold.class.getResourceAsStream(PTX)) {
            if (in == null) {
                throw new CudaUnavailableException("the kernel resource " + PTX + " is missing from the jar", null);
            }
            ptx = in.readAllBytes();
        } catch (IOException e) {
            throw new CudaUnavailableException("cannot read the kernel resource " + PTX + ": " + e.getMessage(), e);
        }
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] count = {0};
            cuDeviceGetCount(count);
            if (count[0] == 0) {
                throw new CudaUnavailableException("the CUDA driver reports no device", null);
            }
            CUdevice device = new CUdevice();
            cuDeviceGet(device, 0);
            byte[] name = new byte[256];
            cuDeviceGetName(name, name.length, device);
            int[] driver = {0};
            cuDriverGetVersion(driver);
            CUcontext context = new CUcontext();
            cuDevicePrimaryCtxRetain(context, device);
            cuCtxSetCurrent(context);
            CUmodule module = new CUmodule();
            // cuModuleLoadData wants a NUL-terminated PTX text.
            cuModuleLoadData(module, Arrays.copyOf(ptx, ptx.length + 1));
            CUfunction kernel = new CUfunction();
            cuModuleGetFunction(kernel, module, "dispersionStrongPixels");
            CUstream stream = new CUstream();
            cuStreamCreate(stream, 0);
            String deviceName = new String(name, StandardCharsets.US_ASCII).trim().replace("\0", "");
            return new CudaDispersionThreshold(settings, batchFrames, context, kernel, stream,
                    "cuda:0 " + deviceName + " (driver " + driver[0] / 1000 + "." + driver[0] % 1000 / 10 + ")");
        } catch (CudaException e) {
            throw new CudaUnavailableException("CUDA error: " + e.getMessage(), e);
        } catch (LinkageError e) {
            // No libcuda.so.1 (no driver), or natives that do not load on this platform.
            throw new CudaUnavailableException(linkageReason(e), e);
        }
    }

    /** One line from jcuda's long loader message (it nests whole stack traces). */
    static String linkageReason(LinkageError e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof NoClassDefFoundError && firstLinkageFailure != null) {
            return firstLinkageFailure;   // the JVM only says "Could not initialize class" after the first try
        }
        String reason = message.contains("libcuda.so")
                ? "libcuda.so.1 (the NVIDIA driver) cannot be loaded: no driver on this machine"
                : "the jcuda native library cannot be loaded (" + e.getClass().getSimpleName() + ": "
                        + firstLine(message) + ")";
        firstLinkageFailure = reason;
        return reason;
    }

    private static volatile String firstLinkageFailure;

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public String name() {
        return deviceName;
    }

    @Override
    public StrongPixels strongPixels(int[] pixels, int width, int height, long countCutoff) {
        return strongPixels(List.of(pixels), width, height, countCutoff).get(0);
    }

    /** Strong pixels of several frames of one shape, sent to the GPU in batches. */
    public synchronized List<StrongPixels> strongPixels(List<int[]> frames, int width, int height, long countCutoff) {
        if (closed) {
            throw new IllegalStateException("CUDA backend is closed");
        }
        for (int[] f : frames) {
            if (f.length != width * height) {
                throw new IllegalArgumentException(f.length + " pixels for a " + width + "x" + height + " frame");
            }
        }
        int kx = settings.kernelHalfWidthX();
        int ky = settings.kernelHalfWidthY();
        int sumLimit = (int) Math.min(countCutoff, BIG);
        int trustLimit = (int) Math.min(countCutoff, Integer.MAX_VALUE);
        if ((long) (2 * kx + 1) * (2 * ky + 1) * sumLimit > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("kernel " + kx + "," + ky + " too large for int window sums");
        }
        cuCtxSetCurrent(context);
        ensureBuffers(width, height);
        List<StrongPixels> out = new ArrayList<>(frames.size());
        long frameBytes = (long) width * height * Sizeof.INT;
        for (int first = 0; first < frames.size(); first += batchFrames) {
            int batch = Math.min(batchFrames, frames.size() - first);
            IntBuffer host = hostPixels.getByteBuffer(0, batch * frameBytes).order(ByteOrder.nativeOrder()).asIntBuffer();
            for (int f = 0; f < batch; f++) {
                host.put(frames.get(first + f));
            }
            cuMemcpyHtoDAsync(devPixels, hostPixels, batch * frameBytes, stream);
            cuMemsetD32Async(devCounts, 0, batch, stream);
            Pointer params = Pointer.to(
                    Pointer.to(devPixels), Pointer.to(new int[] {width}), Pointer.to(new int[] {height}),
                    Pointer.to(new int[] {kx}), Pointer.to(new int[] {ky}),
                    Pointer.to(new int[] {sumLimit}), Pointer.to(new int[] {trustLimit}),
                    Pointer.to(new int[] {settings.minCountInWindow()}),
                    Pointer.to(new double[] {settings.globalThreshold()}),
                    Pointer.to(new double[] {settings.gain()}),
                    Pointer.to(new double[] {settings.sigmaBackground()}),
                    Pointer.to(new double[] {settings.sigmaStrong() * settings.sigmaStrong() * settings.gain()}),
                    Pointer.to(devStrong), Pointer.to(devCounts), Pointer.to(new int[] {capacity}));
            int sharedBytes = (BLOCK_X + 2 * kx) * (BLOCK_Y + 2 * ky) * Sizeof.INT;
            cuLaunchKernel(kernel, (width + BLOCK_X - 1) / BLOCK_X, (height + BLOCK_Y - 1) / BLOCK_Y, batch,
                    BLOCK_X, BLOCK_Y, 1, sharedBytes, stream, params, null);
            cuMemcpyDtoHAsync(hostCounts, devCounts, (long) batch * Sizeof.INT, stream);
            cuStreamSynchronize(stream);
            int[] counts = new int[batch];
            hostCounts.getByteBuffer(0, (long) batch * Sizeof.INT).order(ByteOrder.nativeOrder()).asIntBuffer().get(counts);
            for (int f = 0; f < batch; f++) {
                if (counts[f] > capacity) {
                    out.add(cpu.strongPixels(frames.get(first + f), width, height, countCutoff));
                    continue;
                }
                long bytes = (long) counts[f] * Sizeof.INT;
                int[] idx = new int[counts[f]];
                if (bytes > 0) {
                    cuMemcpyDtoHAsync(hostStrong, devStrong.withByteOffset((long) f * capacity * Sizeof.INT), bytes, stream);
                    cuStreamSynchronize(stream);
                    hostStrong.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder()).asIntBuffer().get(idx);
                }
                Arrays.sort(idx);   // the kernel appends in no particular order
                out.add(new StrongPixels(width, height, idx));
            }
        }
        return out;
    }

    private void ensureBuffers(int width, int height) {
        if (width == bufWidth && height == bufHeight && devPixels != null) {
            return;
        }
        freeBuffers();
        long frameBytes = (long) width * height * Sizeof.INT;
        // Strong pixels are a small fraction of a frame; a fuller list sends the frame to the CPU.
        capacity = Math.max(1 << 16, width * height / 32);
        hostPixels = new Pointer();
        cuMemAllocHost(hostPixels, batchFrames * frameBytes);
        hostStrong = new Pointer();
        cuMemAllocHost(hostStrong, (long) capacity * Sizeof.INT);
        hostCounts = new Pointer();
        cuMemAllocHost(hostCounts, (long) batchFrames * Sizeof.INT);
        devPixels = new CUdeviceptr();
        cuMemAlloc(devPixels, batchFrames * frameBytes);
        devStrong = new CUdeviceptr();
        cuMemAlloc(devStrong, (long) batchFrames * capacity * Sizeof.INT);
        devCounts = new CUdeviceptr();
        cuMemAlloc(devCounts, (long) batchFrames * Sizeof.INT);
        bufWidth = width;
        bufHeight = height;
    }

    private void freeBuffers() {
        if (devPixels == null) {
            return;
        }
        cuMemFreeHost(hostPixels);
        cuMemFreeHost(hostStrong);
        cuMemFreeHost(hostCounts);
        cuMemFree(devPixels);
        cuMemFree(devStrong);
        cuMemFree(devCounts);
        devPixels = null;
        bufWidth = 0;
        bufHeight = 0;
    }

    /** Frees the buffers; the primary context stays with the driver. */
    @Override
    public synchronized void close() {
        if (!closed) {
            cuCtxSetCurrent(context);
            freeBuffers();
            closed = true;
        }
    }
}
