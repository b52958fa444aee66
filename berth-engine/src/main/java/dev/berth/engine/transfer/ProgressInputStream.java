package dev.berth.engine.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Reports the bytes read so far every 512 KiB and at the end (for "Extracting" progress). */
final class ProgressInputStream extends FilterInputStream {
    private static final long EVERY = 512 << 10;
    private final LongConsumer report;
    private long count;
    private long reported;

    ProgressInputStream(InputStream in, LongConsumer report) {
        super(in);
        this.report = report;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) advance(1); else finish();
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) advance(n); else if (n < 0) finish();
        return n;
    }

    private void advance(long n) {
        count += n;
        if (count - reported >= EVERY) {
            reported = count;
            report.accept(count);
        }
    }

    private void finish() {
        if (reported != count) {
            reported = count;
            report.accept(count);
        }
    }
}
