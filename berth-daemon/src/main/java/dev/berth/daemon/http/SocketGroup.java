package dev.berth.daemon.http;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The group that owns the API sockets: dockerd's {@code -G/--group}. Its members get the socket's
 * {@code rw} and so the whole Engine API, which is root on the host (they can run a privileged
 * container or bind-mount /). No group ({@link #DAEMON}) leaves the socket with the daemon's own
 * group, root's.
 *
 * <p>Resolved as dockerd does: a group name, else a numeric gid; a missing {@value #DEFAULT} group
 * (the default) is a warning and the daemon's group is kept, any other missing group fails the start.
 */
public record SocketGroup(Optional<GroupPrincipal> group) {
    /** The default, like dockerd's "docker". */
    public static final String DEFAULT = "berth";
    /** The daemon's own group: what bind() gave the socket. */
    public static final SocketGroup DAEMON = new SocketGroup(Optional.empty());

    public SocketGroup {
        java.util.Objects.requireNonNull(group, "group");
    }

    /**
     * The group {@code name} (or gid) names; "" is {@link #DAEMON}.
     *
     * @throws IllegalStateException {@code group NAME not found}, unless NAME is {@value #DEFAULT}
     */
    public static SocketGroup resolve(String name, Consumer<String> warn) {
        return resolve(name, DEFAULT, warn);
    }

    static SocketGroup resolve(String name, String defaultName, Consumer<String> warn) {
        if (name.isEmpty()) return DAEMON;
        try {
            // getgrnam, then (the JDK's own fallback, as dockerd's lookupGID) the name read as a gid
            return new SocketGroup(Optional.of(FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(name)));
        } catch (IOException e) {
            String notFound = "group " + name + " not found";
            if (!name.equals(defaultName)) throw new IllegalStateException(notFound);
            warn.accept("could not change the API socket's group to " + name + ": " + notFound + " (it stays the daemon's)");
            return DAEMON;
        }
    }

    /** Gives {@code socket} this group (before it is renamed into place, so it never shows another). */
    void applyTo(Path socket) throws IOException {
        if (group.isPresent()) Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group.get());
    }
}
