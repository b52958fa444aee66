package dev.berth.distribution;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** At most {@code limit} bytes of a stream, reporting the running count (every 512 KiB and at the end). */
final class CountingInputStream extends FilterInputStream {
    private static final long EVERY = 512 << 10;
    private final LongConsumer report;
    private long remaining;
    private long count;
    private long reported;

    CountingInputStream(InputStream in, long limit, LongConsumer report) {
        super(in);
        this.remaining = limit;
        this.report = report;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            if (reported != count) report.accept(reported = count);
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
            count += n;
            if (count - reported >= EVERY || remaining == 0) report.accept(reported = count);
        }
        return n;
    }
}
