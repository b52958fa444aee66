package dev.berth.cli.commands.volume;

import dev.berth.cli.StatusException;
import dev.berth.client.api.FilterArgs;
import dev.berth.client.json.JsonNodes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VolumePruneCommandTest {
    @Test
    void allIsSentAsTheAllFilterAndMayNotBeGivenTwice() {
        FilterArgs user = FilterArgs.parse(List.of("label!=x"));
        assertEquals("{\"all\":{\"true\":true},\"label!\":{\"x\":true}}", VolumePruneCommand.filters(user, true).toJson());
        assertEquals("{\"label!\":{\"x\":true}}", VolumePruneCommand.filters(user, false).toJson());
        StatusException twice = assertThrows(StatusException.class, () -> VolumePruneCommand.filters(FilterArgs.parse(List.of("all=1")), true));
        assertEquals("conflicting options: cannot specify both --all and --filter all=1", twice.getMessage());
        assertEquals(1, twice.status());
    }

    @Test
    void warningsAreDockers() {
        assertEquals("WARNING! This will remove anonymous local volumes not used by at least one container.", VolumePruneCommand.ANONYMOUS_WARNING);
        assertEquals("WARNING! This will remove all local volumes not used by at least one container.", VolumePruneCommand.ALL_WARNING);
    }

    @Test
    void deletedSectionOnlyWhenSomethingWent() {
        assertEquals("Deleted Volumes:\nv1\nv2\n\n", VolumePruneCommand.section("Deleted Volumes:", JsonNodes.parse("[\"v1\",\"v2\"]".getBytes())));
        assertEquals("", VolumePruneCommand.section("Deleted Volumes:", JsonNodes.parse("null".getBytes())));
        assertEquals("", VolumePruneCommand.section("Deleted Volumes:", JsonNodes.parse("[]".getBytes())));
    }
}
