package dev.berth.client.http;

import java.io.InputStream;

/** A request body: none, a fixed byte array (sent with Content-Length), or a stream (sent chunked). */
public sealed interface Body {
    None NONE = new None();

    record None() implements Body {}

    record Bytes(byte[] data, String contentType) implements Body {}

    record Stream(InputStream in, String contentType) implements Body {}
}
