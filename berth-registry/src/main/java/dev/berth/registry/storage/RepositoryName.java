package dev.berth.registry.storage;

import dev.berth.registry.errors.ErrorCode;
import dev.berth.registry.errors.RegistryException;

import java.util.regex.Pattern;

/**
 * A repository name as the distribution spec defines it: path components of lower-case
 * alphanumerics joined by {@code .}, {@code _}, {@code __} or runs of {@code -}, separated by
 * {@code /}. Because no component may start with {@code _}, the storage's own directories
 * ({@code _manifests}, {@code _layers}) can never collide with a nested repository.
 */
public record RepositoryName(String value) {
    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    /** distribution's limit; the spec leaves it to the registry but clients expect 255. */
    private static final int MAX_LENGTH = 255;

    public RepositoryName {
        if (value == null || value.length() > MAX_LENGTH || !NAME.matcher(value).matches()) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "invalid repository name: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
