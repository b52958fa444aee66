package dev.berth.engine.logging;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a json-file log the way {@code docker logs} does: rotated files oldest first, then the live
 * file, with {@code --tail}, {@code --since} and {@code --until}. Following does not poll the files:
 * the shipper hands every record it writes after the history straight to the reader, so a log that
 * rotates faster than a reader could look loses nothing.
 */
public final class LogReader {
    /** How often a follower pulls conmon's output itself, between the daemon's own passes. */
    private static final long FOLLOW_POLL_MS = 50;

    private LogReader() {}

    /** Options of a logs request; {@code tail} below 0 means all. */
    public record Query(boolean stdout, boolean stderr, Instant since, Instant until, int tail, boolean follow) {
        boolean keeps(LogRecord r) {
            return (r.stream() == 1 ? stdout : stderr)
                    && (since == null || !r.time().isBefore(since))
                    && (until == null || r.time().isBefore(until));
        }
    }

    /** A container's log: its json-file, the shipper that writes it, and whether more can come. */
    public record Source(Path log, LogShipper shipper, BooleanSupplier running) {}

    /**
     * Streams matching records to {@code sink}; with follow, until the container is no longer running.
     * {@code flush} is called where a reader should push what it buffered: after the history and after
     * each batch of new records.
     */
    public static void read(Source src, Query q, Consumer<LogRecord> sink, Runnable flush) throws IOException {
        // --tail needs the last N of everything before it can send the first; without it, stream
        ArrayDeque<LogRecord> last = q.tail() >= 0 ? new ArrayDeque<>() : null;
        Consumer<LogRecord> history = r -> {
            if (!q.keeps(r)) return;
            if (last == null) {
                sink.accept(r);
                return;
            }
            if (q.tail() == 0) return;
            if (last.size() == q.tail()) last.removeFirst();
            last.addLast(r);
        };
        if (!q.follow()) {
            src.shipper().read(() -> readFiles(src.log(), history));
            if (last != null) last.forEach(sink);
            flush.run();
            return;
        }
        BlockingQueue<LogRecord> live = new LinkedBlockingQueue<>();
        Runnable unsubscribe = src.shipper().follow(() -> readFiles(src.log(), history), live::add);
        try {
            if (last != null) last.forEach(sink);
            flush.run();
            while (true) {
                boolean wasRunning = src.running().getAsBoolean();
                src.shipper().ship();
                LogRecord r = live.poll(FOLLOW_POLL_MS, TimeUnit.MILLISECONDS);
                if (r != null) {
                    for (; r != null; r = live.poll()) {
                        if (q.keeps(r)) sink.accept(r);
                    }
                    flush.run();
                }
                if (!wasRunning) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unsubscribe.run();
        }
    }

    /** Every record of the log, oldest file first. */
    static void readFiles(Path log, Consumer<LogRecord> sink) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; Files.exists(rotated(log, i)); i++) files.addFirst(rotated(log, i));
        files.add(log);
        for (Path f : files) {
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
                readLines(raf, sink);
            } catch (FileNotFoundException notYet) {
                // never started: no live file yet
            }
        }
    }

    private static Path rotated(Path log, int i) {
        return log.resolveSibling(log.getFileName() + "." + i);
    }

    private static void readLines(RandomAccessFile raf, Consumer<LogRecord> sink) throws IOException {
        long len = raf.length();
        long offset = 0;
        while (len > offset) {
            byte[] buf = new byte[(int) Math.min(len - offset, 1 << 20)];
            raf.seek(offset);
            raf.readFully(buf);
            int start = 0;
            for (int i = 0; i < buf.length; i++) {
                if (buf[i] != '\n') continue;
                LogRecord r = JsonLogLine.decode(buf, start, i - start);
                if (r != null) sink.accept(r);
                start = i + 1;
            }
            if (start == 0) return; // a line longer than the buffer: the file is damaged from here
            offset += start;
        }
    }
}
