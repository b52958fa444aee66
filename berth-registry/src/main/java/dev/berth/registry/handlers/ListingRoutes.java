package dev.berth.registry.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.registry.errors.ErrorCode;
import dev.berth.registry.errors.RegistryException;
import dev.berth.registry.storage.Repositories;
import dev.berth.registry.storage.RepositoryName;
import dev.berth.registry.storage.Tag;

import java.io.IOException;
import java.util.List;

/** {@code GET /v2/<name>/tags/list} and {@code GET /v2/_catalog}, both paginated with {@code n} and {@code last}. */
final class ListingRoutes {
    private final Repositories repositories;

    ListingRoutes(Repositories repositories) {
        this.repositories = repositories;
    }

    void tags(Exchange ex, RepositoryName name) throws IOException {
        if (!ex.method().equals("GET") && !ex.isHead()) throw Dispatcher.methodNotAllowed(ex);
        if (!repositories.exists(name)) throw new RegistryException(ErrorCode.NAME_UNKNOWN, "repository " + name + " not known");
        List<String> tags = repositories.tags(name).stream().map(Tag::value).toList();
        Page page = Page.of(tags, ex.query("n"), ex.query("last"));
        ObjectNode body = Json.object();
        body.put("name", name.value());
        fill(body.putArray("tags"), page);
        respond(ex, page, "/v2/" + name + "/tags/list", body);
    }

    void catalog(Exchange ex) throws IOException {
        if (!ex.method().equals("GET") && !ex.isHead()) throw Dispatcher.methodNotAllowed(ex);
        List<String> names = repositories.catalog().stream().map(RepositoryName::value).toList();
        Page page = Page.of(names, ex.query("n"), ex.query("last"));
        ObjectNode body = Json.object();
        fill(body.putArray("repositories"), page);
        respond(ex, page, "/v2/_catalog", body);
    }

    private static void fill(ArrayNode array, Page page) {
        page.entries().forEach(array::add);
    }

    private static void respond(Exchange ex, Page page, String path, ObjectNode body) throws IOException {
        if (page.next().isPresent()) ex.header("Link", page.link(path, Integer.parseInt(ex.query("n"))));
        ex.status(200).json(body);
    }
}
