package dev.berth.cli.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes ustar entries; names or link targets that do not fit get a PAX header first. */
public final class TarWriter implements AutoCloseable {
    private static final int BLOCK = 512;
    private final OutputStream out;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes a header and, for files, exactly {@code entry.size()} bytes of {@code data}. */
    public void add(TarEntry entry, InputStream data) throws IOException {
        String name = entry.kind() == TarEntry.Kind.DIRECTORY && !entry.name().endsWith("/") ? entry.name() + "/" : entry.name();
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = entry.linkName() == null ? new byte[0] : entry.linkName().getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100 || linkBytes.length > 100) {
            StringBuilder pax = new StringBuilder();
            if (nameBytes.length > 100) pax.append(record("path", name));
            if (linkBytes.length > 100) pax.append(record("linkpath", entry.linkName()));
            byte[] body = pax.toString().getBytes(StandardCharsets.UTF_8);
            out.write(header("PaxHeaders/" + truncate(name), 'x', 0644, body.length, entry.mtime(), "", 0, 0));
            out.write(body);
            out.write(new byte[(int) pad(body.length)]);
        }
        char type = switch (entry.kind()) {
            case DIRECTORY -> '5';
            case SYMLINK -> '2';
            case HARDLINK -> '1';
            default -> '0';
        };
        long size = entry.kind() == TarEntry.Kind.FILE ? entry.size() : 0;
        out.write(header(truncate(name), type, entry.mode(), size, entry.mtime(), entry.linkName() == null ? "" : truncate(entry.linkName()),
                entry.uid(), entry.gid()));
        if (size > 0) {
            long copied = data.transferTo(new Limited(out, size));
            if (copied != size) throw new IOException("file changed size while copying: " + entry.name());
            out.write(new byte[(int) pad(size)]);
        }
    }

    @Override
    public void close() throws IOException {
        out.write(new byte[BLOCK * 2]);
        out.flush();
    }

    private static String truncate(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length <= 100 ? s : new String(b, 0, 100, StandardCharsets.UTF_8);
    }

    private static String record(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int len = body.getBytes(StandardCharsets.UTF_8).length;
        int total = len + Integer.toString(len).length();
        if (Integer.toString(total).length() != Integer.toString(len).length()) total++;
        return total + body;
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static byte[] header(String name, char type, int mode, long size, long mtime, String link, int uid, int gid) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name);
        octal(h, 100, 8, mode & 07777);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, Math.max(0, mtime));
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        h[262] = 0;
        put(h, 263, 2, "00");
        for (int i = 148; i < 156; i++) h[i] = ' ';
        long sum = 0;
        for (byte b : h) sum += b & 0xff;
        octal(h, 148, 8, sum);
        return h;
    }

    private static void put(byte[] h, int off, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, Math.min(len, b.length));
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = Long.toOctalString(v);
        while (s.length() < len - 1) s = "0" + s;
        put(h, off, len - 1, s);
        h[off + len - 1] = 0;
    }

    /** Passes through at most {@code limit} bytes, so a growing file cannot corrupt the archive. */
    private static final class Limited extends OutputStream {
        private final OutputStream out;
        private long left;

        Limited(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- > 0) out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, left);
            if (n > 0) out.write(b, off, n);
            left -= n;
        }
    }
}
