package dev.berth.cli.commands.container;

import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.HelpOption;
import dev.berth.client.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code berth export}: the container's filesystem as a tar, to {@code -o FILE} or stdout (never to a terminal). */
@Command(name = "export", description = "Export a container's filesystem as a tar archive", customSynopsis = "[OPTIONS] CONTAINER")
public final class ExportCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-o", "--output"}, paramLabel = "string", description = "Write to a file, instead of STDOUT")
    String output;

    @Parameters(index = "0", arity = "1", paramLabel = "CONTAINER")
    String container;

    public ExportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (output == null && cli.terminal().stdoutIsTerminal()) {
            throw new StatusException(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
        try (Response r = cli.containers().export(container)) {
            if (output == null) {
                r.body().transferTo(cli.out());
                cli.out().flush();
                return 0;
            }
            // write next to the target and rename, so a failed export leaves no half file
            Path target = Path.of(output).toAbsolutePath();
            Path tmp = Files.createTempFile(target.getParent(), ".export-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                r.body().transferTo(out);
            } catch (Exception e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return 0;
    }
}
