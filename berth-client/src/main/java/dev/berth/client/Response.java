package dev.berth.client;

import dev.berth.client.http.Connection;
import dev.berth.client.http.ResponseHead;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** A successful response whose body is still to be read; closing it closes its connection. */
public record Response(ResponseHead head, InputStream body, Connection connection) implements Closeable {
    public int status() {
        return head.status();
    }

    public String header(String name) {
        return head.header(name);
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
