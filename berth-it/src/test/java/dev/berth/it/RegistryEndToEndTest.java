package dev.berth.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code berth registry serve} (through bin/berth) against a client nobody here wrote: skopeo
 * copies an OCI layout in and back out with identical digests, over plain HTTP, with htpasswd
 * auth, and over TLS with a self-signed certificate the test makes; then {@code berth registry gc}
 * removes a deleted image's own blobs and keeps the shared ones.
 *
 * <p>The docker CLI is not used: it pushes through a daemon, and berthd's push/pull is another
 * branch's work. No root needed: the server listens on a loopback port.
 */
class RegistryEndToEndTest {
    private Path tmp;
    private Path layout;
    private Map<String, OciLayouts.Image> images;
    private final byte[] shared = "a layer both images have\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
    private final byte[] onlyA = "a layer of image a only\n".repeat(3000).getBytes(StandardCharsets.UTF_8);
    private final byte[] onlyB = "a layer of image b only\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    record Result(int code, String out) {}

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo missing (scripts/install-deps.sh installs it): skipping");
        Assumptions.assumeTrue(Files.exists(Berthd.repoRoot().resolve("berth-registry/target")), "berth-registry not built: skipping");
        tmp = Files.createTempDirectory("berth-registry-e2e-");
        layout = tmp.resolve("layout");
        Map<String, List<byte[]>> spec = new LinkedHashMap<>();
        spec.put("a", List.of(shared, onlyA));
        spec.put("b", List.of(shared, onlyB));
        images = OciLayouts.write(layout, spec);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (tmp == null) return;
        try (var walk = Files.walk(tmp)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static Result run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Result skopeo(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    private static void ok(Result r) {
        assertEquals(0, r.code(), r.out());
    }

    /** Digest skopeo reports for an image in a registry. */
    private static String inspectDigest(String ref, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("inspect", "--format", "{{.Digest}}"));
        args.addAll(List.of(flags));
        args.add(ref);
        Result r = skopeo(args.toArray(String[]::new));
        ok(r);
        return r.out().trim();
    }

    /** Copies image {@code tag} in and back out, and checks every digest survived the trip. */
    private void roundTrip(RegistryServe registry, String repo, String tag, List<String> destFlags, List<String> srcFlags) throws Exception {
        String ref = "docker://" + registry.hostPort() + "/" + repo + ":" + tag;
        List<String> push = new ArrayList<>(List.of("copy"));
        push.addAll(destFlags);
        push.addAll(List.of("oci:" + layout + ":" + tag, ref));
        ok(skopeo(push.toArray(String[]::new)));
        // inspect takes copy's --src-* flags without the prefix
        assertEquals(images.get(tag).manifest(), inspectDigest(ref, srcFlags.stream().map(f -> f.replace("--src-", "--")).toArray(String[]::new)));

        Path out = tmp.resolve("out-" + repo.replace('/', '-') + "-" + tag);
        List<String> pull = new ArrayList<>(List.of("copy"));
        pull.addAll(srcFlags);
        pull.addAll(List.of(ref, "oci:" + out + ":" + tag));
        ok(skopeo(pull.toArray(String[]::new)));
        String index = Files.readString(out.resolve("index.json"));
        assertTrue(index.contains(images.get(tag).manifest()), index);
        for (String layer : images.get(tag).layers()) {
            assertTrue(Files.exists(out.resolve("blobs/sha256/" + layer.substring(7))), "layer " + layer + " came back unchanged");
        }
    }

    @Test
    void skopeoPushesAndPullsOverPlainHttpAndGcKeepsWhatIsShared() throws Exception {
        Path root = tmp.resolve("root");
        try (RegistryServe registry = RegistryServe.start(root)) {
            List<String> dest = List.of("--dest-tls-verify=false");
            List<String> src = List.of("--src-tls-verify=false");
            roundTrip(registry, "e2e/app", "a", dest, src);
            roundTrip(registry, "e2e/app", "b", dest, src);
            Result tags = skopeo("list-tags", "--tls-verify=false", "docker://" + registry.hostPort() + "/e2e/app");
            ok(tags);
            assertTrue(tags.out().contains("\"a\"") && tags.out().contains("\"b\""), tags.out());

            ok(skopeo("delete", "--tls-verify=false", "docker://" + registry.hostPort() + "/e2e/app:a"));
            Path uniqueA = root.resolve("blobs/sha256/" + images.get("a").layers().get(1).substring(7));
            Path sharedBlob = root.resolve("blobs/sha256/" + images.get("a").layers().get(0).substring(7));
            assertTrue(Files.exists(uniqueA));

            String registryCmd = Berthd.repoRoot().resolve("bin/berth").toString();
            Result dry = run(registryCmd, "registry", "gc", "--root", root.toString(), "--grace", "0s", "--dry-run");
            ok(dry);
            assertTrue(dry.out().contains("would remove blob " + images.get("a").layers().get(1)), dry.out());
            assertTrue(Files.exists(uniqueA), "a dry run removes nothing");

            // while the server keeps serving the same root
            Result gc = run(registryCmd, "registry", "gc", "--root", root.toString(), "--grace", "0s");
            ok(gc);
            assertFalse(Files.exists(uniqueA), gc.out());
            assertFalse(Files.exists(root.resolve("blobs/sha256/" + images.get("a").manifest().substring(7))));
            assertFalse(Files.exists(root.resolve("blobs/sha256/" + images.get("a").config().substring(7))));
            assertTrue(Files.exists(sharedBlob), "the layer image b shares stays");

            Path after = tmp.resolve("after-gc");
            ok(skopeo("copy", "--src-tls-verify=false", "docker://" + registry.hostPort() + "/e2e/app:b", "oci:" + after + ":b"));
            assertTrue(Files.readString(after.resolve("index.json")).contains(images.get("b").manifest()));
            Result gone = skopeo("inspect", "--tls-verify=false", "docker://" + registry.hostPort() + "/e2e/app:a");
            assertNotEquals(0, gone.code());
            assertTrue(gone.out().contains("manifest unknown"), gone.out());
        }
    }

    @Test
    void htpasswdAuthRefusesWrongCredentialsAndLetsTheRightOnesIn() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "htpasswd (apache2-utils) missing: skipping");
        Path users = tmp.resolve("htpasswd");
        ok(run("htpasswd", "-Bbc", users.toString(), "alice", "s3cret"));
        try (RegistryServe registry = RegistryServe.start(tmp.resolve("root"), "--htpasswd", users.toString())) {
            String ref = "docker://" + registry.hostPort() + "/private/app:a";
            Result anonymous = skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":a", ref);
            assertNotEquals(0, anonymous.code());
            assertTrue(anonymous.out().toLowerCase().contains("unauthorized") || anonymous.out().contains("authentication required"), anonymous.out());
            Result wrong = skopeo("copy", "--dest-tls-verify=false", "--dest-creds", "alice:wrong", "oci:" + layout + ":a", ref);
            assertNotEquals(0, wrong.code());
            roundTrip(registry, "private/app", "a", List.of("--dest-tls-verify=false", "--dest-creds", "alice:s3cret"),
                    List.of("--src-tls-verify=false", "--src-creds", "alice:s3cret"));
            assertEquals(images.get("a").manifest(), inspectDigest(ref, "--tls-verify=false", "--creds", "alice:s3cret"));
        }
    }

    @Test
    void tlsWithASelfSignedCertificateTheClientTrusts() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl missing: skipping");
        Path certs = Files.createDirectories(tmp.resolve("certs"));
        ok(run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", certs.resolve("key.pem").toString(),
                "-out", certs.resolve("cert.pem").toString()));
        // skopeo trusts every *.crt of a --cert-dir as a CA
        Path trust = Files.createDirectories(tmp.resolve("trust"));
        Files.copy(certs.resolve("cert.pem"), trust.resolve("ca.crt"));
        try (RegistryServe registry = RegistryServe.start(tmp.resolve("root"),
                "--tls-cert", certs.resolve("cert.pem").toString(), "--tls-key", certs.resolve("key.pem").toString())) {
            assertTrue(registry.baseUrl().startsWith("https://"), registry.baseUrl());
            String ref = "docker://" + registry.hostPort() + "/secure/app:b";
            Result untrusted = skopeo("copy", "oci:" + layout + ":b", ref);
            assertNotEquals(0, untrusted.code(), "an unknown CA is refused");
            assertTrue(untrusted.out().contains("certificate"), untrusted.out());
            roundTrip(registry, "secure/app", "b", List.of("--dest-cert-dir", trust.toString()), List.of("--src-cert-dir", trust.toString()));
        }
    }
}
