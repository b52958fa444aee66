package dev.berth.engine.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The writing side of a json-file log: {@code <id>-json.log} plus rotated {@code .1} ... {@code .(max-file - 1)},
 * {@code .1} the newest, as dockerd keeps them. As in dockerd, the size is checked before each line,
 * so a file ends at the first line that reaches {@code max-size}.
 */
public final class JsonLogFile {
    /** {@code --log-opt max-size} (0 = unlimited) and {@code max-file}. */
    public record Limits(long maxSize, int maxFiles) {
        public static final Limits UNLIMITED = new Limits(0, 1);
    }

    private final Path path;
    private final Limits limits;

    public JsonLogFile(Path path, Limits limits) {
        this.path = path;
        this.limits = limits;
    }

    public Path path() {
        return path;
    }

    /** Appends encoded lines, rotating where a file has reached the size limit. */
    public void append(List<byte[]> lines) throws IOException {
        if (lines.isEmpty()) return;
        ByteArrayOutputStream pending = new ByteArrayOutputStream(8192);
        long size = Files.exists(path) ? Files.size(path) : 0;
        for (byte[] line : lines) {
            if (limits.maxSize() > 0 && size + pending.size() >= limits.maxSize()) {
                write(pending);
                rotate(path, limits.maxFiles());
                size = 0;
            }
            pending.write(line);
        }
        write(pending);
    }

    private void write(ByteArrayOutputStream pending) throws IOException {
        if (pending.size() == 0) return;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(pending.toByteArray());
            while (buf.hasRemaining()) ch.write(buf);
        }
        pending.reset();
    }

    /**
     * Shifts {@code .i} to {@code .(i+1)} and the live file to {@code .1}. The live file is renamed, never
     * truncated, so a reader holding it open finishes it and then moves to the new file.
     */
    static void rotate(Path log, int maxFiles) throws IOException {
        String name = log.getFileName().toString();
        int keep = Math.max(1, maxFiles - 1);
        Files.deleteIfExists(log.resolveSibling(name + "." + keep));
        for (int i = keep - 1; i >= 1; i--) {
            Path from = log.resolveSibling(name + "." + i);
            if (Files.exists(from)) Files.move(from, log.resolveSibling(name + "." + (i + 1)), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(log, log.resolveSibling(name + ".1"), StandardCopyOption.ATOMIC_MOVE);
        // with max-file=1 dockerd keeps only the live file: the old content is dropped
        if (maxFiles <= 1) Files.deleteIfExists(log.resolveSibling(name + ".1"));
    }
}
