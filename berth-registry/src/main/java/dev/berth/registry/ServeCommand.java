package dev.berth.registry;

import dev.berth.registry.server.RegistryServer;
import dev.berth.registry.server.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code berth registry serve}: serves until killed (SIGTERM/SIGINT stop it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the OCI distribution API from a storage root")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--addr", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5000", description = "Address to listen on (default ${DEFAULT-VALUE}; port 0 picks a free one)")
    String addr;

    @Option(names = "--root", paramLabel = "DIR", required = true, description = "Storage root (created if missing; may be shared by several servers)")
    Path root;

    @Option(names = "--htpasswd", paramLabel = "FILE", description = "Require HTTP Basic auth for the users of this htpasswd file (bcrypt entries, htpasswd -B)")
    Path htpasswd;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain; serve HTTPS")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (PKCS#8) for --tls-cert")
    Path tlsKey;

    @Option(names = "--proxy", paramLabel = "URL", description = "Act as a pull-through cache of the registry at URL")
    URI proxy;

    @Override
    public Integer call() throws Exception {
        String[] hostPort = ServeOptions.splitAddress(addr);
        ServeOptions options;
        try {
            options = new ServeOptions(hostPort[0], Integer.parseInt(hostPort[1]), root, Optional.ofNullable(htpasswd),
                    Optional.ofNullable(tlsCert), Optional.ofNullable(tlsKey), Optional.ofNullable(proxy));
        } catch (IllegalArgumentException e) {
            System.err.println("berth registry serve: " + e.getMessage());
            return 2;
        }
        RegistryServer server;
        try {
            server = RegistryServer.start(options);
        } catch (Exception e) {
            System.err.println("berth registry serve: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }));
        // one line a script can wait for: the address actually bound
        System.out.println("listening on " + server.baseUrl());
        System.out.flush();
        server.join();
        return 0;
    }
}
