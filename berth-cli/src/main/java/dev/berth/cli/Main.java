package dev.berth.cli;

import dev.berth.cli.commands.CommandTree;
import picocli.CommandLine;

import java.io.PrintWriter;

/** {@code berth}: builds the command tree for this process and exits with the command's status. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Cli cli = Cli.forProcess();
        int status = run(cli, args);
        cli.out().flush();
        cli.err().flush();
        // exit explicitly: a stdin pump blocked in read() must not keep the process alive
        System.exit(status);
    }

    public static int run(Cli cli, String[] args) {
        CommandLine cmd = CommandTree.forArgs(cli, args);
        cmd.setOut(new PrintWriter(cli.out(), true));
        cmd.setErr(new PrintWriter(cli.err(), true));
        cmd.setExecutionExceptionHandler(new ErrorReporter(cli));
        int status = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        return status;
    }
}
