package dev.berth.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Checks an {@code Authorization: Basic ...} header against an htpasswd file. */
public final class BasicAuth {
    private final Htpasswd users;
    private final String realm;

    public BasicAuth(Htpasswd users, String realm) {
        this.users = users;
        this.realm = realm;
    }

    /** True when the header carries a known user's right password. */
    public boolean allows(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) return false;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && users.verify(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** The challenge sent with every 401. */
    public String challenge() {
        return "Basic realm=\"" + realm + "\"";
    }
}
