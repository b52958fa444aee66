package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.Cli;
import dev.berth.cli.run.ImageReference;
import dev.berth.cli.view.Progress;
import dev.berth.client.ApiException;
import dev.berth.client.Response;
import dev.berth.client.api.ContainerApi;

import java.io.IOException;

/**
 * Container creation as {@code run} and {@code create} do it: create, and when the daemon answers
 * 404, say "Unable to find image" on stderr, pull the image, and create again once.
 */
final class Launcher {
    private Launcher() {}

    /**
     * Returns the new container's id; prints the daemon's warnings. {@code pullPolicy} is
     * {@code --pull}: {@code always} pulls first, {@code missing} on a 404, {@code never} not at all.
     */
    static String create(Cli cli, String name, ObjectNode body, ImageReference image, String pullPolicy, String platform) throws IOException {
        ContainerApi.Created created;
        if (pullPolicy.equals("always")) pull(cli, image, platform);
        try {
            created = cli.containers().create(name, body);
        } catch (ApiException e) {
            if (!e.isNotFound() || !pullPolicy.equals("missing") || !e.getMessage().contains("No such image")) throw e;
            cli.err().println("Unable to find image '" + image.familiar() + "' locally");
            pull(cli, image, platform);
            created = cli.containers().create(name, body);
        }
        for (String w : created.warnings()) cli.err().println("WARNING: " + w);
        return created.id();
    }

    /** Pulls with progress on stderr; a failed pull is reported like a daemon error. */
    static void pull(Cli cli, ImageReference image, String platform) throws IOException {
        String tag = image.digest() != null ? image.digest() : image.tag();
        try (Response r = cli.images().pull(image.name(), tag, platform)) {
            String error = Progress.print(r.body(), cli.err(), cli.terminal().stdoutIsTerminal());
            if (error != null) throw new ApiException(500, error);
        }
    }
}
