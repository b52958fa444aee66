package dev.berth.registry.handlers;

import dev.berth.registry.errors.ErrorCode;
import dev.berth.registry.errors.RegistryException;

import java.util.List;
import java.util.Optional;

/**
 * One page of a lexically sorted listing (tags, catalog), from the {@code n} and {@code last}
 * query parameters: entries after {@code last}, at most {@code n}; {@code next} is set when more
 * remain, for the {@code Link: <...>; rel="next"} header.
 */
record Page(List<String> entries, Optional<String> next) {
    static Page of(List<String> sorted, String nText, String last) {
        int n;
        try {
            n = nText == null ? Integer.MAX_VALUE : Integer.parseInt(nText);
        } catch (NumberFormatException e) {
            throw new RegistryException(ErrorCode.UNSUPPORTED, 400, "invalid n: " + nText);
        }
        if (n < 0) throw new RegistryException(ErrorCode.UNSUPPORTED, 400, "invalid n: " + nText);
        List<String> after = last == null ? sorted : sorted.stream().filter(s -> s.compareTo(last) > 0).toList();
        if (after.size() <= n) return new Page(after, Optional.empty());
        List<String> page = after.subList(0, n);
        return new Page(page, page.isEmpty() ? Optional.empty() : Optional.of(page.getLast()));
    }

    /** The Link header value for the next page of {@code path}. */
    String link(String path, int n) {
        return "<" + path + "?n=" + n + "&last=" + next.orElseThrow() + ">; rel=\"next\"";
    }
}
