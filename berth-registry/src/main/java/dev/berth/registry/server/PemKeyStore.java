package dev.berth.registry.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the PEM files users have ({@code --tls-cert} chain, {@code --tls-key} PKCS#8 key, as
 * {@code openssl req -newkey ... -nodes} writes them) into the in-memory KeyStore Jetty's
 * SslContextFactory takes.
 */
final class PemKeyStore {
    static final char[] PASSWORD = "berth-registry".toCharArray();
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private PemKeyStore() {}

    static KeyStore load(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<Certificate> chain = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (Block b : blocks(certFile)) {
            if (b.type().equals("CERTIFICATE")) chain.add(cf.generateCertificate(new ByteArrayInputStream(b.der())));
        }
        if (chain.isEmpty()) throw new GeneralSecurityException(certFile + " holds no PEM certificate");
        PrivateKey key = null;
        for (Block b : blocks(keyFile)) {
            switch (b.type()) {
                case "PRIVATE KEY" -> key = pkcs8(b.der(), chain.getFirst().getPublicKey().getAlgorithm());
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new GeneralSecurityException(keyFile + " is a traditional "
                        + b.type() + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
                case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException(keyFile + " is encrypted; give an unencrypted key");
                default -> { }
            }
        }
        if (key == null) throw new GeneralSecurityException(keyFile + " holds no PEM private key");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("registry", key, PASSWORD, chain.toArray(Certificate[]::new));
        return ks;
    }

    private static PrivateKey pkcs8(byte[] der, String algorithm) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
        return out;
    }
}
