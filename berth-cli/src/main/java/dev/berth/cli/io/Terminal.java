package dev.berth.cli.io;

/**
 * The local terminal, for {@code -t}: whether stdin/stdout are terminals, the window size, raw
 * mode, and window-size changes. The system implementation uses {@code stty} on {@code /dev/tty}
 * and SIGWINCH; tests substitute a fake.
 */
public interface Terminal {
    boolean stdinIsTerminal();

    boolean stdoutIsTerminal();

    /** {rows, columns}, or null when there is no terminal. */
    int[] size();

    /** Puts the terminal in raw mode (no echo, no line editing, no signals); close restores it. */
    RawMode makeRaw();

    /** Calls {@code listener} after every change of the window size. */
    void onResize(Runnable listener);

    /** Restores the terminal mode saved by {@link #makeRaw()}. Idempotent. */
    interface RawMode extends AutoCloseable {
        @Override
        void close();
    }

    static Terminal system() {
        return new SttyTerminal();
    }

    /** No terminal at all: output goes to files or pipes (the AOT training run, tests). */
    static Terminal none() {
        return new Terminal() {
            @Override
            public boolean stdinIsTerminal() {
                return false;
            }

            @Override
            public boolean stdoutIsTerminal() {
                return false;
            }

            @Override
            public int[] size() {
                return null;
            }

            @Override
            public RawMode makeRaw() {
                return () -> { };
            }

            @Override
            public void onResize(Runnable listener) {
                // never resized
            }
        };
    }
}
