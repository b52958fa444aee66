package dev.berth.daemon.api.images;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.dockerapi.ApiVersion;
import dev.berth.engine.image.Image;

import java.util.List;
import java.util.Map;

/** The image documents of the API that more than one route sends. */
public final class ImageJson {
    private ImageJson() {}

    /**
     * An image as {@code GET /images/json} and {@code /system/df} list it; {@code containers} and
     * {@code sharedSize} are -1 where they were not computed, as dockerd sends them.
     */
    public static ObjectNode summary(Image i, List<String> shownTags, long containers, long sharedSize, ApiVersion v) {
        Map<String, String> labels = i.config().configOrEmpty().labels();
        ObjectNode n = Json.object();
        n.put("Containers", containers);
        n.put("Created", i.created().getEpochSecond());
        n.put("Id", i.id().toString());
        if (labels == null) n.putNull("Labels"); else { ObjectNode l = n.putObject("Labels"); labels.forEach(l::put); }
        n.put("ParentId", i.parent());
        ArrayNode digests = n.putArray("RepoDigests");
        i.repoDigests().forEach(d -> digests.add(d.familiarName() + "@" + d.digest()));
        ArrayNode tags = n.putArray("RepoTags");
        shownTags.forEach(tags::add);
        if (i.tags().isEmpty() && !v.atLeast(1, 43)) tags.add("<none>:<none>");
        n.put("SharedSize", sharedSize);
        n.put("Size", i.size());
        if (!v.atLeast(1, 44)) n.put("VirtualSize", i.size());
        return n;
    }
}
