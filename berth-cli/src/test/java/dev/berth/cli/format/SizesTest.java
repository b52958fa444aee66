package dev.berth.cli.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SizesTest {
    @Test
    void humanSizesLikeGoUnits() {
        assertEquals("0B", Sizes.human(0));
        assertEquals("100B", Sizes.human(100));
        assertEquals("1.98MB", Sizes.human(1_984_000));
        assertEquals("4.26MB", Sizes.human(4_256_000));
        assertEquals("1.23kB", Sizes.human(1234));
        assertEquals("2MB", Sizes.human(2_000_000));
        assertEquals("946B", Sizes.human(946));
        assertEquals("1e+03kB", Sizes.human(999_999), "Go's %.3g switches to exponent form when rounding reaches 1000");
        assertEquals("1.5GB", Sizes.human(1.5e9));
    }

    @Test
    void binarySizesForMemory() {
        assertEquals("332KiB", Sizes.binary(332 * 1024));
        assertEquals("23.54GiB", Sizes.binary(23.54 * 1024 * 1024 * 1024));
        assertEquals("0B", Sizes.binary(0));
        assertEquals("64MiB", Sizes.binary(64L << 20));
    }

    @Test
    void ramFlagsParseLikeDocker() {
        assertEquals(6L << 20, Sizes.parseRam("6m"));
        assertEquals(6L << 20, Sizes.parseRam("6M"));
        assertEquals(1L << 30, Sizes.parseRam("1g"));
        assertEquals(1L << 30, Sizes.parseRam("1GiB"));
        assertEquals(1L << 30, Sizes.parseRam("1gb"));
        assertEquals(512L << 10, Sizes.parseRam("512k"));
        assertEquals(1000, Sizes.parseRam("1000"));
        assertEquals(1000, Sizes.parseRam("1000b"));
        assertEquals((long) (1.5 * (1L << 30)), Sizes.parseRam("1.5g"));
        assertEquals(64L << 20, Sizes.parseRam("64 MB"));
        assertEquals("invalid suffix: 'x'", assertThrows(IllegalArgumentException.class, () -> Sizes.parseRam("6x")).getMessage());
        assertEquals("invalid suffix: 'mx'", assertThrows(IllegalArgumentException.class, () -> Sizes.parseRam("6mx")).getMessage());
        assertEquals("invalid size: 'abc'", assertThrows(IllegalArgumentException.class, () -> Sizes.parseRam("abc")).getMessage());
    }
}
