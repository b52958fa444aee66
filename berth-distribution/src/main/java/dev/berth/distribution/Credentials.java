package dev.berth.distribution;

/**
 * What a client may present to a registry: a user name and password, or an identity token
 * (an OAuth2 refresh token from a login), or a registry token to send as is. All may be null.
 */
public record Credentials(String username, String password, String identityToken, String registryToken) {
    public static final Credentials ANONYMOUS = new Credentials(null, null, null, null);

    public Credentials {
        username = blankToNull(username);
        password = blankToNull(password);
        identityToken = blankToNull(identityToken);
        registryToken = blankToNull(registryToken);
    }

    public boolean hasPassword() {
        return username != null && password != null;
    }

    public boolean isAnonymous() {
        return username == null && password == null && identityToken == null && registryToken == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return isAnonymous() ? "Credentials[anonymous]" : "Credentials[" + (username == null ? "token" : username) + "]";
    }
}
