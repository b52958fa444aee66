package dev.berth.client.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.json.JsonNodes;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream of JSON documents, one after another (events, stats, pull/import progress). Each
 * document is returned as soon as its last byte arrives.
 */
public final class JsonStream implements Closeable {
    private final JsonParser parser;

    public JsonStream(InputStream in) throws IOException {
        this.parser = JsonNodes.FACTORY.createParser(in);
    }

    /** The next document, or null at the end of the stream. */
    public JsonNode next() throws IOException {
        if (parser.nextToken() == null) return null;
        return JsonNodes.read(parser);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
