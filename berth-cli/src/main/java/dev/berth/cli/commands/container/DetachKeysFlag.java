package dev.berth.cli.commands.container;

import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.common.errors.BerthException;
import dev.berth.dockerapi.DetachKeys;

/**
 * The detach keys of {@code run -it}, {@code start -ai}, {@code attach} and {@code exec -it}, as the
 * docker CLI picks them: {@code --detach-keys}, else {@code detachKeys} of config.json, else the
 * daemon's default (ctrl-p,ctrl-q). The choice is sent to the daemon and watched for locally, so
 * the command knows when the user detached. An invalid sequence stops the command before it does
 * anything, in the docker CLI's words.
 *
 * @param spec what to send as {@code detachKeys} ("" for the default)
 * @param keys the parsed sequence
 */
record DetachKeysFlag(String spec, DetachKeys keys) {
    static DetachKeysFlag resolve(Cli cli, String flag) {
        String spec = flag != null && !flag.isEmpty() ? flag : cli.config().detachKeys();
        try {
            return new DetachKeysFlag(spec, DetachKeys.parse(spec));
        } catch (BerthException.InvalidArgument e) {
            throw new StatusException(1, "invalid detach keys (" + spec + "): Unknown character: '" + firstUnknown(spec) + "'");
        }
    }

    /** What the user sees when the keys ended an attach or an exec (the docker CLI's text; run and start say nothing). */
    static final String DETACHED = "read escape sequence";

    private static String firstUnknown(String spec) {
        for (String key : spec.split(",", -1)) {
            if (key.isEmpty()) return key;
            try {
                DetachKeys.parse(key);
            } catch (BerthException.InvalidArgument e) {
                return key;
            }
        }
        return spec;
    }
}
