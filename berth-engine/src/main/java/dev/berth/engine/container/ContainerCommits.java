package dev.berth.engine.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.engine.diff.UpperLayerArchiver;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.image.ConfigChanges;
import dev.berth.engine.image.ConfigMerge;
import dev.berth.engine.image.Image;
import dev.berth.engine.image.ImageCommitter;
import dev.berth.engine.image.ImageStore;
import dev.berth.engine.volume.MountPoint;
import dev.berth.oci.image.ImageRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker commit}: a new image made of the container's image and one layer holding its
 * writable layer (volume, bind and tmpfs contents and the files berthd bind-mounts left out),
 * with the container's config merged with the request's. A running container is paused for the
 * copy when asked, and resumed whatever happens.
 */
public final class ContainerCommits {
    private final Containers containers;
    private final ImageStore images;
    private final ImageCommitter committer;
    private final EventBus events;

    public ContainerCommits(Containers containers, ImageStore images, EventBus events) {
        this.containers = containers;
        this.images = images;
        this.committer = new ImageCommitter(images);
        this.events = events;
    }

    /**
     * A commit request: {@code config} is the request body's Config (Docker's shape) or null,
     * {@code changes} Dockerfile instructions applied to it.
     */
    public record Request(String container, Optional<ImageRef> tag, String comment, String author, boolean pause,
                          List<String> changes, ObjectNode config) {
        public Request {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    public Image commit(Request r) {
        ContainerStore.Entry e = containers.store().get(r.container());
        ContainerSpec spec = e.spec();
        switch (e.state().status()) {
            case DEAD -> throw new BerthException.Conflict("You cannot commit container " + spec.id() + " which is Dead");
            case REMOVING -> throw new BerthException.Conflict("You cannot commit container " + spec.id() + " which is being removed");
            default -> { }
        }
        Image parent = images.get(spec.imageId());
        ObjectNode containerConfig = ContainerConfigJson.of(spec, parent.config().configOrEmpty());
        // as dockerd: without a Config in the request, the container's whole config is the base
        ObjectNode base = r.config() != null ? r.config().deepCopy() : containerConfig.deepCopy();
        ObjectNode config = ConfigMerge.merge(ConfigChanges.apply(base, r.changes()), containerConfig);
        boolean pausedHere = r.pause() && e.state().status() == ContainerState.Status.RUNNING;
        if (pausedHere) containers.pause(spec.id());
        Image image;
        try {
            Path upper = images.snapshots().upperDir(spec.id());
            UpperLayerArchiver.Exclusions exclusions = new UpperLayerArchiver.Exclusions(ContainerFiles.RUNTIME_MOUNT_POINTS, mountPoints(spec));
            boolean empty = UpperLayerArchiver.isEmpty(upper, exclusions);
            String createdBy = spec.cmd() == null ? "" : String.join(" ", spec.cmd());
            image = committer.commit(new ImageCommitter.Commit(parent, config, containerConfig, spec.id(), r.author(), r.comment(),
                            createdBy, r.tag(), Instant.now()),
                    empty ? Optional.empty() : Optional.of(out -> UpperLayerArchiver.write(upper, exclusions, out)));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            if (pausedHere) containers.unpause(spec.id());
        }
        events.publish("container", "commit", spec.id(), Containers.attributes(spec, Map.of(
                "comment", r.comment() == null ? "" : r.comment(),
                "imageID", image.id().toString(),
                "imageRef", r.tag().map(ImageRef::familiar).orElse(""))));
        return image;
    }

    private static Set<String> mountPoints(ContainerSpec spec) {
        Set<String> points = new HashSet<>();
        for (MountPoint m : spec.mounts()) points.add(m.destination());
        return points;
    }
}
