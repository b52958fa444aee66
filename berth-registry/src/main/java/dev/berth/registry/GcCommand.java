package dev.berth.registry;

import dev.berth.registry.gc.GarbageCollector;
import dev.berth.registry.gc.GcOptions;
import dev.berth.registry.gc.GcReport;
import dev.berth.registry.storage.BlobStore;
import dev.berth.registry.storage.RegistryLayout;
import dev.berth.registry.storage.Repositories;
import dev.berth.registry.storage.UploadSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code berth registry gc}: mark and sweep a storage root, while servers keep serving it. */
@Command(name = "gc", mixinStandardHelpOptions = true, description = "Remove blobs no manifest references, and abandoned uploads")
final class GcCommand implements Callable<Integer> {
    @Option(names = "--root", paramLabel = "DIR", required = true, description = "Storage root")
    Path root;

    @Option(names = "--dry-run", description = "List what would be removed; remove nothing")
    boolean dryRun;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "1h",
            description = "Keep unreferenced blobs younger than this, as a push may still reference them (default ${DEFAULT-VALUE}; e.g. 0s, 30m, 2h)")
    String grace;

    @Option(names = "--upload-age", paramLabel = "DURATION", defaultValue = "24h",
            description = "Remove upload sessions idle for longer than this (default ${DEFAULT-VALUE})")
    String uploadAge;

    @Override
    public Integer call() {
        if (!Files.isDirectory(root)) {
            System.err.println("berth registry gc: " + root + " is not a directory");
            return 1;
        }
        GcOptions options;
        try {
            options = new GcOptions(duration(grace), duration(uploadAge), dryRun);
        } catch (IllegalArgumentException e) {
            System.err.println("berth registry gc: " + e.getMessage());
            return 2;
        }
        RegistryLayout layout = new RegistryLayout(root);
        BlobStore blobs = new BlobStore(layout);
        GcReport report = new GarbageCollector(blobs, new Repositories(layout), new UploadSessions(layout, blobs)).run(options);
        String verb = dryRun ? "would remove" : "removed";
        report.blobsRemoved().forEach(d -> System.out.println(verb + " blob " + d));
        report.uploadsRemoved().forEach(u -> System.out.println(verb + " upload " + u));
        System.out.printf("%d blobs marked, %d %s (%d bytes), %d unreferenced kept within the grace period, %d uploads %s%n",
                report.marked(), report.blobsRemoved().size(), verb, report.bytesRemoved(), report.youngKept(),
                report.uploadsRemoved().size(), verb);
        return 0;
    }

    /** Go-style durations as the flags above show them: 90s, 30m, 2h, 1h30m. */
    static Duration duration(String text) {
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end != text.length() || text.isEmpty()) throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        return total;
    }
}
