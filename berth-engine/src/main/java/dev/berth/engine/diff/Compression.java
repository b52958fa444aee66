package dev.berth.engine.diff;

import dev.berth.common.errors.BerthException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Recognises a compressed stream by its magic bytes and returns the decompressed stream. */
public final class Compression {
    private Compression() {}

    public static InputStream decompressed(InputStream raw) {
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(8);
            byte[] magic = in.readNBytes(6);
            in.reset();
            if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return new GZIPInputStream(in, 1 << 16);
            }
            if (magic.length >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
                return new BZip2CompressorInputStream(in, true);
            }
            if (magic.length >= 6 && (magic[0] & 0xff) == 0xfd && magic[1] == '7' && magic[2] == 'z') {
                throw new BerthException.NotImplemented("xz-compressed archives are not supported yet");
            }
            if (magic.length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
                return new io.airlift.compress.zstd.ZstdInputStream(in);
            }
            return in;
        } catch (IOException e) {
            throw new BerthException.InvalidArgument("cannot read archive: " + e.getMessage());
        }
    }
}
