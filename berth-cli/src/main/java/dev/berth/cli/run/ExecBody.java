package dev.berth.cli.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.json.JsonNodes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code POST /containers/{id}/exec} body, as the docker CLI builds it for {@code docker exec}. */
public final class ExecBody {
    /** The exec flags that shape the body. */
    public record Flags(String user, boolean privileged, boolean tty, boolean interactive, boolean detach,
                        String detachKeys, List<String> env, List<String> envFiles, String workdir) {}

    private ExecBody() {}

    /** @param consoleSize {rows, columns} when {@code -t} on a terminal, else null */
    public static ObjectNode build(Flags f, List<String> cmd, int[] consoleSize, Map<String, String> environment) {
        ObjectNode b = JsonNodes.object();
        b.put("User", f.user() == null ? "" : f.user());
        b.put("Privileged", f.privileged());
        b.put("Tty", f.tty());
        if (consoleSize != null) b.putArray("ConsoleSize").add(consoleSize[0]).add(consoleSize[1]);
        b.put("AttachStdin", f.interactive() && !f.detach());
        b.put("AttachStderr", !f.detach());
        b.put("AttachStdout", !f.detach());
        b.put("Detach", f.detach());
        b.put("DetachKeys", f.detachKeys() == null ? "" : f.detachKeys());
        List<String> env = new ArrayList<>();
        for (String file : f.envFiles()) env.addAll(EnvFiles.parseFile(Path.of(file), environment));
        for (String e : f.env()) env.add(EnvFiles.fromFlag(e, environment));
        if (env.isEmpty()) b.putNull("Env");
        else {
            ArrayNode a = b.putArray("Env");
            env.forEach(a::add);
        }
        b.put("WorkingDir", f.workdir() == null ? "" : f.workdir());
        ArrayNode c = b.putArray("Cmd");
        cmd.forEach(c::add);
        return b;
    }
}
