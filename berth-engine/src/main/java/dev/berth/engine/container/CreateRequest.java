package dev.berth.engine.container;

import java.util.List;
import java.util.Map;

/**
 * What a client asks for at create, before the image's config is merged in. Null means "not given"
 * (the image's value applies); an empty cmd list is treated as not given, as docker-java sends it.
 */
public record CreateRequest(
        String name,
        String image,
        String hostname,
        String domainname,
        String user,
        List<String> env,
        List<String> entrypoint,
        List<String> cmd,
        String workingDir,
        boolean tty,
        boolean openStdin,
        boolean stdinOnce,
        Map<String, String> labels,
        String stopSignal,
        Integer stopTimeout,
        List<String> exposedPorts,
        ContainerSpec.HostSettings host,
        dev.berth.engine.container.health.HealthCheck healthCheck,
        ContainerSpec.Attach attach,
        List<String> securityOpt,
        dev.berth.engine.volume.MountRequests mounts,
        dev.berth.engine.network.ports.PortRequests ports,
        NameSettings names,
        NetworkingRequest networking) {

    public CreateRequest {
        if (mounts == null) mounts = dev.berth.engine.volume.MountRequests.NONE;
        if (ports == null) ports = dev.berth.engine.network.ports.PortRequests.NONE;
        if (names == null) names = NameSettings.NONE;
        if (networking == null) networking = NetworkingRequest.NONE;
    }
}
