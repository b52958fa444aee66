package dev.berth.engine.container;

import dev.berth.engine.network.Endpoint;
import dev.berth.engine.network.ports.PortPublisher;
import dev.berth.engine.network.ports.PortTarget;
import dev.berth.engine.network.ports.PublishedPort;

import java.util.List;

/**
 * A container's published ports over its life: taken at start on its primary network (before the
 * process runs, so a port in use fails the start), given back with its network sandbox, taken again
 * when a restarted daemon adopts it. The policy lives in {@link PortPublisher}; this binds it to specs.
 */
public final class ContainerPorts {
    private final PortPublisher publisher;

    ContainerPorts(PortPublisher publisher) {
        this.publisher = publisher;
    }

    /** On the container's primary network; a network without a bridge of berth's (macvlan, ipvlan) publishes nothing, as dockerd. */
    void publish(ContainerSpec spec, ContainerNetworking.Primary primary) {
        var wanted = spec.ports().resolve(spec.exposedPorts());
        if (wanted.isEmpty() || primary.bridgeName().isEmpty()) return;
        Endpoint endpoint = primary.endpoint();
        publisher.publish(spec.id(), new PortTarget(primary.bridgeName(), primary.subnet(), endpoint.ipAddress(), spec.name(),
                endpoint.endpointId()), wanted);
    }

    void unpublish(String containerId) {
        publisher.unpublish(containerId);
    }

    void adopt(String containerId) {
        publisher.adopt(containerId);
    }

    void sweep() {
        publisher.sweep();
    }

    /** The host ports a running container publishes: what inspect and ps show. */
    public List<PublishedPort> published(String containerId) {
        return publisher.published(containerId);
    }
}
