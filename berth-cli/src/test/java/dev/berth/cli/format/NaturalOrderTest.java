package dev.berth.cli.format;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NaturalOrderTest {
    @Test
    void numbersCompareAsNumbersAndDigitsComeFirst() {
        List<String> names = new ArrayList<>(List.of("v10", "v2", "v1", "bb", "0b8a", "09d2", "aa", "v01", "1370", "24f3", "cv1", "v1a", "vv"));
        names.sort(NaturalOrder.INSTANCE);
        // what docker volume ls -q printed for volumes of these names
        assertEquals(List.of("0b8a", "09d2", "24f3", "1370", "aa", "bb", "cv1", "v1", "v1a", "v01", "v2", "v10", "vv"), names);
    }
}
