package dev.berth.oci.manifest;

import dev.berth.common.errors.BerthException;

import java.util.Locale;

/**
 * An image platform ({@code os/architecture[/variant]}), normalised as containerd's platforms
 * package does: {@code x86_64} is {@code amd64}, {@code aarch64} is {@code arm64}, and arm64's
 * default variant {@code v8} is the same as none.
 */
public record Platform(String os, String architecture, String variant) {
    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

    public Platform {
        if (os == null || os.isEmpty() || architecture == null || architecture.isEmpty()) {
            throw new BerthException.InvalidArgument("invalid platform: os and architecture are required");
        }
        os = os.toLowerCase(Locale.ROOT);
        architecture = switch (architecture.toLowerCase(Locale.ROOT)) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            case "i386", "i686" -> "386";
            default -> architecture.toLowerCase(Locale.ROOT);
        };
        if (variant != null && variant.isEmpty()) variant = null;
        if ("arm64".equals(architecture) && "v8".equals(variant)) variant = null;
    }

    /** Parses {@code linux/amd64}, {@code linux/arm64/v8}, or an architecture alone (linux assumed). */
    public static Platform parse(String spec) {
        String[] parts = spec.trim().split("/", -1);
        return switch (parts.length) {
            case 1 -> new Platform("linux", nonEmpty(parts[0], spec), null);
            case 2 -> new Platform(nonEmpty(parts[0], spec), nonEmpty(parts[1], spec), null);
            case 3 -> new Platform(nonEmpty(parts[0], spec), nonEmpty(parts[1], spec), nonEmpty(parts[2], spec));
            default -> throw new BerthException.InvalidArgument("\"" + spec + "\": unknown operating system or architecture: invalid argument");
        };
    }

    private static String nonEmpty(String s, String spec) {
        if (s.isEmpty()) throw new BerthException.InvalidArgument("\"" + spec + "\": unknown operating system or architecture: invalid argument");
        return s;
    }

    /**
     * Whether an image of platform {@code other} runs here: same os and architecture, and the
     * variant equal when both name one (an entry without a variant serves any).
     */
    public boolean matches(Platform other) {
        return os.equals(other.os) && architecture.equals(other.architecture)
                && (variant == null || other.variant == null || variant.equals(other.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
