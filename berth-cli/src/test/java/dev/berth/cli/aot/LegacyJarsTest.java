package dev.berth.cli.aot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.Opcode;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegacyJarsTest {
    /** A Java 5 class: {@code static int clamp(int x) { while (x > 10) x -= 10; return x < 0 ? -x : x; }}. */
    private static byte[] legacyClass(String name) {
        return ClassFile.of().build(ClassDesc.of(name), cb -> cb
                .withVersion(ClassFile.JAVA_5_VERSION, 0)
                .withFlags(AccessFlag.PUBLIC)
                .withMethodBody("clamp", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                            var loop = code.newLabel();
                            var done = code.newLabel();
                            var positive = code.newLabel();
                            code.labelBinding(loop)
                                    .iload(0).bipush(10).if_icmple(done)
                                    .iinc(0, -10).goto_(loop)
                                    .labelBinding(done)
                                    .iload(0).ifge(positive)
                                    .iload(0).ineg().ireturn()
                                    .labelBinding(positive)
                                    .iload(0).ireturn();
                        }));
    }

    private static void writeJar(Path jar, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    @Test
    void upgradesLegacyClassesAndLeavesModernJarsAlone(@TempDir Path tmp) throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Path out = tmp.resolve("out");
        writeJar(lib.resolve("old.jar"), Map.of("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(),
                "demo/Old.class", legacyClass("demo.Old"), "demo/data.txt", "kept".getBytes()));
        byte[] modern = ClassFile.of().build(ClassDesc.of("demo.New"), cb -> cb.withVersion(ClassFile.JAVA_17_VERSION, 0));
        writeJar(lib.resolve("new.jar"), Map.of("demo/New.class", modern));
        Files.createDirectories(out);
        Files.writeString(out.resolve("gone.jar"), "stale");

        assertEquals(List.of("old.jar"), LegacyJars.upgradeAll(lib, out));
        assertFalse(Files.exists(out.resolve("new.jar")));
        assertFalse(Files.exists(out.resolve("gone.jar")), "jars no longer upgraded are removed");

        try (ZipFile zip = new ZipFile(out.resolve("old.jar").toFile())) {
            assertEquals("kept", new String(zip.getInputStream(zip.getEntry("demo/data.txt")).readAllBytes()));
            var model = ClassFile.of().parse(zip.getInputStream(zip.getEntry("demo/Old.class")).readAllBytes());
            assertEquals(ClassFile.JAVA_8_VERSION, model.majorVersion());
            var code = model.methods().getFirst().code().orElseThrow();
            assertTrue(code.findAttribute(java.lang.classfile.Attributes.stackMapTable()).isPresent());
            assertEquals(Opcode.ILOAD_0, code.elementStream()
                    .filter(e -> e instanceof java.lang.classfile.Instruction).map(e -> ((java.lang.classfile.Instruction) e).opcode())
                    .findFirst().orElseThrow(), "instructions are kept");
        }
        // the type-checking verifier accepts it, and it behaves as before
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.resolve("old.jar").toUri().toURL()}, null)) {
            var clamp = Class.forName("demo.Old", true, loader).getMethod("clamp", int.class);
            assertEquals(5, clamp.invoke(null, 25));
            assertEquals(7, clamp.invoke(null, -7));
        }
    }

    @Test
    void signedJarsAreNotRewritten(@TempDir Path tmp) throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        writeJar(lib.resolve("signed.jar"), Map.of("META-INF/SIGNER.SF", new byte[1], "demo/Old.class", legacyClass("demo.Old")));
        assertEquals(List.of(), LegacyJars.upgradeAll(lib, tmp.resolve("out")));
    }

    @Test
    void jarsWithSubroutinesAreNotRewritten(@TempDir Path tmp) throws Exception {
        // jsr/ret (javac's old "finally") cannot exist in a version 52 class
        byte[] withJsr = ClassFile.of().build(ClassDesc.of("demo.Jsr"), cb -> cb
                .withVersion(ClassFile.JAVA_5_VERSION, 0)
                .withMethodBody("f", MethodTypeDesc.of(ConstantDescs.CD_void), ClassFile.ACC_STATIC, code -> {
                    var sub = code.newLabel();
                    code.with(java.lang.classfile.instruction.DiscontinuedInstruction.JsrInstruction.of(sub))
                            .return_()
                            .labelBinding(sub)
                            .astore(0)
                            .with(java.lang.classfile.instruction.DiscontinuedInstruction.RetInstruction.of(0));
                }));
        assertTrue(LegacyJars.usesSubroutines(withJsr));
        assertFalse(LegacyJars.usesSubroutines(legacyClass("demo.Old")));
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        writeJar(lib.resolve("jsr.jar"), Map.of("demo/Jsr.class", withJsr, "demo/Old.class", legacyClass("demo.Old")));
        assertEquals(List.of(), LegacyJars.upgradeAll(lib, tmp.resolve("out")));
    }

    @Test
    void everyPicocliClassPassesTheTypeCheckingVerifier(@TempDir Path tmp) throws Exception {
        Path picocli = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.copy(picocli, lib.resolve(picocli.getFileName()));
        Path out = tmp.resolve("out");
        assertEquals(List.of(picocli.getFileName().toString()), LegacyJars.upgradeAll(lib, out));

        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(out.resolve(picocli.getFileName()).toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                String n = e.getName();
                if (n.endsWith(".class") && !n.startsWith("META-INF/")) {
                    assertFalse(LegacyJars.isLegacyClass(n, zip.getInputStream(e).readAllBytes()), n);
                    names.add(n.substring(0, n.length() - 6).replace('/', '.'));
                }
            }
        }
        assertTrue(names.size() > 100, "picocli has ~170 classes");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.resolve(picocli.getFileName()).toUri().toURL()}, null)) {
            for (String n : names) {
                try {
                    Class.forName(n, true, loader); // links, so the verifier runs
                } catch (VerifyError e) {
                    throw new AssertionError(n + " fails verification after the upgrade", e);
                }
            }
            // and it still parses a command line
            Class<?> cl = Class.forName("picocli.CommandLine", true, loader);
            assertEquals("picocli.CommandLine", cl.getName());
        }
    }

    @Test
    void jarEntriesKeepTheirOrder(@TempDir Path tmp) throws IOException {
        var entries = new java.util.LinkedHashMap<String, byte[]>();
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes());
        entries.put("b/Old.class", legacyClass("b.Old"));
        entries.put("a/x.txt", new byte[] {1});
        Path jar = tmp.resolve("o.jar");
        try (OutputStream out = Files.newOutputStream(jar)) {
            LegacyJars.upgrade(entries, Map.of(), out);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertEquals(List.of("META-INF/MANIFEST.MF", "b/Old.class", "a/x.txt"),
                    Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList());
        }
    }
}
