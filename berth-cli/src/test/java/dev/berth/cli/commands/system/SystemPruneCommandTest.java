package dev.berth.cli.commands.system;

import dev.berth.client.api.FilterArgs;
import dev.berth.client.json.JsonNodes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SystemPruneCommandTest {
    @Test
    void warningListsWhatGoesAsTheDockerCliDoes() {
        assertEquals("""
                WARNING! This will remove:
                  - all stopped containers
                  - all networks not used by at least one container
                  - all dangling images
                  - unused build cache
                """, SystemPruneCommand.warning(false, false, FilterArgs.none()));
        assertEquals("""
                WARNING! This will remove:
                  - all stopped containers
                  - all networks not used by at least one container
                  - all anonymous volumes not used by at least one container
                  - all images without at least one container associated to them
                  - all build cache
                """, SystemPruneCommand.warning(true, true, FilterArgs.none()));
        // only label, label! and until filters are listed, sorted as strings
        assertEquals("""
                WARNING! This will remove:
                  - all stopped containers
                  - all networks not used by at least one container
                  - all anonymous volumes not used by at least one container
                  - all dangling images
                  - unused build cache

                  Items to be pruned will be filtered with:
                  - label!=b
                  - label=a
                """, SystemPruneCommand.warning(false, true, FilterArgs.parse(List.of("label=a", "label!=b", "dangling=true"))));
    }

    @Test
    void volumeSummaryCountsAsDockerDoes() {
        var volumes = JsonNodes.parse("""
                [{"Name":"a","UsageData":{"Size":1000000,"RefCount":1}},
                 {"Name":"b","UsageData":{"Size":3000000,"RefCount":0}},
                 {"Name":"c","UsageData":{"Size":-1,"RefCount":0}},
                 {"Name":"d","UsageData":{"Size":0,"RefCount":2}}]""".getBytes());
        var row = DfCommand.volumes(volumes);
        assertEquals("Local Volumes 4 2 4MB 3MB (75%)", String.join(" ", (String) row.field("Type", List.of()), (String) row.field("TotalCount", List.of()),
                (String) row.field("Active", List.of()), (String) row.field("Size", List.of()), (String) row.field("Reclaimable", List.of())));
    }
}
