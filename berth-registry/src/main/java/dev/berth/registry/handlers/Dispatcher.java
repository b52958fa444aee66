package dev.berth.registry.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.registry.auth.BasicAuth;
import dev.berth.registry.errors.ErrorCode;
import dev.berth.registry.errors.RegistryException;
import dev.berth.registry.storage.BlobStore;
import dev.berth.registry.storage.ManifestStore;
import dev.berth.registry.storage.ReferrerIndex;
import dev.berth.registry.storage.Repositories;
import dev.berth.registry.storage.UploadSessions;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The registry's one Jetty handler: authenticates, finds the {@link Route}, runs its handler, and
 * is the single place where a {@link RegistryException} becomes a status and the spec's
 * {@code {"errors":[{"code","message","detail"}]}} body. Jetty runs it on a virtual thread per
 * request (the handler is blocking), so every route is plain sequential code.
 */
public final class Dispatcher extends Handler.Abstract {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    private final Optional<BasicAuth> auth;
    private final BlobRoutes blobRoutes;
    private final UploadRoutes uploadRoutes;
    private final ManifestRoutes manifestRoutes;
    private final ListingRoutes listingRoutes;
    private final ReferrerRoutes referrerRoutes;

    public Dispatcher(BlobStore blobs, Repositories repositories, UploadSessions uploads, ManifestStore manifests,
                      ReferrerIndex referrers, Optional<BasicAuth> auth, Upstream upstream) {
        super(InvocationType.BLOCKING);
        this.auth = auth;
        this.blobRoutes = new BlobRoutes(blobs, repositories, upstream);
        this.uploadRoutes = new UploadRoutes(blobs, repositories, uploads);
        this.manifestRoutes = new ManifestRoutes(manifests, upstream);
        this.listingRoutes = new ListingRoutes(repositories);
        this.referrerRoutes = new ReferrerRoutes(referrers);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange ex = new Exchange(request, response);
        try {
            ex.header("Docker-Distribution-API-Version", "registry/2.0");
            if (auth.isPresent() && !auth.get().allows(ex.header("Authorization"))) {
                ex.header("WWW-Authenticate", auth.get().challenge());
                throw new RegistryException(ErrorCode.UNAUTHORIZED, "authentication required");
            }
            String path = request.getHttpURI().getDecodedPath();
            Route route = Route.of(path).orElseThrow(() -> new RegistryException(ErrorCode.NOT_FOUND, path));
            dispatch(ex, route);
            callback.succeeded();
        } catch (RegistryException e) {
            fail(ex, callback, e.status(), e.code().name(), e.code().message(), e.detail(), null);
        } catch (Exception e) {
            LOG.log(Level.WARNING, request.getMethod() + " " + request.getHttpURI().getPath() + " failed", e);
            fail(ex, callback, 500, "UNKNOWN", "unknown error", String.valueOf(e.getMessage()), e);
        }
        return true;
    }

    private void dispatch(Exchange ex, Route route) throws IOException {
        switch (route) {
            case Route.Base b -> {
                if (!ex.method().equals("GET") && !ex.isHead()) throw methodNotAllowed(ex);
                ex.status(200).json(Json.object());
            }
            case Route.Catalog c -> listingRoutes.catalog(ex);
            case Route.Tags t -> listingRoutes.tags(ex, t.name());
            case Route.Manifest m -> manifestRoutes.handle(ex, m.name(), m.reference());
            case Route.Blob b -> blobRoutes.handle(ex, b.name(), b.digest());
            case Route.UploadStart u -> uploadRoutes.start(ex, u.name());
            case Route.Upload u -> uploadRoutes.session(ex, u.name(), u.id());
            case Route.Referrers r -> referrerRoutes.handle(ex, r.name(), r.digest());
        }
    }

    static RegistryException methodNotAllowed(Exchange ex) {
        return new RegistryException(ErrorCode.UNSUPPORTED, "method " + ex.method() + " is not supported here");
    }

    private static void fail(Exchange ex, Callback callback, int status, String code, String message, String detail, Throwable cause) {
        if (ex.committed()) {
            // headers are gone: all that is left is to cut the response short
            callback.failed(cause != null ? cause : new IOException(code + ": " + detail));
            return;
        }
        try {
            ObjectNode error = Json.object();
            error.put("code", code);
            error.put("message", message);
            error.put("detail", detail);
            ObjectNode body = Json.object();
            body.putArray("errors").add(error);
            ex.status(status).json(body);
            callback.succeeded();
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
        }
    }
}
