package dev.berth.oci;

import dev.berth.common.errors.BerthException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, {@code sha256:<64 hex>}. Validated on construction. */
public record Digest(String algorithm, String hex) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (!"sha256".equals(algorithm)) throw new BerthException.InvalidArgument("unsupported digest algorithm: " + algorithm);
        if (!HEX64.matcher(hex).matches()) throw new BerthException.InvalidArgument("invalid checksum digest format");
    }

    public static Digest parse(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) throw new BerthException.InvalidArgument("invalid checksum digest format: " + s);
        return new Digest(s.substring(0, colon), s.substring(colon + 1));
    }

    public static Digest of(byte[] content) {
        return new Digest("sha256", HexFormat.of().formatHex(sha256().digest(content)));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Digest fromMessageDigest(MessageDigest md) {
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    public static boolean isHex64(String s) {
        return HEX64.matcher(s).matches();
    }

    /** First 12 hex characters, as Docker prints ids. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
