package dev.berth.cli.aot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites dependency jars whose classes predate Java 6 (class file version below 50) so that the
 * JDK's AOT cache can hold them. The JVM checks such classes with the old, type-inferring
 * verifier, and the AOT cache refuses a class linked that way ("Old class has been linked"), so
 * picocli, built for Java 5, was read, verified and linked from its jar on every {@code berth}
 * command: about 80 ms of a 280 ms start-up.
 *
 * <p>The rewrite raises the version to 52 (Java 8) and adds the stack map frames the type-checking
 * verifier needs, computed by the JDK's class-file library; the methods keep their instructions in
 * their order (jump offsets may be re-encoded, and unreachable code, which the old verifier never
 * looked at, becomes {@code nop}s and an {@code athrow}). A class the rewrite got wrong would fail
 * verification when it loads, never run wrongly; LegacyJarsTest loads every picocli class that
 * way, and bin/berth drops the rewritten jars when its training run fails. Jars that are signed,
 * or whose code uses {@code jsr}/{@code ret} subroutines (gone from class files since version 51,
 * so they cannot be upgraded), are left alone, as is a jar the rewrite fails on.
 *
 * <pre>java dev.berth.cli.aot.LegacyJars LIB_DIR OUT_DIR</pre>
 * writes an upgraded copy of each jar in LIB_DIR that needs one into OUT_DIR (and removes any
 * other jar there), each atomically, so two processes doing it at once both end with the same files.
 */
public final class LegacyJars {
    /** Java 6: from this version on the JVM's type-checking verifier applies. */
    static final int FIRST_MODERN_MAJOR = ClassFile.JAVA_6_VERSION;
    static final int TARGET_MAJOR = ClassFile.JAVA_8_VERSION;

    private LegacyJars() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LegacyJars LIB_DIR OUT_DIR");
            System.exit(2);
        }
        upgradeAll(Path.of(args[0]), Path.of(args[1]));
    }

    /** Upgrades every jar of {@code libDir} that holds legacy classes into {@code outDir}; returns their names. */
    public static List<String> upgradeAll(Path libDir, Path outDir) throws IOException {
        List<Path> jars;
        try (var list = Files.list(libDir)) {
            jars = list.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        }
        Map<String, Map<String, byte[]>> contents = new LinkedHashMap<>();
        Map<String, byte[]> allClasses = new HashMap<>();
        for (Path jar : jars) {
            Map<String, byte[]> entries;
            try {
                entries = read(jar);
            } catch (IOException | RuntimeException unreadable) {
                System.err.println("LegacyJars: cannot read " + jar + ": " + unreadable);
                continue;
            }
            contents.put(jar.getFileName().toString(), entries);
            entries.forEach((name, bytes) -> {
                if (name.endsWith(".class")) allClasses.putIfAbsent(name, bytes);
            });
        }
        Files.createDirectories(outDir);
        List<String> written = new ArrayList<>();
        for (var jar : contents.entrySet()) {
            if (!needsUpgrade(jar.getValue())) continue;
            Path target = outDir.resolve(jar.getKey());
            Path tmp = Files.createTempFile(outDir, "." + jar.getKey() + ".", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    upgrade(jar.getValue(), allClasses, out);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                written.add(jar.getKey());
            } catch (IOException | RuntimeException e) {
                // the original stays on the class path behind this directory
                System.err.println("LegacyJars: leaving " + jar.getKey() + " as it is: " + e);
                Files.deleteIfExists(tmp);
            }
        }
        try (var stale = Files.list(outDir)) {
            for (Path p : stale.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".jar") && !written.contains(name)) Files.deleteIfExists(p);
            }
        }
        return written;
    }

    static boolean needsUpgrade(Map<String, byte[]> entries) {
        if (entries.keySet().stream().anyMatch(n -> n.startsWith("META-INF/") && n.endsWith(".SF"))) return false;
        List<byte[]> legacy = entries.entrySet().stream().filter(e -> isLegacyClass(e.getKey(), e.getValue())).map(Map.Entry::getValue).toList();
        return !legacy.isEmpty() && legacy.stream().noneMatch(LegacyJars::usesSubroutines);
    }

    static boolean usesSubroutines(byte[] classBytes) {
        return ClassFile.of().parse(classBytes).methods().stream()
                .flatMap(m -> m.code().stream())
                .flatMap(code -> code.elementStream())
                .anyMatch(e -> e instanceof DiscontinuedInstruction);
    }

    static boolean isLegacyClass(String name, byte[] bytes) {
        if (!name.endsWith(".class") || name.startsWith("META-INF/") || bytes.length < 8) return false;
        int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
        return major < FIRST_MODERN_MAJOR;
    }

    /** Writes the jar {@code entries} to {@code out} with every legacy class upgraded, entries in their order. */
    static void upgrade(Map<String, byte[]> entries, Map<String, byte[]> classpath, OutputStream out) throws IOException {
        ClassHierarchyResolver resolver = ClassHierarchyResolver.ofResourceParsing(desc -> {
            String d = desc.descriptorString();
            byte[] b = classpath.get(d.substring(1, d.length() - 1) + ".class");
            return b == null ? null : new ByteArrayInputStream(b);
        }).orElse(ClassHierarchyResolver.defaultResolver());
        ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver),
                ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                byte[] bytes = isLegacyClass(e.getKey(), e.getValue()) ? upgradeClass(cf, e.getValue()) : e.getValue();
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }

    static byte[] upgradeClass(ClassFile cf, byte[] bytes) {
        // every method body passes through a code transform, so its stack maps are computed anew
        return cf.transformClass(cf.parse(bytes), (builder, element) -> {
            switch (element) {
                case ClassFileVersion v -> builder.withVersion(TARGET_MAJOR, 0);
                case MethodModel m -> builder.transformMethod(m, MethodTransform.transformingCode(CodeTransform.ACCEPT_ALL));
                default -> builder.with(element);
            }
        });
    }

    private static Map<String, byte[]> read(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.isDirectory()) continue;
                try (var in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }
}
