package dev.berth.daemon.api.images;

import dev.berth.daemon.http.HttpResponse;
import dev.berth.dockerapi.JsonMessages;
import dev.berth.engine.transfer.PullProgress;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A pull's progress as Docker's JSON-message stream. The 200 and its chunked body start with the
 * first message, so a pull that fails before it (no such manifest, access denied) is answered
 * with the error's own status, as dockerd does; after it, errors go in the stream. Download
 * threads report at once: writes are serialised here.
 */
class PullStream implements PullProgress {
    private final HttpResponse res;
    private final boolean quiet;
    private boolean started;

    PullStream(HttpResponse res) {
        this(res, false);
    }

    private PullStream(HttpResponse res, boolean quiet) {
        this.res = res;
        this.quiet = quiet;
    }

    synchronized boolean started() {
        return started;
    }

    @Override
    public synchronized void status(String id, String status) {
        write(JsonMessages.status(id, status));
    }

    @Override
    public synchronized void layer(String id, String status) {
        write(JsonMessages.status(id, status));
    }

    @Override
    public synchronized void bytes(String id, String status, long current, long total) {
        write(JsonMessages.progress(id, status, current, total));
    }

    synchronized void error(String message) throws IOException {
        start();
        res.chunk(JsonMessages.error(message));
    }

    synchronized void end() throws IOException {
        start();
        res.endChunked();
    }

    private void start() throws IOException {
        if (!started) {
            res.startChunked(200, "application/json");
            started = true;
        }
    }

    /** One message as is (an aux record). */
    synchronized void message(byte[] message) {
        write(message);
    }

    private void write(byte[] message) {
        if (quiet) return;
        try {
            start();
            res.chunk(message);
        } catch (IOException e) {
            // the client went away: the pull stops with it
            throw new UncheckedIOException(e);
        }
    }
}
