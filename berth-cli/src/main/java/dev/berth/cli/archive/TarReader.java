package dev.berth.cli.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar stream entry by entry. Understands ustar headers (with the prefix field), PAX
 * extended headers ({@code path}, {@code linkpath}, {@code size}) and GNU long names.
 * {@link #content()} reads the current entry's data; it must be read or skipped before {@link #next()}.
 */
public final class TarReader {
    private static final int BLOCK = 512;
    private final InputStream in;
    private long remaining;
    private long padding;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. */
    public TarEntry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        String longName = null;
        String longLink = null;
        Long paxSize = null;
        while (true) {
            byte[] h = in.readNBytes(BLOCK);
            if (h.length == 0) return null;
            if (h.length < BLOCK) throw new EOFException("truncated tar header");
            if (isZero(h)) return null;
            char type = (char) h[156];
            long size = number(h, 124, 12);
            if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                byte[] data = in.readNBytes((int) size);
                skip(pad(size));
                if (type == 'L') longName = cString(data);
                else if (type == 'K') longLink = cString(data);
                else if (type == 'x') {
                    for (String rec : pax(data)) {
                        int eq = rec.indexOf('=');
                        String key = rec.substring(0, eq);
                        String value = rec.substring(eq + 1);
                        if (key.equals("path")) longName = value;
                        else if (key.equals("linkpath")) longLink = value;
                        else if (key.equals("size")) paxSize = Long.parseLong(value);
                    }
                }
                continue;
            }
            String name = longName != null ? longName : ustarName(h);
            String link = longLink != null ? longLink : field(h, 157, 100);
            if (paxSize != null) size = paxSize;
            TarEntry.Kind kind = switch (type) {
                case '0', '\0', '7' -> name.endsWith("/") ? TarEntry.Kind.DIRECTORY : TarEntry.Kind.FILE;
                case '5' -> TarEntry.Kind.DIRECTORY;
                case '2' -> TarEntry.Kind.SYMLINK;
                case '1' -> TarEntry.Kind.HARDLINK;
                default -> TarEntry.Kind.OTHER;
            };
            if (kind == TarEntry.Kind.DIRECTORY || kind == TarEntry.Kind.SYMLINK || kind == TarEntry.Kind.HARDLINK) size = 0;
            remaining = size;
            padding = pad(size);
            while (name.endsWith("/") && name.length() > 1) name = name.substring(0, name.length() - 1);
            return new TarEntry(name, kind, (int) number(h, 100, 8) & 07777, size, number(h, 136, 12), link,
                    (int) number(h, 108, 8), (int) number(h, 116, 8));
        }
    }

    /** The current entry's data. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (remaining <= 0) return -1;
                int b = in.read();
                if (b < 0) throw new EOFException("truncated tar entry");
                remaining--;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) return -1;
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) throw new EOFException("truncated tar entry");
                remaining -= n;
                return n;
            }
        };
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) return;
                s = 1;
            }
            left -= s;
        }
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) if (b != 0) return false;
        return true;
    }

    private static String ustarName(byte[] h) {
        String name = field(h, 0, 100);
        String magic = field(h, 257, 6);
        if (magic.startsWith("ustar")) {
            String prefix = field(h, 345, 155);
            if (!prefix.isEmpty()) return prefix + "/" + name;
        }
        return name;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) end++;
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static String cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) end++;
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    /** Octal, or base-256 when the high bit of the first byte is set (GNU large numbers). */
    static long number(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x7f;
            for (int i = 1; i < len; i++) v = (v << 8) | (h[off + i] & 0xff);
            return v;
        }
        String s = field(h, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    /** PAX records: "LEN key=value\n". */
    private static java.util.List<String> pax(byte[] data) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < data.length) {
            int sp = i;
            while (sp < data.length && data[sp] != ' ') sp++;
            if (sp >= data.length) break;
            int len = Integer.parseInt(new String(data, i, sp - i, StandardCharsets.US_ASCII));
            if (len <= 0 || i + len > data.length) break;
            out.add(new String(data, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8));
            i += len;
        }
        return out;
    }
}
