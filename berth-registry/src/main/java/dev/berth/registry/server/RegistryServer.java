package dev.berth.registry.server;

import dev.berth.registry.auth.BasicAuth;
import dev.berth.registry.auth.Htpasswd;
import dev.berth.registry.handlers.Dispatcher;
import dev.berth.registry.handlers.Upstream;
import dev.berth.registry.storage.BlobStore;
import dev.berth.registry.storage.ManifestStore;
import dev.berth.registry.storage.ReferrerIndex;
import dev.berth.registry.storage.RegistryLayout;
import dev.berth.registry.storage.Repositories;
import dev.berth.registry.storage.UploadSessions;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The composition root of {@code berth registry serve}: storage, auth, upstream and handlers,
 * wired by hand, on a Jetty server whose handlers run on virtual threads.
 */
public final class RegistryServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;

    private RegistryServer(Server server, ServerConnector connector, boolean tls) {
        this.server = server;
        this.connector = connector;
        this.tls = tls;
    }

    public static RegistryServer start(ServeOptions options) throws Exception {
        RegistryLayout layout = new RegistryLayout(options.root());
        BlobStore blobs = new BlobStore(layout);
        Repositories repositories = new Repositories(layout);
        ReferrerIndex referrers = new ReferrerIndex(layout);
        UploadSessions uploads = new UploadSessions(layout, blobs);
        ManifestStore manifests = new ManifestStore(blobs, repositories, referrers);
        Optional<BasicAuth> auth = options.htpasswd().isEmpty() ? Optional.empty()
                : Optional.of(new BasicAuth(Htpasswd.load(options.htpasswd().get()), "berth-registry"));
        Upstream upstream = options.proxy().isEmpty() ? Upstream.NONE
                : new dev.berth.registry.proxy.ProxyUpstream(options.proxy().get(), blobs, repositories, manifests);

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("registry");
        // selectors and Jetty's housekeeping stay on a few platform threads; each request's
        // (blocking) handler runs on its own virtual thread
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        ServerConnector connector;
        if (options.tlsCert().isPresent()) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(PemKeyStore.load(options.tlsCert().get(), options.tlsKey().orElseThrow()));
            ssl.setKeyStorePassword(new String(PemKeyStore.PASSWORD));
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // clients reach a self-hosted registry by IP as often as by name; the certificate is their check, not ours
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(options.host());
        connector.setPort(options.port());
        server.addConnector(connector);
        server.setHandler(new Dispatcher(blobs, repositories, uploads, manifests, referrers, auth, upstream));
        // a registry's requests are short or resumable: do not wait long for idle keep-alive connections
        server.setStopTimeout(300);
        server.start();
        return new RegistryServer(server, connector, options.tlsCert().isPresent());
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public String baseUrl() {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1" : connector.getHost();
        return (tls ? "https://" : "http://") + host + ":" + port();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } catch (java.util.concurrent.TimeoutException idleConnectionsLeft) {
            // the graceful wait ran out on keep-alive connections; Jetty has closed them regardless
        }
    }
}
