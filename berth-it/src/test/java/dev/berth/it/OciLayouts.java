package dev.berth.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small OCI image layout (oci-layout, index.json, blobs/sha256) with images made in
 * code, so registry tests need neither a hub nor a daemon. Layers are gzipped tars of one file.
 */
final class OciLayouts {
    private OciLayouts() {}

    /** Digests of what was written for one image. */
    record Image(String tag, String manifest, String config, List<String> layers) {}

    static String sha256(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** One image per entry of {@code images}: tag → layer contents (file name → bytes). */
    static Map<String, Image> write(Path dir, Map<String, List<byte[]>> images) throws Exception {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Map<String, Image> out = new LinkedHashMap<>();
        StringBuilder index = new StringBuilder("{\"schemaVersion\":2,\"manifests\":[");
        for (var e : images.entrySet()) {
            StringBuilder layersJson = new StringBuilder();
            StringBuilder diffIds = new StringBuilder();
            List<String> layerDigests = new java.util.ArrayList<>();
            int i = 0;
            for (byte[] content : e.getValue()) {
                byte[] tar = tar("file" + i, content);
                // gzipped: skopeo would compress a plain tar on its way to a registry, changing every digest
                byte[] gz = gzip(tar);
                String d = blob(dir, gz);
                layerDigests.add(d);
                layersJson.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
                        .append(d).append("\",\"size\":").append(gz.length).append('}');
                diffIds.append(i == 0 ? "" : ",").append('"').append(sha256(tar)).append('"');
                i++;
            }
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"tag\":\"" + e.getKey()
                    + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}").getBytes(StandardCharsets.UTF_8);
            String c = blob(dir, config);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                    + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + c + "\",\"size\":" + config.length + "},\"layers\":["
                    + layersJson + "]}").getBytes(StandardCharsets.UTF_8);
            String m = blob(dir, manifest);
            index.append(out.isEmpty() ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"")
                    .append(m).append("\",\"size\":").append(manifest.length)
                    .append(",\"annotations\":{\"org.opencontainers.image.ref.name\":\"").append(e.getKey()).append("\"}}");
            out.put(e.getKey(), new Image(e.getKey(), m, c, layerDigests));
        }
        Files.writeString(dir.resolve("index.json"), index.append("]}").toString());
        return out;
    }

    private static String blob(Path dir, byte[] content) throws Exception {
        String d = sha256(content);
        Files.write(dir.resolve("blobs/sha256/" + d.substring(7)), content);
        return d;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** A ustar archive of one regular file. */
    private static byte[] tar(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, "00000000000");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) sum += b & 0xff;
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        out.write(header);
        out.write(content);
        out.write(new byte[(512 - content.length % 512) % 512]);
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }
}
