package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.json.JsonNodes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonIndentTest {
    @Test
    void jsonIndentLikeGo() {
        JsonNode n = JsonNodes.parse("{\"Id\":\"x\",\"Args\":[],\"Labels\":{},\"State\":{\"Pid\":1,\"Running\":true},\"Cmd\":[\"a\",\"b\"],\"Nil\":null}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("""
                {
                    "Id": "x",
                    "Args": [],
                    "Labels": {},
                    "State": {
                        "Pid": 1,
                        "Running": true
                    },
                    "Cmd": [
                        "a",
                        "b"
                    ],
                    "Nil": null
                }""", JsonIndent.indent(n));
    }
}
