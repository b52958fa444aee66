package dev.berth.cli.run;

import java.util.Locale;

/**
 * An image reference as the docker CLI normalizes it: {@code busybox} is
 * {@code docker.io/library/busybox:latest}; the first path component is a registry when it has a
 * dot or a colon or is {@code localhost}. {@link #familiar()} is the short form users see.
 */
public record ImageReference(String domain, String path, String tag, String digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";

    /**
     * The optional {@code REPOSITORY[:TAG]} argument of commands that name a new image (import,
     * commit): {repository, tag}, both null when absent; a bad one ends the command with exit 1.
     */
    public static String[] newImageTarget(String reference) {
        if (reference == null) return new String[]{null, null};
        try {
            ImageReference ref = parse(reference);
            return new String[]{ref.familiarName(), ref.tag()};
        } catch (ConfigException e) {
            throw new dev.berth.cli.StatusException(1, e.getMessage());
        }
    }

    public static ImageReference parse(String ref) {
        if (ref.isEmpty()) throw new ConfigException("invalid reference format");
        String rest = ref;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!tag.matches("[\\w][\\w.-]{0,127}")) throw new ConfigException("invalid reference format");
        }
        String domain = DEFAULT_DOMAIN;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                domain = first;
                path = rest.substring(slash + 1);
            }
        }
        if (domain.equals(DEFAULT_DOMAIN) && !path.contains("/")) path = "library/" + path;
        if (!path.equals(path.toLowerCase(Locale.ROOT))) {
            throw new ConfigException("invalid reference format: repository name (" + path + ") must be lowercase");
        }
        if (!path.matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*")) {
            throw new ConfigException("invalid reference format");
        }
        if (tag == null && digest == null) tag = "latest";
        return new ImageReference(domain, path, tag, digest);
    }

    /** {@code docker.io/library/busybox} */
    public String name() {
        return domain + "/" + path;
    }

    /** {@code busybox}, {@code user/app}, {@code 127.0.0.1:5000/app} */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) return name();
        return path.startsWith("library/") ? path.substring("library/".length()) : path;
    }

    /** {@code busybox:latest}, or with {@code @sha256:...} for digest references. */
    public String familiar() {
        String s = familiarName();
        if (tag != null) s += ":" + tag;
        if (digest != null) s += "@" + digest;
        return s;
    }
}
