package dev.berth.cli.commands;

import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where {@code export} and {@code save} put their tar: {@code -o FILE}, or stdout unless it is a terminal. */
public final class TarOutput {
    private TarOutput() {}

    /** docker's refusal, checked before the daemon is asked for anything. */
    public static void refuseTerminal(Cli cli, String output) throws StatusException {
        if (output == null && cli.terminal().stdoutIsTerminal()) {
            throw new StatusException(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
    }

    /** Copies {@code tar} out; a file is written beside its target and renamed, so a failure leaves no half file. */
    public static void write(Cli cli, String output, InputStream tar) throws IOException {
        if (output == null) {
            tar.transferTo(cli.out());
            cli.out().flush();
            return;
        }
        Path target = Path.of(output).toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), ".berth-", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            tar.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
