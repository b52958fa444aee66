package dev.berth.cli.commands.container;

import dev.berth.cli.io.Terminal;

import java.io.IOException;

/** Sends the local terminal's size to a container or exec now and after every SIGWINCH. */
final class TtySize {
    /** The resize call: {@code POST /containers/{id}/resize} or {@code /exec/{id}/resize}. */
    @FunctionalInterface
    interface Resize {
        void apply(int height, int width) throws IOException;
    }

    private TtySize() {}

    /** @param known the size already read (sent at create), or null to read it now */
    static void follow(Terminal term, int[] known, Resize resize) {
        send(known != null ? known : term.size(), resize);
        term.onResize(() -> send(term.size(), resize));
    }

    private static void send(int[] size, Resize resize) {
        if (size == null || size[0] == 0 || size[1] == 0) return;
        try {
            resize.apply(size[0], size[1]);
        } catch (IOException | RuntimeException ignored) {
            // best effort, as in docker: a failed resize does not end the session
        }
    }
}
