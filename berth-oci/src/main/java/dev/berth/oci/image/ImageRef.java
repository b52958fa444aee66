package dev.berth.oci.image;

import dev.berth.common.errors.BerthException;

import java.util.regex.Pattern;

/**
 * A normalised image reference: registry domain, repository path, and a tag or digest.
 * {@code busybox} becomes {@code docker.io/library/busybox:latest}; {@link #familiar()} gives the
 * short form Docker shows to users ({@code busybox:latest}).
 */
public record ImageRef(String domain, String path, String tag, String digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DOMAIN = Pattern.compile("(?:[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");

    public ImageRef {
        if (tag == null && digest == null) tag = "latest";
    }

    public static ImageRef parse(String input) {
        if (input == null || input.isEmpty()) throw invalid("");
        String rest = input;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            dev.berth.oci.Digest.parse(digest);
        }
        String tag = null;
        int lastColon = rest.lastIndexOf(':');
        int lastSlash = rest.lastIndexOf('/');
        if (lastColon > lastSlash) {
            tag = rest.substring(lastColon + 1);
            rest = rest.substring(0, lastColon);
            if (!TAG.matcher(tag).matches()) throw invalid("");
        }
        String domain = DEFAULT_DOMAIN;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase())) {
                domain = first;
                path = rest.substring(slash + 1);
                if (!DOMAIN.matcher(domain).matches()) throw invalid("");
            }
        }
        if (domain.equals("index.docker.io")) domain = DEFAULT_DOMAIN;
        if (path.isEmpty()) throw invalid("");
        for (String component : path.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                if (PATH_COMPONENT.matcher(component.toLowerCase()).matches()) throw invalid(": repository name must be lowercase");
                throw invalid("");
            }
        }
        if (domain.equals(DEFAULT_DOMAIN) && !path.contains("/")) path = "library/" + path;
        return new ImageRef(domain, path, tag, digest);
    }

    private static BerthException invalid(String detail) {
        return new BerthException.InvalidArgument("invalid reference format" + detail);
    }

    /** The repository without tag in short form: {@code busybox}, {@code 127.0.0.1:5000/x/y}. */
    public String familiarName() {
        if (domain.equals(DEFAULT_DOMAIN)) {
            return path.startsWith("library/") ? path.substring("library/".length()) : path;
        }
        return domain + "/" + path;
    }

    /** Full repository name: {@code docker.io/library/busybox}. */
    public String name() {
        return domain + "/" + path;
    }

    /** The familiar form with its tag or digest, as Docker prints references. */
    public String familiar() {
        if (digest != null && tag == null) return familiarName() + "@" + digest;
        return familiarName() + ":" + tag;
    }

    public ImageRef withTag(String newTag) {
        return new ImageRef(domain, path, newTag, null);
    }
}
