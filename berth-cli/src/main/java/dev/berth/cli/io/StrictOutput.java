package dev.berth.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Standard output for streamed data (logs -f, attach, events). A {@link PrintStream} swallows
 * write errors, and the JVM ignores SIGPIPE, so without this {@code berth logs -f x | grep -m1 ready}
 * would keep streaming into a closed pipe; here the first flush after the reader went away fails.
 */
public final class StrictOutput extends OutputStream {
    /** The reader of our output is gone (EPIPE): the command ends quietly, as docker does on SIGPIPE. */
    public static final class ClosedException extends IOException {
        public ClosedException() {
            super("standard output closed");
        }
    }

    private final PrintStream out;

    public StrictOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        if (out.checkError()) throw new ClosedException();
    }
}
