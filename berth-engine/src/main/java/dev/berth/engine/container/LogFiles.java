package dev.berth.engine.container;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Reads conmon's CRI log format: {@code <RFC3339Nano> <stdout|stderr> <F|P> <content>}, one record
 * per line; {@code P} marks a partial chunk without its newline. Rotated files ({@code .1}, {@code .2}
 * ...) are read oldest first.
 */
public final class LogFiles {
    private LogFiles() {}

    /** Parses one log line; null if it is not a record. */
    public static LogRecord parse(String line) {
        int a = line.indexOf(' ');
        if (a < 0) return null;
        int b = line.indexOf(' ', a + 1);
        if (b < 0) return null;
        int c = line.indexOf(' ', b + 1);
        String tag = c < 0 ? line.substring(b + 1) : line.substring(b + 1, c);
        String content = c < 0 ? "" : line.substring(c + 1);
        Instant t;
        try {
            t = OffsetDateTime.parse(line.substring(0, a)).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
        int stream = line.startsWith("stderr", a + 1) ? 2 : 1;
        String data = tag.equals("P") ? content : content + "\n";
        return new LogRecord(t, stream, data.getBytes(StandardCharsets.UTF_8));
    }

    /** Options of a logs request. */
    public record Query(boolean stdout, boolean stderr, Instant since, Instant until, int tail, boolean follow) {}

    /** Streams matching records to {@code sink}; with follow, keeps reading until {@code running} is false. */
    public static void read(Path log, Query q, java.util.function.Consumer<LogRecord> sink, BooleanSupplier running) throws IOException {
        Predicate<LogRecord> keep = r -> (r.stream() == 1 ? q.stdout() : q.stderr())
                && (q.since() == null || !r.time().isBefore(q.since()))
                && (q.until() == null || r.time().isBefore(q.until()));
        List<Path> files = new ArrayList<>();
        for (int i = 1; Files.exists(log.resolveSibling(log.getFileName() + "." + i)); i++) {
            files.addFirst(log.resolveSibling(log.getFileName() + "." + i));
        }
        List<LogRecord> all = new ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                LogRecord r = parse(line);
                if (r != null && keep.test(r)) all.add(r);
            }
        }
        java.util.function.Consumer<String> live = line -> {
            LogRecord r = parse(line);
            if (r != null && keep.test(r)) all.add(r);
        };
        RandomAccessFile current = Files.exists(log) ? new RandomAccessFile(log.toFile(), "r") : null;
        Object currentKey = fileKey(log);
        try {
            long offset = current == null ? 0 : readLines(current, 0, live);
            int from = q.tail() >= 0 ? Math.max(0, all.size() - q.tail()) : 0;
            for (int i = from; i < all.size(); i++) sink.accept(all.get(i));
            if (!q.follow()) return;
            java.util.function.Consumer<String> emit = line -> {
                LogRecord r = parse(line);
                if (r != null && keep.test(r)) sink.accept(r);
            };
            while (true) {
                boolean wasRunning = running.getAsBoolean();
                if (current != null) offset = readLines(current, offset, emit);
                Object key = fileKey(log);
                if (key != null && !key.equals(currentKey)) {
                    // rotated: finish the old file through the open handle, then follow the new one
                    if (current != null) {
                        readLines(current, offset, emit);
                        current.close();
                    }
                    current = new RandomAccessFile(log.toFile(), "r");
                    currentKey = key;
                    offset = readLines(current, 0, emit);
                }
                if (!wasRunning) return;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            if (current != null) current.close();
        }
    }

    private static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads complete lines from {@code offset}; returns the offset after the last complete line. */
    private static long readLines(RandomAccessFile raf, long offset, java.util.function.Consumer<String> line) throws IOException {
        long len = raf.length();
        if (len <= offset) return offset;
        raf.seek(offset);
        byte[] buf = new byte[(int) Math.min(len - offset, 64L << 20)];
        raf.readFully(buf);
        int start = 0;
        for (int i = 0; i < buf.length; i++) {
            if (buf[i] == '\n') {
                line.accept(new String(buf, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return offset + start;
    }
}
