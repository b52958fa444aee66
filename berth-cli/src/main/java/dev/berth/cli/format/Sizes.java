package dev.berth.cli.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Byte sizes as docker prints and parses them (go-units): {@link #human} for image and container
 * sizes ({@code 4.26MB}, decimal units, 3 significant digits), {@link #binary} for memory
 * ({@code 23.54GiB}), and {@link #parseRam} for flags such as {@code -m 6m} (binary multipliers).
 */
public final class Sizes {
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private Sizes() {}

    /** {@code units.HumanSizeWithPrecision(size, 3)}. */
    public static String human(double size) {
        return human(size, 3);
    }

    /** {@code units.HumanSizeWithPrecision}; {@code units.HumanSize} is precision 4. */
    public static String human(double size, int precision) {
        return scaled(size, 1000.0, DECIMAL, precision);
    }

    /** {@code units.BytesSize(size)}: binary units, 4 significant digits. */
    public static String binary(double size) {
        return scaled(size, 1024.0, BINARY, 4);
    }

    private static String scaled(double size, double base, String[] units, int precision) {
        int i = 0;
        while (size >= base && i < units.length - 1) {
            size /= base;
            i++;
        }
        return formatG(size, precision) + units[i];
    }

    /** Go's {@code %.<p>g}: p significant digits, trailing zeros dropped, exponent form when large or tiny. */
    static String formatG(double v, int precision) {
        if (v == 0) return "0";
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exp = rounded.precision() - rounded.scale() - 1;
        if (exp < -4 || exp >= precision) {
            BigDecimal mant = rounded.movePointLeft(exp).stripTrailingZeros();
            String m = mant.toPlainString();
            return m + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
        }
        String plain = rounded.stripTrailingZeros().toPlainString();
        return plain;
    }

    /**
     * {@code units.RAMInBytes}: a number with an optional {@code b}, {@code k}, {@code m}, {@code g},
     * {@code t} or {@code p} suffix (optionally followed by {@code b} or {@code ib}), powers of 1024.
     */
    public static long parseRam(String s) {
        int sep = -1;
        for (int i = s.length() - 1; i >= 0; i--) {
            if ("0123456789. ".indexOf(s.charAt(i)) >= 0) {
                sep = i;
                break;
            }
        }
        if (sep < 0) throw new IllegalArgumentException("invalid size: '" + s + "'");
        String num = s.charAt(sep) == ' ' ? s.substring(0, sep) : s.substring(0, sep + 1);
        String sfx = s.substring(sep + 1);
        double size;
        try {
            size = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + num + "\": invalid syntax");
        }
        if (size < 0) throw new IllegalArgumentException("invalid size: '" + s + "'");
        if (sfx.isEmpty()) return (long) size;
        String lower = sfx.toLowerCase(Locale.ROOT);
        if (lower.length() > 3) throw badSuffix(lower);
        if (lower.charAt(0) == 'b') {
            if (lower.length() > 1) throw badSuffix(lower);
            return (long) size;
        }
        int power = "kmgtp".indexOf(lower.charAt(0));
        if (power < 0) throw badSuffix(lower);
        if (lower.length() == 2 && lower.charAt(1) != 'b') throw badSuffix(lower);
        if (lower.length() == 3 && !lower.substring(1).equals("ib")) throw badSuffix(lower);
        return (long) (size * Math.pow(1024, power + 1));
    }

    private static IllegalArgumentException badSuffix(String sfx) {
        return new IllegalArgumentException("invalid suffix: '" + sfx + "'");
    }
}
