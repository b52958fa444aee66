package dev.berth.daemon.api.images;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.daemon.http.HttpResponse;
import dev.berth.engine.transfer.PushProgress;
import dev.berth.oci.Digest;

import java.nio.charset.StandardCharsets;

/** A push's progress as Docker's JSON-message stream: a pull's, plus the digest line and aux record per tag. */
final class PushStream extends PullStream implements PushProgress {
    PushStream(HttpResponse res) {
        super(res);
    }

    @Override
    public void pushed(String tag, Digest digest, long size) {
        status(null, tag + ": digest: " + digest + " size: " + size);
        // docker-java and the SDKs read the digest from here
        ObjectNode n = Json.object();
        n.putObject("progressDetail");
        ObjectNode aux = n.putObject("aux");
        aux.put("Tag", tag);
        aux.put("Digest", digest.toString());
        aux.put("Size", size);
        message((Json.string(n) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
