package dev.berth.daemon.api;

import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.daemon.http.HttpHandler;
import dev.berth.daemon.http.HttpRequest;
import dev.berth.daemon.http.HttpResponse;
import dev.berth.dockerapi.ApiVersion;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The route table: strips the optional {@code /vX.Y} prefix, checks the version range, finds the
 * route (literal paths are registered before greedy ones), and is the one place that maps a
 * {@link BerthException} to a status code and Docker's {@code {"message": ...}} body.
 */
public final class Router implements HttpHandler {
    private static final Pattern VERSION = Pattern.compile("^/v([0-9.]+)(/.*)$");

    /** A route handler with the path's captured groups. */
    @FunctionalInterface
    public interface Route {
        void handle(Call call) throws IOException;
    }

    /** One request in flight: the request, the response, the path groups and the API version. */
    public record Call(HttpRequest req, HttpResponse res, Matcher path, ApiVersion version) {
        public String group(int i) {
            return path.group(i);
        }

        public void json(int status, Object body) throws IOException {
            byte[] b = Json.bytes(body);
            byte[] withNl = java.util.Arrays.copyOf(b, b.length + 1);
            withNl[b.length] = '\n';
            res.send(status, "application/json", withNl);
        }
    }

    private record Entry(String method, Pattern pattern, Route route) {}

    private final List<Entry> routes = new ArrayList<>();

    public Router add(String method, String regex, Route route) {
        routes.add(new Entry(method, Pattern.compile("^" + regex + "$"), route));
        return this;
    }

    /**
     * A route that exists from API version {@code min} on: older versions get dockerd's 400
     * ("GET /secrets requires minimum API version 1.25"; {@code template} is the path as dockerd names it).
     */
    public static Route since(ApiVersion min, String method, String template, Route route) {
        return c -> {
            if (c.version().compareTo(min) < 0) {
                throw new BerthException.InvalidArgument(method + " " + template + " requires minimum API version " + min);
            }
            route.handle(c);
        };
    }

    @Override
    public void handle(HttpRequest req, HttpResponse res) throws IOException {
        String path = req.path;
        ApiVersion version = ApiVersion.MAX;
        Matcher vm = VERSION.matcher(path);
        if (vm.matches()) {
            path = vm.group(2);
            version = ApiVersion.parse(vm.group(1));
            if (version.compareTo(ApiVersion.MIN) < 0) {
                error(res, 400, "client version " + version + " is too old. Minimum supported API version is " + ApiVersion.MIN
                        + ", please upgrade your client to a newer version");
                return;
            }
            if (version.compareTo(ApiVersion.MAX) > 0) {
                error(res, 400, "client version " + version + " is too new. Maximum supported API version is " + ApiVersion.MAX);
                return;
            }
        }
        if (path.length() > 1 && path.endsWith("/") && !path.startsWith("/containers/")) path = path.substring(0, path.length() - 1);
        String method = req.method.equals("HEAD") && !path.endsWith("/archive") ? "GET" : req.method;
        if (req.method.equals("HEAD") && path.equals("/_ping")) method = "GET";
        for (Entry e : routes) {
            if (!e.method.equals(method) && !(e.method.equals("HEAD") && req.method.equals("HEAD"))) continue;
            Matcher m = e.pattern.matcher(path);
            if (!m.matches()) continue;
            try {
                e.route.handle(new Call(req, res, m, version));
            } catch (BerthException ex) {
                if (res.committed()) return;
                error(res, status(ex), ex.getMessage());
            } catch (IOException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                if (res.committed()) return;
                error(res, 500, ex.getMessage() == null ? ex.toString() : ex.getMessage());
            }
            return;
        }
        if (req.method.equals("OPTIONS")) {
            res.empty(200);
            return;
        }
        error(res, 404, "page not found");
    }

    public static int status(BerthException e) {
        return switch (e) {
            case BerthException.NotFound x -> 404;
            case BerthException.InvalidArgument x -> 400;
            case BerthException.Conflict x -> 409;
            case BerthException.AlreadyExists x -> 409;
            case BerthException.Unauthorized x -> 401;
            case BerthException.Forbidden x -> 403;
            case BerthException.NotModified x -> 304;
            case BerthException.NotImplemented x -> 501;
            case BerthException.Unavailable x -> 503;
            case BerthException.FailedPrecondition x -> 412;
            case BerthException.TooLarge x -> 413;
            case BerthException.Internal x -> 500;
            default -> 500;
        };
    }

    public static void error(HttpResponse res, int status, String message) throws IOException {
        if (status == 304) {
            res.empty(304);
            return;
        }
        byte[] body = (Json.string(Map.of("message", message == null ? "" : message)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        res.send(status, "application/json", body);
    }
}
