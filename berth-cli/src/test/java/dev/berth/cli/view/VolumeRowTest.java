package dev.berth.cli.view;

import dev.berth.client.json.JsonNodes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VolumeRowTest {
    private static VolumeRow row(String json) {
        return new VolumeRow(JsonNodes.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static final VolumeRow LABELLED = row("""
            {"CreatedAt":"2026-12-08T00:01:49Z","Driver":"local","Labels":{"z":"","a":"b"},"Mountpoint":"/d/volumes/v1/_data",
             "Name":"v1","Options":{"device":"tmpfs","type":"tmpfs"},"Scope":"local"}""");
    private static final VolumeRow BARE = row("""
            {"CreatedAt":"2026-12-08T00:02:00Z","Driver":"local","Labels":null,"Mountpoint":"/d/volumes/v2/_data","Name":"v2","Options":null,"Scope":"local"}""");

    @Test
    void defaultTableAndQuiet() {
        assertEquals("DRIVER    VOLUME NAME\nlocal     v1\nlocal     v2\n", Listing.render(Listing.choose(null, false, VolumeRow.QUIET, VolumeRow.DEFAULT_TABLE),
                VolumeRow.HEADERS, List.of(LABELLED, BARE)));
        assertEquals("v1\nv2\n", Listing.render(Listing.choose("table", true, VolumeRow.QUIET, VolumeRow.DEFAULT_TABLE), VolumeRow.HEADERS, List.of(LABELLED, BARE)));
        // a template wins over -q, as in docker volume ls
        assertEquals("local\n", Listing.render(Listing.choose("{{.Driver}}", true, VolumeRow.QUIET, VolumeRow.DEFAULT_TABLE), VolumeRow.HEADERS, List.of(BARE)));
    }

    @Test
    void everyFieldAsDockerPrintsIt() {
        assertEquals("v1 local local /d/volumes/v1/_data a=b,z= b N/A N/A N/A N/A N/A\n",
                Listing.render("{{.Name}} {{.Driver}} {{.Scope}} {{.Mountpoint}} {{.Labels}} {{.Label \"a\"}} {{.Links}} {{.Size}} {{.Group}} {{.Availability}} {{.Status}}",
                        VolumeRow.HEADERS, List.of(LABELLED)));
        assertEquals("{\"Availability\":\"N/A\",\"Driver\":\"local\",\"Group\":\"N/A\",\"Labels\":\"\",\"Links\":\"N/A\",\"Mountpoint\":\"/d/volumes/v2/_data\","
                + "\"Name\":\"v2\",\"Scope\":\"local\",\"Size\":\"N/A\",\"Status\":\"N/A\"}\n", Listing.render("{{json .}}", VolumeRow.HEADERS, List.of(BARE)));
    }

    @Test
    void aLabelColumnIsTitledByTheLabelsLastPart() {
        assertEquals("VOLUME NAME   a         tier name\nv1            b         \n",
                Listing.render("table {{.Name}}\t{{.Label \"a\"}}\t{{.Label \"com.example.tier-name\"}}", VolumeRow.HEADERS, List.of(LABELLED)));
    }

    @Test
    void usageDataGivesLinksAndSize() {
        VolumeRow used = row("""
                {"Driver":"local","Name":"v3","Mountpoint":"/m","Scope":"local","UsageData":{"Size":3000000,"RefCount":2}}""");
        VolumeRow unknown = row("""
                {"Driver":"local","Name":"v4","Mountpoint":"/m","Scope":"local","UsageData":{"Size":-1,"RefCount":-1}}""");
        assertEquals("VOLUME NAME   LINKS     SIZE\nv3            2         3MB\nv4            N/A       N/A\n",
                Listing.render("table {{.Name}}\t{{.Links}}\t{{.Size}}", VolumeRow.HEADERS, List.of(used, unknown)));
    }
}
