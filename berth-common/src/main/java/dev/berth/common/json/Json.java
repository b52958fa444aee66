package dev.berth.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;

import java.io.IOException;

/** The JSON codec setup shared by every module: tolerant on input, compact on output. */
public final class Json {
    /** Unknown fields are ignored: docker-java and compose send fields berth does not model. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .configure(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new BerthException.Internal("cannot encode JSON: " + e.getMessage(), e);
        }
    }

    public static String string(Object value) {
        return new String(bytes(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static JsonNode tree(byte[] data) {
        try {
            return data.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(data);
        } catch (IOException e) {
            throw new BerthException.InvalidArgument("invalid JSON: " + e.getMessage());
        }
    }

    public static <T> T read(byte[] data, Class<T> type) {
        try {
            return MAPPER.readValue(data, type);
        } catch (IOException e) {
            throw new BerthException.InvalidArgument("invalid JSON: " + e.getMessage());
        }
    }
}
