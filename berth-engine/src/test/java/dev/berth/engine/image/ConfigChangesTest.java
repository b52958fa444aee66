package dev.berth.engine.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigChangesTest {
    private static ObjectNode parse(String json) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    @Test
    void everyInstructionCommitAccepts() throws Exception {
        ObjectNode c = ConfigChanges.apply(parse("{\"Env\":[\"PATH=/bin\",\"A=0\"],\"WorkingDir\":\"/srv\"}"), List.of(
                "CMD [\"cat\",\"/f\"]", "ENV A=1 B=\"two words\"", "ENV C three", "EXPOSE 80 53/UDP", "LABEL k=v x=\"y z\"",
                "USER nobody", "VOLUME /data", "VOLUME [\"/a\",\"/b\"]", "WORKDIR app", "ONBUILD RUN echo hi", "STOPSIGNAL SIGQUIT"));
        assertEquals("[\"cat\",\"/f\"]", c.get("Cmd").toString());
        assertEquals("[\"PATH=/bin\",\"A=1\",\"B=two words\",\"C=three\"]", c.get("Env").toString());
        assertEquals("{\"80/tcp\":{},\"53/udp\":{}}", c.get("ExposedPorts").toString());
        assertEquals("{\"k\":\"v\",\"x\":\"y z\"}", c.get("Labels").toString());
        assertEquals("nobody", c.get("User").asText());
        assertEquals("{\"/data\":{},\"/a\":{},\"/b\":{}}", c.get("Volumes").toString());
        assertEquals("/srv/app", c.get("WorkingDir").asText());
        assertEquals("[\"RUN echo hi\"]", c.get("OnBuild").toString());
        assertEquals("SIGQUIT", c.get("StopSignal").asText());
    }

    @Test
    void shellFormAndEntrypointDropsAnInheritedCmd() throws Exception {
        ObjectNode c = ConfigChanges.apply(parse("{\"Cmd\":[\"sh\"]}"), List.of("ENTRYPOINT top -b"));
        assertEquals("[\"/bin/sh\",\"-c\",\"top -b\"]", c.get("Entrypoint").toString());
        assertTrue(c.get("Cmd").isNull());
        ObjectNode both = ConfigChanges.apply(parse("{}"), List.of("CMD [\"-b\"]", "ENTRYPOINT [\"top\"]"));
        assertEquals("[\"-b\"]", both.get("Cmd").toString());
    }

    @Test
    void refusals() {
        assertEquals("FROM is not a valid change command", assertThrows(BerthException.InvalidArgument.class,
                () -> ConfigChanges.apply(Json.object(), List.of("FROM busybox"))).getMessage());
        assertThrows(BerthException.InvalidArgument.class, () -> ConfigChanges.apply(Json.object(), List.of("RUN true")));
        assertThrows(BerthException.InvalidArgument.class, () -> ConfigChanges.apply(Json.object(), List.of("ONBUILD ONBUILD RUN x")));
        assertThrows(BerthException.InvalidArgument.class, () -> ConfigChanges.apply(Json.object(), List.of("USER")));
    }

    @Test
    void mergeFillsWhatTheUserLeftUnsetAsDockerd() throws Exception {
        ObjectNode container = parse("{\"User\":\"u\",\"Env\":[\"PATH=/bin\",\"A=0\"],\"Cmd\":[\"sh\"],\"Entrypoint\":null,"
                + "\"Labels\":{\"a\":\"1\",\"b\":\"2\"},\"ExposedPorts\":{\"80/tcp\":{}},\"WorkingDir\":\"/w\",\"StopSignal\":\"SIGINT\"}");
        ObjectNode user = ConfigMerge.merge(parse("{\"Env\":[\"A=1\"],\"Labels\":{\"b\":\"3\"},\"ExposedPorts\":{\"443/tcp\":{}}}"), container);
        assertEquals("u", user.get("User").asText());
        assertEquals("[\"A=1\",\"PATH=/bin\"]", user.get("Env").toString());
        assertEquals("[\"sh\"]", user.get("Cmd").toString());
        assertEquals("{\"b\":\"3\",\"a\":\"1\"}", user.get("Labels").toString());
        assertEquals("{\"443/tcp\":{},\"80/tcp\":{}}", user.get("ExposedPorts").toString());
        assertEquals("/w", user.get("WorkingDir").asText());
        assertEquals("SIGINT", user.get("StopSignal").asText());
        // an Entrypoint of the user's keeps the container's Cmd out
        ObjectNode ep = ConfigMerge.merge(parse("{\"Entrypoint\":[\"top\"]}"), container);
        assertTrue(ep.path("Cmd").isMissingNode());
    }
}
