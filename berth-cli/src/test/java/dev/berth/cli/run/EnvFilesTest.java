package dev.berth.cli.run;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnvFilesTest {
    @Test
    void dockerEnvFileRules() {
        String text = "\uFEFF".substring(1) + "A=1\n  B=two words  \n# comment\n\n\tC\nD\nQ=\"quoted\"\r\nE=\n";
        assertEquals(List.of("A=1", "B=two words  ", "C=from-env", "Q=\"quoted\"", "E="), EnvFiles.parse(text, Map.of("C", "from-env")),
                "values are verbatim, bare names come from the environment or are dropped");
    }

    @Test
    void badLines() {
        assertEquals("variable 'A B' contains whitespaces",
                assertThrows(ConfigException.class, () -> EnvFiles.parse("A B=1\n", Map.of())).getMessage());
        assertEquals("no variable name on line '=x'", assertThrows(ConfigException.class, () -> EnvFiles.parse("=x\n", Map.of())).getMessage());
    }

    @Test
    void envFlags() {
        assertEquals("A=1", EnvFiles.fromFlag("A=1", Map.of()));
        assertEquals("HOME=/root", EnvFiles.fromFlag("HOME", Map.of("HOME", "/root")));
        assertEquals("UNSET", EnvFiles.fromFlag("UNSET", Map.of()), "docker keeps an unset bare name as is");
        assertThrows(IllegalArgumentException.class, () -> EnvFiles.fromFlag("=x", Map.of()));
    }
}
