package dev.berth.cli.view;

import dev.berth.client.json.JsonNodes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContainerRowTest {
    // a /containers/json item as dockerd sent it for `docker run -d --name spy1 -p 8080:80 ... sleep 300`
    private static final String SUMMARY = """
            {"Id":"b2077c992291d9be57998ccd74b6c0f42f43779ac3749e20a6a1a89c7696b9da","Names":["/spy1"],"Image":"busybox",
             "ImageID":"sha256:bc6230fdf2737ad729c8a2abf8ad5ff24d5b8c6a51f8e4d9ca969f7cdd7c285f","Command":"sleep 300","Created":1795457960,
             "Ports":[{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},{"IP":"::","PrivatePort":80,"PublicPort":8080,"Type":"tcp"}],
             "Labels":{"a":"b"},"State":"running","Status":"Up 31 seconds","HostConfig":{"NetworkMode":"default"},
             "NetworkSettings":{"Networks":{"bridge":{}}},"Mounts":[]}
            """;
    private static final Instant NOW = Instant.ofEpochSecond(1795457960 + 32);

    private static ContainerRow row(boolean trunc) {
        return new ContainerRow(JsonNodes.parse(SUMMARY.getBytes(StandardCharsets.UTF_8)), trunc, NOW, () -> java.time.ZoneId.of("UTC"));
    }

    @Test
    void defaultTableIsDockers() {
        // shared/api-captures/ps/client-stdout.txt
        assertEquals("""
                CONTAINER ID   IMAGE     COMMAND       CREATED          STATUS          PORTS                                     NAMES
                b2077c992291   busybox   "sleep 300"   32 seconds ago   Up 31 seconds   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   spy1
                """, Listing.render(ContainerRow.DEFAULT_TABLE, ContainerRow.HEADERS, List.of(row(true))));
    }

    @Test
    void quietCustomAndJsonFormats() {
        assertEquals("b2077c992291\n", Listing.render(Listing.choose(null, true, "{{.ID}}", ContainerRow.DEFAULT_TABLE), ContainerRow.HEADERS, List.of(row(true))));
        assertEquals("spy1 Up 31 seconds b\n", Listing.render("{{.Names}} {{.Status}} {{.Label \"a\"}}", ContainerRow.HEADERS, List.of(row(true))));
        assertEquals("NAMES     a\nspy1      b\n", Listing.render("table {{.Names}}\\t{{.Label \"a\"}}", ContainerRow.HEADERS, List.of(row(true))),
                "a label column is titled by the label's name (docker ps 28.2.2)");
        assertEquals("{\"Command\":\"\\\"sleep 300\\\"\",\"CreatedAt\":\"2026-11-23 18:19:20 +0000 UTC\",\"ID\":\"b2077c992291\",\"Image\":\"busybox\","
                + "\"Labels\":\"a=b\",\"LocalVolumes\":\"0\",\"Mounts\":\"\",\"Names\":\"spy1\",\"Networks\":\"bridge\",\"Platform\":null,"
                + "\"Ports\":\"0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\",\"RunningFor\":\"32 seconds ago\",\"Size\":\"0B\",\"State\":\"running\","
                + "\"Status\":\"Up 31 seconds\"}\n", Listing.render("{{json .}}", ContainerRow.HEADERS, List.of(row(true))).replace("\\u003e", ">"));
    }

    @Test
    void noTruncKeepsIdsAndCommands() {
        ContainerRow full = row(false);
        assertEquals("b2077c992291d9be57998ccd74b6c0f42f43779ac3749e20a6a1a89c7696b9da", full.id());
        String longCmd = SUMMARY.replace("\"Command\":\"sleep 300\"", "\"Command\":\"sh -c 'echo hello; sleep 10'\"");
        ContainerRow cut = new ContainerRow(JsonNodes.parse(longCmd.getBytes(StandardCharsets.UTF_8)), true, NOW, () -> ZoneOffset.UTC);
        assertEquals("\"sh -c 'echo hello; …\"", cut.command());
    }
}
