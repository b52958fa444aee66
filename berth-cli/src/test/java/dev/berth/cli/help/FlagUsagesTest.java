package dev.berth.cli.help;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FlagUsagesTest {
    @Test
    void layoutAndWrappingMatchPflag() {
        // the first lines of `docker ps --help`
        String out = FlagUsages.render(List.of(
                new FlagUsages.Flag("a", "all", null, "Show all containers (default shows just running)"),
                new FlagUsages.Flag("f", "filter", "filter", "Filter output based on conditions provided"),
                new FlagUsages.Flag("n", "last", "int", "Show n last created containers (includes all states) (default -1)"),
                new FlagUsages.Flag(null, "no-trunc", null, "Don't truncate output")), 79);
        assertEquals("""
                  -a, --all             Show all containers (default shows just running)
                  -f, --filter filter   Filter output based on conditions provided
                  -n, --last int        Show n last created containers (includes all
                                        states) (default -1)
                      --no-trunc        Don't truncate output
                """, out);
    }

    @Test
    void suggestions() {
        assertEquals("--volumes-from", Suggestions.closest("--volume-from", List.of("--volume", "--volumes-from", "--name")));
        assertEquals("--network", Suggestions.closest("--netwrok", List.of("--network", "--name")));
        assertEquals("images", Suggestions.closest("imags", List.of("images", "info", "import")));
        assertNull(Suggestions.closest("--completely-different", List.of("--name", "--rm")));
    }
}
