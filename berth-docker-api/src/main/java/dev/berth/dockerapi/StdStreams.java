package dev.berth.dockerapi;

/**
 * Docker's multiplexed stdio framing (stdcopy): an 8-byte header {@code [stream,0,0,0,len(be32)]}
 * then the payload. Used for attach, exec and logs when the container has no TTY.
 */
public final class StdStreams {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    public static final int SYSTEMERR = 3;

    private StdStreams() {}

    public static byte[] frame(int stream, byte[] payload) {
        return frame(stream, payload, 0, payload.length);
    }

    public static byte[] frame(int stream, byte[] payload, int off, int len) {
        byte[] out = new byte[8 + len];
        out[0] = (byte) stream;
        out[4] = (byte) (len >>> 24);
        out[5] = (byte) (len >>> 16);
        out[6] = (byte) (len >>> 8);
        out[7] = (byte) len;
        System.arraycopy(payload, off, out, 8, len);
        return out;
    }

    /** Decodes frames from a byte array (for tests and the client); returns [stream, payload] pairs. */
    public static java.util.List<Object[]> decode(byte[] data) {
        java.util.List<Object[]> out = new java.util.ArrayList<>();
        int i = 0;
        while (i + 8 <= data.length) {
            int len = ((data[i + 4] & 0xff) << 24) | ((data[i + 5] & 0xff) << 16) | ((data[i + 6] & 0xff) << 8) | (data[i + 7] & 0xff);
            if (i + 8 + len > data.length) break;
            out.add(new Object[]{(int) data[i], java.util.Arrays.copyOfRange(data, i + 8, i + 8 + len)});
            i += 8 + len;
        }
        return out;
    }
}
