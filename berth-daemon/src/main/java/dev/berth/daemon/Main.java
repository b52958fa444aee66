package dev.berth.daemon;

import dev.berth.daemon.assembly.Daemon;
import dev.berth.daemon.assembly.DaemonConfig;

import java.util.concurrent.CountDownLatch;

/** {@code berthd}: starts the daemon and runs until SIGTERM/SIGINT. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        DaemonConfig config;
        try {
            config = DaemonConfig.parse(args);
        } catch (DaemonConfig.HelpRequested h) {
            System.out.print(DaemonConfig.USAGE);
            return;
        } catch (RuntimeException e) {
            System.err.println("berthd: " + e.getMessage());
            System.exit(125);
            return;
        }
        long t0 = System.nanoTime();
        Daemon daemon;
        try {
            daemon = new Daemon(config);
        } catch (IllegalStateException e) {
            System.err.println("berthd: failed to start daemon: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.err.printf("berthd: API listening on %s (data root %s, started in %d ms)%n",
                config.sockets(), config.dataRoot(), (System.nanoTime() - t0) / 1_000_000);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            stop.countDown();
        }));
        stop.await();
    }
}
