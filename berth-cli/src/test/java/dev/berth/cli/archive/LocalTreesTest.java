package dev.berth.cli.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalTreesTest {
    private static byte[] pack(Path p, String as) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalTrees.pack(p, as, out);
        return out.toByteArray();
    }

    private static List<String> names(byte[] tar) throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        List<String> out = new ArrayList<>();
        TarEntry e;
        while ((e = r.next()) != null) out.add(e.kind().name().charAt(0) + " " + e.name());
        return out;
    }

    @Test
    void packsUnderTheChosenNameAndExtractsWithRenames(@TempDir Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(src.resolve("f.txt"), "hello");
        Files.createSymbolicLink(dir.resolve("src/link"), Path.of("/etc/passwd"));
        String deep = "d".repeat(120);
        Files.writeString(Files.createDirectories(dir.resolve("src/" + deep)).resolve("long.txt"), "pax");
        byte[] tar = pack(dir.resolve("src"), "data");
        List<String> names = names(tar);
        assertTrue(names.contains("D data") && names.contains("F data/sub/f.txt") && names.contains("S data/link")
                && names.contains("F data/" + deep + "/long.txt"), names.toString());

        Path out = Files.createDirectories(dir.resolve("out"));
        LocalTrees.extract(new ByteArrayInputStream(tar), out, null, null);
        assertEquals("hello", Files.readString(out.resolve("data/sub/f.txt")));
        assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(out.resolve("data/link")));
        assertEquals("pax", Files.readString(out.resolve("data/" + deep + "/long.txt")), "names over 100 bytes go through PAX headers");

        LocalTrees.extract(new ByteArrayInputStream(tar), out, LocalTrees.TOP, "renamed");
        assertEquals("hello", Files.readString(out.resolve("renamed/sub/f.txt")));
        Path contents = Files.createDirectories(dir.resolve("contents"));
        LocalTrees.extract(new ByteArrayInputStream(tar), contents, LocalTrees.TOP, "");
        assertEquals("hello", Files.readString(contents.resolve("sub/f.txt")));
    }

    @Test
    void refusesEntriesThatEscape(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(bad)) {
            byte[] data = "x".getBytes();
            w.add(new TarEntry("../escape.txt", TarEntry.Kind.FILE, 0644, data.length, 0, null, 0, 0), new ByteArrayInputStream(data));
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        assertThrows(IOException.class, () -> LocalTrees.extract(new ByteArrayInputStream(bad.toByteArray()), out, null, null));
        assertTrue(Files.notExists(dir.resolve("escape.txt")));
    }

    @Test
    void readsTarsMadeByGnuTar(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("t/a/b"));
        Files.writeString(src.resolve("c"), "deep");
        Process p = new ProcessBuilder("tar", "cf", "-", "-C", dir.resolve("t").toString(), "a").redirectErrorStream(true).start();
        byte[] tar = p.getInputStream().readAllBytes();
        p.waitFor();
        assertEquals(List.of("D a", "D a/b", "F a/b/c"), names(tar));
    }
}
