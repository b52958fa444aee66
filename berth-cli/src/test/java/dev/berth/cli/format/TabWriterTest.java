package dev.berth.cli.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TabWriterTest {
    @Test
    void psTableMatchesDocker() {
        // header and row as `docker ps` printed them against dockerd (shared/api-captures/ps)
        String out = TabWriter.forTables()
                .write("CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\n")
                .write("b2077c992291\tbusybox\t\"sleep 300\"\t32 seconds ago\tUp 31 seconds\t0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\tspy1\n")
                .flush();
        assertEquals("""
                CONTAINER ID   IMAGE     COMMAND       CREATED          STATUS          PORTS                                     NAMES
                b2077c992291   busybox   "sleep 300"   32 seconds ago   Up 31 seconds   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   spy1
                """, out);
    }

    @Test
    void emptyTableKeepsMinimumWidths() {
        assertEquals("CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n",
                TabWriter.forTables().write("CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\n").flush());
    }

    @Test
    void topUsesWiderMinimum() {
        String out = new TabWriter(20, 3).write("PID\tCOMMAND\n21270\tsleep\n").flush();
        assertEquals("PID                 COMMAND\n21270               sleep\n", out);
    }

    @Test
    void linesWithFewerCellsEndAColumnBlock() {
        String out = new TabWriter(1, 1).write("a\tb\tc\nlonger\tx\ny\nz\tw\n").flush();
        assertEquals("a      b c\nlonger x\ny\nz w\n", out);
    }

    @Test
    void partialLastLineHasNoNewline() {
        assertEquals("ab   c", new TabWriter(5, 0).write("ab\tc").flush());
    }
}
