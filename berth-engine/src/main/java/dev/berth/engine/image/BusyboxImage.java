package dev.berth.engine.image;

import dev.berth.common.errors.BerthException;
import dev.berth.oci.image.ImageRef;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded default image: {@code busybox:latest} made from the host's static busybox, so that
 * berth runs containers on a machine with no registry. The layer tar is deterministic (fixed
 * times and order), so the same busybox binary always gives the same image id.
 */
public final class BusyboxImage {
    public static final ImageRef REF = ImageRef.parse("busybox:latest");
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private final Path busybox;

    public BusyboxImage(Path busybox) {
        this.busybox = busybox;
    }

    /** Creates busybox:latest unless an image of that name exists. */
    public Optional<Image> ensure(ImageStore images, ImageImporter importer) {
        if (images.hasTag(REF)) return Optional.empty();
        if (!Files.isRegularFile(busybox)) return Optional.empty();
        byte[] tar = layer();
        ImageImporter.ImportConfig config = new ImageImporter.ImportConfig(List.of("sh"), null,
                List.of(ImageImporter.DEFAULT_PATH), null, null, Map.of(), List.of());
        return Optional.of(importer.importRootfs(new ByteArrayInputStream(tar), config, "berth: from host busybox " + busybox, Optional.of(REF), EPOCH));
    }

    byte[] layer() {
        try {
            List<String> applets = applets();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buf)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (String d : List.of("bin/", "dev/", "etc/", "home/", "proc/", "root/", "sys/", "tmp/", "usr/", "usr/sbin/", "var/", "var/spool/", "var/spool/mail/", "var/www/")) {
                    TarArchiveEntry e = new TarArchiveEntry(d);
                    e.setMode(d.equals("tmp/") ? 01777 : d.equals("root/") ? 0700 : 0755);
                    e.setModTime(EPOCH.toEpochMilli());
                    tar.putArchiveEntry(e);
                    tar.closeArchiveEntry();
                }
                byte[] bin = Files.readAllBytes(busybox);
                TarArchiveEntry b = new TarArchiveEntry("bin/busybox");
                b.setMode(0755);
                b.setSize(bin.length);
                b.setModTime(EPOCH.toEpochMilli());
                tar.putArchiveEntry(b);
                tar.write(bin);
                tar.closeArchiveEntry();
                for (String applet : applets) {
                    if (applet.equals("busybox")) continue;
                    TarArchiveEntry l = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                    l.setLinkName("busybox");
                    l.setMode(0777);
                    l.setModTime(EPOCH.toEpochMilli());
                    tar.putArchiveEntry(l);
                    tar.closeArchiveEntry();
                }
                file(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
                        + "bin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\n"
                        + "mail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\n"
                        + "operator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n");
                file(tar, "etc/group", "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\n"
                        + "wheel:x:10:root\nmail:x:12:\nwww-data:x:33:\nusers:x:100:\nnogroup:x:65533:\nnobody:x:65534:\n");
                file(tar, "etc/shadow", "root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n");
            }
            return buf.toByteArray();
        } catch (IOException e) {
            throw new BerthException.Internal("cannot build busybox image from " + busybox + ": " + e.getMessage(), e);
        }
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(name.endsWith("shadow") ? 0640 : 0644);
        e.setSize(data.length);
        e.setModTime(EPOCH.toEpochMilli());
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private List<String> applets() throws IOException {
        Process p = new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) throw new IOException("busybox --list failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return out.lines().map(String::trim).filter(s -> !s.isEmpty() && !s.contains("/")).sorted().toList();
    }
}
