package dev.berth.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@code berth registry serve} process on a free loopback port, started through bin/berth as a
 * user would. Its base URL comes from the one line the server prints once it listens.
 */
final class RegistryServe implements AutoCloseable {
    private final Process process;
    private final String baseUrl;
    private final Path log;

    private RegistryServe(Process process, String baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    static RegistryServe start(Path root, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Berthd.repoRoot().resolve("bin/berth").toString(),
                "registry", "serve", "--addr", "127.0.0.1:0", "--root", root.toString()));
        cmd.addAll(List.of(extra));
        Path log = Files.createTempFile("berth-registry-", ".log");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("listening on ")) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("registry did not start: " + line + "\n" + Files.readString(log));
        }
        return new RegistryServe(p, line.substring("listening on ".length()).trim(), log);
    }

    /** {@code 127.0.0.1:PORT}, as image references name it. */
    String hostPort() {
        return baseUrl.replaceFirst("^https?://", "");
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        Files.deleteIfExists(log);
    }
}
