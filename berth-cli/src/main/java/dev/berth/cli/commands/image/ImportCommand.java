package dev.berth.cli.commands.image;

import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.run.ImageReference;
import dev.berth.cli.view.Progress;
import dev.berth.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code berth import file|URL|- [REPOSITORY[:TAG]]}: a rootfs tarball becomes an image; the
 * file or stdin is streamed to the daemon (chunked), a URL is fetched by the daemon. Prints the id.
 */
@Command(name = "import", description = "Import the contents from a tarball to create a filesystem image",
        customSynopsis = "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]")
public final class ImportCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-c", "--change"}, paramLabel = "list", description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "string", description = "Set commit message for imported image")
    String message;

    @Option(names = "--platform", paramLabel = "string", description = "Set platform if server is multi-platform capable")
    String platform;

    @Parameters(index = "0", arity = "1", paramLabel = "file|URL|-")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String reference;

    public ImportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        String[] target = ImageReference.newImageTarget(reference);
        String repo = target[0];
        String tag = target[1];
        boolean url = source.startsWith("http://") || source.startsWith("https://");
        InputStream body = null;
        if (source.equals("-")) {
            body = cli.in();
        } else if (!url) {
            try {
                body = Files.newInputStream(Path.of(source));
            } catch (NoSuchFileException e) {
                throw new StatusException(1, "open " + source + ": no such file or directory");
            }
        }
        try (Response r = cli.images().importImage(body, url ? source : null, repo, tag, message, changes)) {
            String error = Progress.print(r.body(), cli.out());
            if (error != null) throw new StatusException(1, error);
        } finally {
            if (body != null && body != cli.in()) body.close();
        }
        return 0;
    }
}
