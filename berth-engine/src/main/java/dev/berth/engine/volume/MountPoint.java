package dev.berth.engine.volume;

/**
 * One mount of a container's data, planned at create and kept in its record (dockerd's
 * MountPoint): a host directory or file ({@code bind}), a volume, or a {@code tmpfs}.
 *
 * @param source     the host path of a bind; empty otherwise (a volume's is its {@code _data})
 * @param name       the volume's name; empty for binds and tmpfs
 * @param mode       the mode as the client wrote it ({@code ro,z}), shown in inspect
 * @param propagation a bind's propagation ({@code rprivate} unless asked); empty for the others
 * @param copyData   fill a new, empty volume with the image's content at the destination
 * @param createHostPath a bind from {@code -v}: a missing source directory is made at start,
 *                   where {@code --mount} refuses one at create
 * @param tmpfsSize  bytes, 0 for the kernel's default
 * @param tmpfsMode  permission bits of the tmpfs root, 0 for the default (1777)
 */
public record MountPoint(String type, String source, String name, String destination, String driver, String mode,
                         boolean rw, String propagation, boolean copyData, boolean createHostPath,
                         long tmpfsSize, int tmpfsMode) {
    public static final String BIND = "bind";
    public static final String VOLUME = "volume";
    public static final String TMPFS = "tmpfs";

    public MountPoint {
        source = source == null ? "" : source;
        name = name == null ? "" : name;
        driver = driver == null ? "" : driver;
        mode = mode == null ? "" : mode;
        propagation = propagation == null ? "" : propagation;
    }

    public boolean isVolume() {
        return type.equals(VOLUME);
    }

    /** The same mount, read-write or not ({@code --volumes-from c:ro}), and never copied into again. */
    MountPoint inherited(Boolean readWrite) {
        return new MountPoint(type, source, name, destination, driver, mode, readWrite == null ? rw : readWrite,
                propagation, false, false, tmpfsSize, tmpfsMode);
    }
}
