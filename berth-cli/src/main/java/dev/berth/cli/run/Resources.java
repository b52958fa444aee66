package dev.berth.cli.run;

import dev.berth.cli.format.Sizes;
import picocli.CommandLine;

import java.math.BigDecimal;

/** Resource flag values: {@code -m 6m}, {@code --memory-swap -1}, {@code --cpus 1.5}. */
public final class Resources {
    private Resources() {}

    /** A byte count given as {@code 512k}, {@code 6m}, {@code 1g} or plain bytes. */
    public record Bytes(long value) {
        public static Bytes parse(String s) {
            return new Bytes(Sizes.parseRam(s));
        }
    }

    /** {@code --memory-swap}: bytes, or {@code -1} for unlimited swap. */
    public record SwapBytes(long value) {
        public static SwapBytes parse(String s) {
            return new SwapBytes(s.equals("-1") ? -1 : Sizes.parseRam(s));
        }
    }

    /** {@code --cpus}: a decimal number of CPUs, sent as {@code NanoCpus}; more than 9 decimals is too precise. */
    public record NanoCpus(long value) {
        public static NanoCpus parse(String s) {
            BigDecimal cpus;
            try {
                if (s.contains("/")) {
                    String[] p = s.split("/", 2);
                    cpus = new BigDecimal(p[0]).divide(new BigDecimal(p[1]), java.math.MathContext.DECIMAL128);
                } else {
                    cpus = new BigDecimal(s);
                }
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("failed to parse " + s + " as a rational number");
            }
            BigDecimal nanos = cpus.multiply(BigDecimal.valueOf(1_000_000_000L)).stripTrailingZeros();
            if (nanos.scale() > 0) throw new IllegalArgumentException("value is too precise");
            return new NanoCpus(nanos.longValueExact());
        }
    }

    /** picocli converters; their messages become docker's {@code invalid argument "x" for "--flag" flag: ...}. */
    public static final class BytesConverter implements CommandLine.ITypeConverter<Bytes> {
        @Override
        public Bytes convert(String value) {
            return Bytes.parse(value);
        }
    }

    public static final class SwapConverter implements CommandLine.ITypeConverter<SwapBytes> {
        @Override
        public SwapBytes convert(String value) {
            return SwapBytes.parse(value);
        }
    }

    public static final class CpusConverter implements CommandLine.ITypeConverter<NanoCpus> {
        @Override
        public NanoCpus convert(String value) {
            return NanoCpus.parse(value);
        }
    }
}
