package dev.berth.dockerapi;

import dev.berth.common.errors.BerthException;

import java.io.ByteArrayOutputStream;

/**
 * The {@code detachKeys} of attach and exec: a comma-separated key sequence ({@code ctrl-p,ctrl-q} by
 * default; any single character, {@code ctrl-a} ... {@code ctrl-z}, {@code ctrl-@}, {@code ctrl-[}, {@code ctrl-\},
 * {@code ctrl-]}, {@code ctrl-^}, {@code ctrl-_}, {@code DEL}). A {@link Scanner} passes stdin through and reports
 * when the whole sequence was typed; bytes of an unfinished sequence are held back until it either
 * completes (they are dropped, as dockerd does) or breaks (they are passed on).
 */
public record DetachKeys(byte[] sequence) {
    public static final DetachKeys DEFAULT = new DetachKeys(new byte[]{16, 17});
    /** The characters after {@code ctrl-}, each at its control code: {@code ctrl-@} is 0, {@code ctrl-a} 1 ... {@code ctrl-_} 31. */
    private static final String CONTROL_NAMES = "@abcdefghijklmnopqrstuvwxyz[\\]^_";

    public static DetachKeys parse(String spec) {
        if (spec == null || spec.isEmpty()) return DEFAULT;
        // as moby/term's ToBytes, which dockerd and the docker CLI use: exact names, no spaces, no upper case
        String[] keys = spec.split(",", -1);
        byte[] seq = new byte[keys.length];
        for (int i = 0; i < keys.length; i++) {
            String k = keys[i];
            int ctrl = k.length() == 6 && k.startsWith("ctrl-") ? CONTROL_NAMES.indexOf(k.charAt(5)) : -1;
            if (k.length() == 1 && k.charAt(0) < 0x80) seq[i] = (byte) k.charAt(0); // one byte, as Go counts
            else if (ctrl >= 0) seq[i] = (byte) ctrl;
            else if (k.equals("DEL")) seq[i] = 127;
            else throw invalid(spec);
        }
        return new DetachKeys(seq);
    }

    private static BerthException invalid(String spec) {
        return new BerthException.InvalidArgument("Invalid detach keys (" + spec + ") provided");
    }

    public Scanner scanner() {
        return new Scanner(sequence);
    }

    /** Watches one input stream for the sequence. */
    public static final class Scanner {
        private final byte[] sequence;
        private int matched;
        private boolean detached;

        Scanner(byte[] sequence) {
            this.sequence = sequence;
        }

        /** The bytes to forward from {@code data[off, off+len)}; after a detach, {@link #detached()} is true and the rest is dropped. */
        public byte[] filter(byte[] data, int off, int len) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(len);
            for (int i = off; i < off + len && !detached; i++) {
                byte b = data[i];
                if (b == sequence[matched]) {
                    matched++;
                    if (matched == sequence.length) detached = true;
                    continue;
                }
                // the sequence broke: what was held back was ordinary input
                out.write(sequence, 0, matched);
                matched = 0;
                if (b == sequence[0]) {
                    matched = 1;
                    if (matched == sequence.length) detached = true;
                } else {
                    out.write(b);
                }
            }
            return out.toByteArray();
        }

        public boolean detached() {
            return detached;
        }
    }
}
