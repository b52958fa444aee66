package dev.berth.engine.image;

import dev.berth.oci.Digest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Chain ids of a layer stack: chain(0) = diff(0); chain(n) = sha256(chain(n-1) + " " + diff(n)). */
public final class ChainIds {
    private ChainIds() {}

    public static List<String> of(List<String> diffIds) {
        List<String> out = new ArrayList<>(diffIds.size());
        String previous = null;
        for (String diff : diffIds) {
            previous = previous == null ? diff : Digest.of((previous + " " + diff).getBytes(StandardCharsets.UTF_8)).toString();
            out.add(previous);
        }
        return out;
    }
}
