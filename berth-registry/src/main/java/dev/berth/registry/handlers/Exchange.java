package dev.berth.registry.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.json.Json;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One request and its response, seen through blocking calls: handlers run on a virtual thread
 * each, so they read the body as an InputStream and write as an OutputStream with no callbacks.
 * The dispatcher completes Jetty's callback once the handler returns.
 */
public final class Exchange {
    private final Request request;
    private final Response response;
    private Fields query;

    Exchange(Request request, Response response) {
        this.request = request;
        this.response = response;
    }

    public String method() {
        return request.getMethod();
    }

    public boolean isHead() {
        return "HEAD".equals(request.getMethod());
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** A query parameter, or null. */
    public String query(String name) {
        if (query == null) query = Request.extractQueryParameters(request);
        return query.getValue(name);
    }

    /** The declared body length, or -1 when the body is chunked or absent. */
    public long contentLength() {
        return request.getHeaders().getLongField("Content-Length");
    }

    public InputStream body() {
        return Content.Source.asInputStream(request);
    }

    public byte[] bodyBytes(int limit) throws IOException {
        try (InputStream in = body()) {
            byte[] data = in.readNBytes(limit + 1);
            if (data.length > limit) throw new IOException("body larger than " + limit + " bytes");
            return data;
        }
    }

    public Exchange status(int status) {
        response.setStatus(status);
        return this;
    }

    public Exchange header(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    public boolean committed() {
        return response.isCommitted();
    }

    /** Ends the response with no body (and {@code Content-Length: 0}, unless a HEAD already set the length). */
    public void empty() throws IOException {
        if (!response.getHeaders().contains("Content-Length")) response.getHeaders().put("Content-Length", "0");
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            // nothing: closing ends the response
        }
    }

    public void json(JsonNode body) throws IOException {
        bytes("application/json", Json.bytes(body));
    }

    public void bytes(String contentType, byte[] body) throws IOException {
        response.getHeaders().put("Content-Type", contentType);
        response.getHeaders().put("Content-Length", Long.toString(body.length));
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            if (!isHead()) out.write(body);
        }
    }

    /** Streams a body whose length was already set as a header. */
    public OutputStream stream() {
        return Content.Sink.asOutputStream(response);
    }
}
