package dev.berth.cli.commands;

import picocli.CommandLine;

/** Number flags parsed with Go's error wording: {@code strconv.ParseInt: parsing "x": invalid syntax}. */
final class Converters {
    private Converters() {}

    static void register(CommandLine cmd) {
        CommandLine.ITypeConverter<Integer> ints = v -> (int) parse(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
        CommandLine.ITypeConverter<Long> longs = v -> parse(v, Long.MIN_VALUE, Long.MAX_VALUE);
        cmd.registerConverter(Integer.class, ints);
        cmd.registerConverter(int.class, ints);
        cmd.registerConverter(Long.class, longs);
        cmd.registerConverter(long.class, longs);
    }

    private static long parse(String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("strconv.ParseInt: parsing \"" + v + "\": invalid syntax");
        }
        if (n < min || n > max) throw new CommandLine.TypeConversionException("strconv.ParseInt: parsing \"" + v + "\": value out of range");
        return n;
    }
}
