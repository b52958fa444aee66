package dev.berth.cli.io;

import dev.berth.client.api.ContainerApi;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --sig-proxy}: signals sent to the CLI are passed on to the container
 * ({@code POST /containers/{id}/kill?signal=NAME}), as the docker CLI does for non-TTY runs. With
 * a TTY the terminal delivers Ctrl-C itself, so this is not installed.
 */
public final class SignalProxy {
    /** The signals a JVM lets us catch; the VM keeps some (SIGUSR2, ...), those are skipped. */
    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP", "QUIT", "USR1", "USR2", "ALRM");

    private SignalProxy() {}

    /** Forwards to a container; a failed kill (the container is gone) is ignored. */
    public static void forward(ContainerApi api, String containerId) {
        forward(signal -> {
            try {
                api.kill(containerId, signal);
            } catch (IOException | RuntimeException ignored) {
                // the container may have exited already
            }
        });
    }

    public static void forward(Consumer<String> kill) {
        for (String name : SIGNALS) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> Thread.ofVirtual().start(() -> kill.accept(s.getName())));
            } catch (IllegalArgumentException reservedByTheVm) {
                // not forwarded
            }
        }
    }
}
