package dev.berth.cli.commands.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.credentials.AuthEntry;
import dev.berth.cli.credentials.CredentialStores;
import dev.berth.cli.credentials.ServerAddresses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code berth login}: the daemon checks the credentials against the registry (POST /auth); only
 * then are they stored, in config.json or its credential helper, where {@code docker} finds them
 * too. A refusal prints the daemon's error and exits 1 with nothing written.
 */
@Command(name = "login", description = "Authenticate to a registry", customSynopsis = "[OPTIONS] [SERVER]")
public final class LoginCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-u", "--username"}, paramLabel = "string", description = "Username")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "string", description = "Password or Personal Access Token (PAT)")
    String password;

    @Option(names = "--password-stdin", arity = "0..1", description = "Take the Password or Personal Access Token (PAT) from stdin")
    boolean passwordStdin;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER")
    String server;

    public LoginCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (password != null && passwordStdin) throw new StatusException(1, "--password and --password-stdin are mutually exclusive");
        BufferedReader in = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8));
        if (passwordStdin) {
            if (username == null || username.isEmpty()) throw new StatusException(1, "Must provide --username with --password-stdin");
            String all = new String(cli.in().readAllBytes(), StandardCharsets.UTF_8);
            password = all.replaceAll("[\r\n]+$", "");
        } else if (password != null) {
            cli.err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
        }
        if (username == null || username.isEmpty()) {
            cli.out().print("Username: ");
            cli.out().flush();
            username = trim(in.readLine());
            if (username.isEmpty()) throw new StatusException(1, "Error: Non-null Username Required");
        }
        if (password == null) {
            char[] typed = System.console() != null ? System.console().readPassword("Password: ") : null;
            if (typed == null) {
                cli.out().print("Password: ");
                cli.out().flush();
            }
            password = typed != null ? new String(typed) : trim(in.readLine());
            if (password.isEmpty()) throw new StatusException(1, "Error: Password Required");
        }
        String key = ServerAddresses.key(server);
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("username", username);
        body.put("password", password);
        body.put("serveraddress", key);
        // a refusal is an ApiException: "Error response from daemon: ...", exit 1, nothing stored
        cli.images().auth(body.toString().getBytes(StandardCharsets.UTF_8));
        CredentialStores stores = cli.credentials();
        stores.store(new AuthEntry(key, username, password));
        if (stores.plainText(key)) {
            cli.err().println();
            cli.err().println("WARNING! Your credentials are stored unencrypted in '" + stores.file().file() + "'.");
            cli.err().println("Configure a credential helper to remove this warning. See");
            cli.err().println("https://docs.docker.com/go/credential-store/");
            cli.err().println();
        }
        cli.out().println("Login Succeeded");
        return 0;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
