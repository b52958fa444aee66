package dev.berth.cli.commands.container;

import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.archive.LocalTrees;
import dev.berth.cli.commands.HelpOption;
import dev.berth.client.ApiException;
import dev.berth.client.Response;
import dev.berth.client.api.ContainerApi;
import dev.berth.client.api.PathStat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code berth cp}, with docker's naming rules. Out of a container: {@code GET .../archive}, then
 * extract (into an existing directory under the source's name, else as the destination's name);
 * {@code -} writes the tar to stdout. Into a container: {@code HEAD .../archive} on the destination,
 * then {@code PUT} a tar into it (an existing directory) or into its parent under the new name;
 * {@code -} reads a tar from stdin. A source ending in {@code /.} copies a directory's contents.
 */
@Command(name = "cp", description = "Copy files/folders between a container and the local filesystem",
        customSynopsis = "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tberth cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH")
public final class CpCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-a", "--archive"}, arity = "0..1", description = "Archive mode (copy all uid/gid information)")
    boolean archive;

    @Option(names = {"-L", "--follow-link"}, arity = "0..1", description = "Always follow symbol link in SRC_PATH")
    boolean followLink;

    @Option(names = {"-q", "--quiet"}, arity = "0..1", description = "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached")
    boolean quiet;

    @Parameters(index = "0", arity = "1", paramLabel = "SRC_PATH")
    String source;

    @Parameters(index = "1", arity = "1", paramLabel = "DEST_PATH")
    String destination;

    public CpCommand(Cli cli) {
        this.cli = cli;
    }

    /** {@code container:path}, or a local path (absolute, relative with ./, or without a colon). */
    private record Location(String container, String path) {
        static Location parse(String arg) {
            if (arg.startsWith("/") || arg.startsWith(".") || arg.equals("-")) return new Location(null, arg);
            int colon = arg.indexOf(':');
            if (colon <= 0) return new Location(null, arg);
            return new Location(arg.substring(0, colon), arg.substring(colon + 1));
        }
    }

    @Override
    public Integer call() throws Exception {
        Location src = Location.parse(source);
        Location dst = Location.parse(destination);
        if (src.container() != null && dst.container() != null) throw new StatusException(1, "copying between containers is not supported");
        if (src.container() == null && dst.container() == null) throw new StatusException(1, "must specify at least one container source");
        if (src.container() != null) return fromContainer(src, dst.path());
        return toContainer(src.path(), dst);
    }

    private int fromContainer(Location src, String dst) throws IOException {
        ContainerApi api = cli.containers();
        String srcPath = src.path().isEmpty() ? "/" : src.path();
        try (Response r = api.getArchive(src.container(), srcPath)) {
            if (dst.equals("-")) {
                r.body().transferTo(cli.out());
                cli.out().flush();
                return 0;
            }
            PathStat stat = PathStat.fromHeader(r.header("X-Docker-Container-Path-Stat"));
            boolean srcIsDir = stat != null && stat.isDirectory();
            boolean contents = srcPath.endsWith("/.");
            Path target = Path.of(dst).toAbsolutePath();
            if (Files.isDirectory(target)) {
                LocalTrees.extract(r.body(), target, contents ? LocalTrees.TOP : null, contents ? "" : null);
            } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (srcIsDir) throw new StatusException(1, "cannot overwrite non-directory \"" + dst + "\" with directory \"" + srcPath + "\"");
                LocalTrees.extract(r.body(), target.getParent(), LocalTrees.TOP, target.getFileName().toString());
            } else {
                if (dst.endsWith("/") && !srcIsDir) throw new StatusException(1, "no such directory");
                if (!Files.isDirectory(target.getParent())) throw new StatusException(1, "lstat " + target.getParent() + ": no such file or directory");
                LocalTrees.extract(r.body(), target.getParent(), LocalTrees.TOP, target.getFileName().toString());
            }
        }
        return 0;
    }

    private int toContainer(String src, Location dst) throws Exception {
        ContainerApi api = cli.containers();
        String dstPath = dst.path().isEmpty() ? "/" : dst.path();
        if (src.equals("-")) {
            PathStat stat = api.statPath(dst.container(), dstPath);
            if (!stat.isDirectory()) throw new StatusException(1, "destination \"" + dst.container() + ":" + dstPath + "\" must be a directory");
            api.putArchive(dst.container(), dstPath, cli.in(), true, archive);
            return 0;
        }
        Path local = Path.of(src).toAbsolutePath();
        if (followLink) local = local.toRealPath();
        if (!Files.exists(local, LinkOption.NOFOLLOW_LINKS)) throw new StatusException(1, "lstat " + local + ": no such file or directory");
        boolean srcIsDir = Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS);
        boolean contents = src.endsWith("/.") && srcIsDir;
        String into;
        String name;
        PathStat stat = stat(api, dst.container(), dstPath);
        if (stat != null && stat.isDirectory()) {
            into = dstPath;
            name = contents ? "" : local.getFileName().toString();
        } else if (stat != null) {
            if (srcIsDir) throw new StatusException(1, "cannot copy directory");
            into = parent(dstPath);
            name = baseName(dstPath);
        } else {
            if (dstPath.endsWith("/")) throw new StatusException(1, "no such directory");
            into = parent(dstPath);
            name = baseName(dstPath);
        }
        try (InputStream tar = packed(local, name)) {
            api.putArchive(dst.container(), into, tar, true, archive);
        }
        return 0;
    }

    private static PathStat stat(ContainerApi api, String container, String path) throws IOException {
        try {
            return api.statPath(container, path);
        } catch (ApiException e) {
            if (e.isNotFound()) return null;
            throw e;
        }
    }

    /** The tar is produced on another thread while the request streams it (chunked) to the daemon. */
    private static InputStream packed(Path root, String name) throws IOException {
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        CompletableFuture.runAsync(() -> {
            try (out) {
                LocalTrees.pack(root, name, out);
            } catch (IOException e) {
                // the reading side sees the pipe end early and the daemon rejects the short tar
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
        return in;
    }

    private static String parent(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "/" : p.substring(0, slash);
    }

    private static String baseName(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
