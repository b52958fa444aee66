package dev.berth.cli.credentials;

/** A user name and secret for one registry ({@code serverAddress} as stored: a host or Docker Hub's URL). */
public record AuthEntry(String serverAddress, String username, String secret) {
    public static AuthEntry empty(String serverAddress) {
        return new AuthEntry(serverAddress, "", "");
    }

    public boolean isEmpty() {
        return (username == null || username.isEmpty()) && (secret == null || secret.isEmpty());
    }
}
