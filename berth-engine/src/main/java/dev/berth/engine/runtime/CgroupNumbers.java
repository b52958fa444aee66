package dev.berth.engine.runtime;

import java.math.BigInteger;

/**
 * The arithmetic from Docker's units to the numbers in the OCI spec's {@code linux.resources}.
 * dockerd does this in int64 and a large enough input wraps (NanoCpus 1e18 became a quota of
 * ~2003 CPUs); here every result is exact or saturates, so even an unvalidated value cannot turn
 * into a different, valid-looking limit.
 */
public final class CgroupNumbers {
    /** The CFS period {@code NanoCpus} is expressed over: 100 ms, in microseconds. */
    public static final long DEFAULT_CPU_PERIOD = 100_000;
    /** The smallest CFS quota the kernel accepts: 1 ms, in microseconds. */
    public static final long MIN_CPU_QUOTA = 1_000;

    private static final BigInteger NANOS_PER_CPU = BigInteger.valueOf(1_000_000_000L);

    private CgroupNumbers() {}

    /**
     * The CFS quota in microseconds that gives {@code nanoCpus} CPUs over {@code periodMicros}:
     * {@code nanoCpus * periodMicros / 1e9} rounded down, computed exactly. Results above
     * {@code Long.MAX_VALUE} saturate; results below the kernel's 1 ms floor are raised to it, so a
     * tiny {@code --cpus} stays a limit rather than becoming a runtime error (dockerd passes it on
     * and runc fails). Values that passed {@code ResourceLimits.validate} reach neither bound.
     */
    public static long cpuQuota(long nanoCpus, long periodMicros) {
        if (nanoCpus <= 0) throw new IllegalArgumentException("NanoCpus must be positive to have a quota: " + nanoCpus);
        if (periodMicros <= 0) throw new IllegalArgumentException("CPU period must be positive: " + periodMicros);
        BigInteger exact = BigInteger.valueOf(nanoCpus).multiply(BigInteger.valueOf(periodMicros)).divide(NANOS_PER_CPU);
        long quota = exact.bitLength() < Long.SIZE ? exact.longValueExact() : Long.MAX_VALUE;
        return Math.max(quota, MIN_CPU_QUOTA);
    }

    /**
     * Docker's swap for a memory limit given without one: twice the limit (memory plus as much
     * swap). Above 4 EiB the double does not fit; such a limit is no limit in practice, so the
     * swap becomes unlimited (-1) rather than the negative number dockerd's doubling wraps to.
     */
    public static long defaultSwap(long memory) {
        if (memory <= 0) throw new IllegalArgumentException("no memory limit, no default swap: " + memory);
        return memory > Long.MAX_VALUE / 2 ? -1 : memory * 2;
    }
}
