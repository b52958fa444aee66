package dev.berth.common.io;

import dev.berth.common.errors.BerthException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Whole-file writes that are never seen half-done: write a sibling temp file, fsync, rename. */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, byte[] content) {
        write(target, content, true);
    }

    /**
     * Atomic but not durable: no fsync. For files berthd regenerates on every container start
     * (config.json, hosts, hostname), where a crash may lose the file but never leaves half of it.
     */
    public static void replace(Path target, byte[] content) {
        write(target, content, false);
    }

    public static void replace(Path target, String content) {
        replace(target, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void write(Path target, byte[] content, boolean durable) {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().threadId());
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(content));
                if (durable) ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
            throw new BerthException.Internal("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public static void write(Path target, String content) {
        write(target, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
