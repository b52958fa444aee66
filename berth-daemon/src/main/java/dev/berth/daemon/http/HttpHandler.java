package dev.berth.daemon.http;

import java.io.IOException;

/** Handles one request; must write exactly one response (or hijack the connection). */
@FunctionalInterface
public interface HttpHandler {
    void handle(HttpRequest request, HttpResponse response) throws IOException;
}
