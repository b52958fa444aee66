package dev.berth.daemon.api.containers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.errors.BerthException;
import dev.berth.engine.container.ContainerLogs;
import dev.berth.engine.container.ContainerSpec;
import dev.berth.engine.container.CreateRequest;
import dev.berth.engine.container.KernelSettings;
import dev.berth.engine.container.NameSettings;
import dev.berth.engine.container.NetworkingRequest;
import dev.berth.engine.network.EndpointSettings;
import dev.berth.daemon.api.networks.EndpointFields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code POST /containers/create}'s body (Config, HostConfig) into the engine's
 * {@link CreateRequest}: the wire-to-domain mapping of the create path. Fields berth does not act
 * on are refused here, naming them ({@link UnsupportedFields}).
 */
final class CreateRequests {
    private CreateRequests() {}

    private static dev.berth.engine.container.health.HealthCheck healthCheck(JsonNode hc) {
        if (hc.isMissingNode() || hc.isNull()) return null;
        List<String> test = new ArrayList<>();
        hc.path("Test").forEach(t -> test.add(t.asText()));
        for (String f : new String[]{"Interval", "Timeout", "StartPeriod", "StartInterval"}) {
            long v = hc.path(f).asLong(0);
            if (v != 0 && v < 1_000_000) throw new BerthException.InvalidArgument(f + " in Healthcheck cannot be less than 1ms");
        }
        if (hc.path("Retries").asInt(0) < 0) throw new BerthException.InvalidArgument("Retries in Healthcheck cannot be negative");
        return new dev.berth.engine.container.health.HealthCheck(test, hc.path("Interval").asLong(0), hc.path("Timeout").asLong(0),
                hc.path("StartPeriod").asLong(0), hc.path("StartInterval").asLong(0), hc.path("Retries").asInt(0));
    }

    /** The request as the engine takes it; {@code name} is the query's {@code ?name=}. */
    static CreateRequest parse(JsonNode body, String name) {
        String image = text(body, "Image");
        if (image == null || image.isEmpty()) throw new BerthException.InvalidArgument("config cannot be empty in order to create a container");
        UnsupportedFields.refuse(body);
        JsonNode hc = body.path("HostConfig");
        JsonNode rp = hc.path("RestartPolicy");
        ContainerSpec.RestartPolicy policy = new ContainerSpec.RestartPolicy(text(rp, "Name"), rp.path("MaximumRetryCount").asInt(0));
        if (hc.path("AutoRemove").asBoolean(false) && !policy.name().equals("no")) {
            throw new BerthException.InvalidArgument("can't create 'AutoRemove' container with restart policy");
        }
        Map<String, String> tmpfs = new LinkedHashMap<>();
        hc.path("Tmpfs").fields().forEachRemaining(f -> tmpfs.put(f.getKey(), f.getValue().asText("")));
        Map<String, String> logOpts = new LinkedHashMap<>();
        hc.path("LogConfig").path("Config").fields().forEachRemaining(f -> logOpts.put(f.getKey(), f.getValue().asText("")));
        String logDriver = text(hc.path("LogConfig"), "Type");
        ContainerLogs.validate(logDriver, logOpts);
        JsonNode console = hc.path("ConsoleSize");
        String netMode = text(hc, "NetworkMode");
        ContainerSpec.HostSettings host = new ContainerSpec.HostSettings(
                hc.path("AutoRemove").asBoolean(false), policy, ResourceFields.limits(hc, false), ResourceFields.devices(hc),
                hc.path("ReadonlyRootfs").asBoolean(false),
                strings(hc.path("CapAdd")), strings(hc.path("CapDrop")), hc.path("Privileged").asBoolean(false),
                hc.path("Init").asBoolean(false), netMode == null || netMode.isEmpty() ? "default" : netMode,
                strings(hc.path("Binds")), tmpfs, logDriver, logOpts,
                console.path(0).asInt(0), console.path(1).asInt(0), null, kernelSettings(hc));
        Map<String, String> labels = new LinkedHashMap<>();
        body.path("Labels").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText("")));
        List<String> exposed = new ArrayList<>();
        body.path("ExposedPorts").fieldNames().forEachRemaining(exposed::add);
        CreateRequest req = new CreateRequest(name, image, text(body, "Hostname"), text(body, "Domainname"),
                text(body, "User"), nullableStrings(body.path("Env")), entrypoint(body.path("Entrypoint")), nullableStrings(body.path("Cmd")),
                text(body, "WorkingDir"), body.path("Tty").asBoolean(false), body.path("OpenStdin").asBoolean(false),
                body.path("StdinOnce").asBoolean(false), labels, text(body, "StopSignal"),
                body.hasNonNull("StopTimeout") ? body.path("StopTimeout").asInt() : null, exposed, host, healthCheck(body.path("Healthcheck")),
                new ContainerSpec.Attach(body.path("AttachStdin").asBoolean(false), body.path("AttachStdout").asBoolean(false),
                        body.path("AttachStderr").asBoolean(false)), strings(hc.path("SecurityOpt")), MountFields.parse(body),
                PortFields.parse(hc), nameSettings(hc), networking(body));
        return req;
    }

    /** ExtraHosts, Dns, DnsSearch, DnsOptions and Links as sent; links split as dockerd's ParseLink, resolved by the engine. */
    private static NameSettings nameSettings(JsonNode hc) {
        List<NameSettings.Link> links = new ArrayList<>();
        for (String l : strings(hc.path("Links"))) {
            String[] p = NameSettings.parseLink(l);
            links.add(new NameSettings.Link("", p[0], p[1]));
        }
        return new NameSettings(strings(hc.path("ExtraHosts")), strings(hc.path("Dns")), strings(hc.path("DnsSearch")),
                strings(hc.path("DnsOptions")), links);
    }

    /** {@code NetworkingConfig.EndpointsConfig} and the older top-level {@code MacAddress}. */
    private static NetworkingRequest networking(JsonNode body) {
        Map<String, EndpointSettings> endpoints = new LinkedHashMap<>();
        body.path("NetworkingConfig").path("EndpointsConfig").fields().forEachRemaining(f ->
                endpoints.put(f.getKey(), EndpointFields.parse(f.getValue(), "NetworkingConfig.EndpointsConfig." + f.getKey())));
        String mac = text(body, "MacAddress");
        return new NetworkingRequest(endpoints, mac);
    }

    /** HostConfig's namespace modes, GroupAdd, Ulimits, Sysctls and OomScoreAdj. */
    private static KernelSettings kernelSettings(JsonNode hc) {
        List<KernelSettings.Ulimit> ulimits = new ArrayList<>();
        for (JsonNode u : hc.path("Ulimits")) {
            ulimits.add(new KernelSettings.Ulimit(u.path("Name").asText(""), u.path("Soft").asLong(0), u.path("Hard").asLong(0)));
        }
        Map<String, String> sysctls = new LinkedHashMap<>();
        hc.path("Sysctls").fields().forEachRemaining(f -> sysctls.put(f.getKey(), f.getValue().asText("")));
        return new KernelSettings(text(hc, "PidMode"), text(hc, "UTSMode"), text(hc, "IpcMode"), text(hc, "CgroupnsMode"),
                strings(hc.path("GroupAdd")), ulimits, sysctls, oomScoreAdj(hc.path("OomScoreAdj")));
    }

    /** An int on the wire; a number beyond int is out of dockerd's range, not wrapped into it. */
    private static int oomScoreAdj(JsonNode v) {
        long n = v.asLong(0);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) n.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static List<String> nullableStrings(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return null;
        if (n.isTextual()) return List.of(n.asText());
        return strings(n);
    }

    private static List<String> entrypoint(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return null;
        if (n.isTextual()) return n.asText().isEmpty() ? List.of() : List.of(n.asText());
        return strings(n);
    }

}
