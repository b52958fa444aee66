package dev.berth.cli.io;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The real terminal. The JDK has no termios API, so raw mode and the window size go through
 * {@code stty} with {@code /dev/tty} as its input; these forks only happen for {@code -t}.
 * Whether a descriptor is a terminal is read from {@code /proc/self/fd}, which costs no fork.
 */
final class SttyTerminal implements Terminal {
    private static final File TTY = new File("/dev/tty");

    @Override
    public boolean stdinIsTerminal() {
        return isTerminal(0);
    }

    @Override
    public boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public int[] size() {
        String s = stty(List.of("size"));
        if (s == null) return null;
        String[] p = s.trim().split("\\s+");
        if (p.length != 2) return null;
        try {
            return new int[]{Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public RawMode makeRaw() {
        String saved = stty(List.of("-g"));
        if (saved == null) return () -> { };
        stty(List.of("raw", "-echo"));
        AtomicBoolean restored = new AtomicBoolean();
        Runnable restore = () -> {
            if (restored.compareAndSet(false, true)) stty(List.of(saved.trim()));
        };
        // Ctrl-C in raw mode reaches the container, but a SIGTERM/SIGHUP to us must not leave the terminal raw
        Thread hook = new Thread(restore, "restore-terminal");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            restore.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        };
    }

    @Override
    public void onResize(Runnable listener) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> listener.run());
        } catch (IllegalArgumentException unsupported) {
            // no SIGWINCH on this platform: the size stays as sent at start
        }
    }

    private static String stty(List<String> args) {
        if (!TTY.exists()) return null;
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add("stty");
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
