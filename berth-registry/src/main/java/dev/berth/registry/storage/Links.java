package dev.berth.registry.storage;

import dev.berth.common.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small-file helpers for link, tag and revision files: atomic writes, tolerant reads, sorted listings. */
final class Links {
    private Links() {}

    static void write(Path file, String content) {
        AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names in {@code dir}, without the dot-prefixed temp files of writes in progress; empty when it does not exist. */
    static List<String> names(Path dir) {
        List<String> names = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).forEach(names::add);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
    }
}
