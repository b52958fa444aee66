package dev.berth.cli.credentials;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a registry's credentials are kept, the docker CLI's rule: the {@code credHelpers} entry
 * for its host, else the {@code credsStore} helper, else {@code auths} in config.json itself.
 * With a helper, config.json still gets an empty {@code auths} key for the server, as docker writes it.
 */
public final class CredentialStores {
    private final AuthFile file;
    private final java.util.function.Function<String, CredentialHelper> helpers;

    public CredentialStores(AuthFile file) {
        this(file, CredentialHelper::new);
    }

    /** With {@code helpers} making the helper of a name (tests run fake ones by path). */
    CredentialStores(AuthFile file, java.util.function.Function<String, CredentialHelper> helpers) {
        this.file = file;
        this.helpers = helpers;
    }

    public AuthFile file() {
        return file;
    }

    /** The helper for {@code server}, if any. */
    public Optional<CredentialHelper> helper(String server) {
        return file.credHelper(server).or(file::credsStore).map(helpers);
    }

    public Optional<AuthEntry> get(String server) throws IOException {
        Optional<CredentialHelper> h = helper(server);
        return h.isPresent() ? h.get().get(server) : file.get(server).filter(e -> !e.isEmpty());
    }

    public void store(AuthEntry entry) throws IOException {
        Optional<CredentialHelper> h = helper(entry.serverAddress());
        if (h.isPresent()) {
            h.get().store(entry);
            file.put(entry, false);
        } else {
            file.put(entry, true);
        }
        file.save();
    }

    /** Forgets {@code server}'s credentials; false when none were stored. */
    public boolean erase(String server) throws IOException {
        Optional<CredentialHelper> h = helper(server);
        boolean had = file.remove(server);
        if (h.isPresent()) {
            had |= h.get().get(server).isPresent();
            h.get().erase(server);
        }
        if (had) file.save();
        return had;
    }

    /** True when secrets go to config.json itself (docker then warns they are unencrypted). */
    public boolean plainText(String server) {
        return helper(server).isEmpty();
    }
}
