// The dispersion strong-pixel test of org.mxflow.spots.DispersionThreshold (DIALS/XDS), on the
// GPU. It must give exactly the CPU's strong pixels, so:
//  - window sums are integers (n, x in int; the sum of squares y in a 64-bit integer), over the
//    pixels with 0 <= v < sumLimit inside the (2kx+1)x(2ky+1) window clipped at the frame edge;
//  - the floating-point tests are the CPU's expressions, evaluated in the same order with
//    explicitly rounded double operations (__dmul_rn etc.), so no fused multiply-add can change
//    a rounding; scripts/build-ptx.sh also passes -fmad=false. sqrt() in double is IEEE
//    correctly rounded, as Java's Math.sqrt.
// One thread per pixel; a block stages its tile plus the window margin in shared memory.
// gridDim.z runs over the frames of a batch. Strong pixels are appended (unordered) to a
// per-frame list with an atomic counter; the host sorts them. When a list overflows its
// capacity the counter still counts, so the host sees the overflow and uses the CPU instead.

extern "C" __global__ void dispersionStrongPixels(
        const int* __restrict__ pixels,   // frames * width * height counts, row-major per frame
        int width, int height,
        int kx, int ky,
        int sumLimit,                     // values in [0, sumLimit) enter the window sums
        int trustLimit,                   // values in [0, trustLimit) may be strong
        int minCount,
        double threshold,                 // global threshold: v must exceed it
        double gain,
        double nsigB,
        double nsigS2g,                   // sigma_s^2 * gain
        int* __restrict__ strong,         // frames * capacity indices
        int* __restrict__ counts,         // one counter per frame
        int capacity)
{
    extern __shared__ int tile[];
    const int tw = blockDim.x + 2 * kx;
    const int th = blockDim.y + 2 * ky;
    const int frame = blockIdx.z;
    const long long frameSize = (long long) width * height;
    const int* px = pixels + frame * frameSize;
    const int x0 = blockIdx.x * blockDim.x - kx;
    const int y0 = blockIdx.y * blockDim.y - ky;

    // Stage the tile; -1 marks a pixel that does not enter the sums (untrusted or outside).
    for (int t = threadIdx.y * blockDim.x + threadIdx.x; t < tw * th; t += blockDim.x * blockDim.y) {
        int ty = t / tw;
        int tx = t - ty * tw;
        int gx = x0 + tx;
        int gy = y0 + ty;
        int v = -1;
        if (gx >= 0 && gx < width && gy >= 0 && gy < height) {
            v = px[(long long) gy * width + gx];
            if (v < 0 || v >= sumLimit) {
                v = -1;
            }
        }
        tile[t] = v;
    }
    __syncthreads();

    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    const int j = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= width || j >= height) {
        return;
    }
    const int v = px[(long long) j * width + i];
    if (v < 0 || v >= trustLimit || !((double) v > threshold)) {
        return;
    }
    int n = 0;
    int x = 0;
    long long y = 0;
    for (int dy = 0; dy <= 2 * ky; dy++) {
        const int* row = tile + (threadIdx.y + dy) * tw + threadIdx.x;
        for (int dx = 0; dx <= 2 * kx; dx++) {
            int w = row[dx];
            if (w >= 0) {
                n += 1;
                x += w;
                y += (long long) w * w;
            }
        }
    }
    if (n < minCount) {
        return;
    }
    const double dn = (double) n;
    const double dxs = (double) x;
    // b = n*v - x; strong only when b > 0 and b*b > nsigS2g*x*n   (Java: nsigS2g * dx * dn)
    const double b = __dsub_rn(__dmul_rn(dn, (double) v), dxs);
    if (!(b > 0.0) || !(__dmul_rn(b, b) > __dmul_rn(__dmul_rn(nsigS2g, dxs), dn))) {
        return;
    }
    // a = n*y - x*x - gain*x*(n-1) > gain*x*nsigB*sqrt(2(n-1))
    const double a = __dsub_rn(__dsub_rn(__dmul_rn(dn, (double) y), __dmul_rn(dxs, dxs)),
                               __dmul_rn(__dmul_rn(gain, dxs), __dsub_rn(dn, 1.0)));
    const double limit = __dmul_rn(__dmul_rn(__dmul_rn(gain, dxs), nsigB),
                                   __dsqrt_rn(__dmul_rn(2.0, (double) (n - 1))));
    if (a > limit) {
        int slot = atomicAdd(&counts[frame], 1);
        if (slot < capacity) {
            strong[(long long) frame * capacity + slot] = j * width + i;
        }
    }
}
