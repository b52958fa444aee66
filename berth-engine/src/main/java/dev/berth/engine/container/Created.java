package dev.berth.engine.container;

import java.util.List;

/** What create made, and dockerd's advisory warnings about it (the create answer's {@code Warnings}). */
public record Created(ContainerSpec spec, List<String> warnings) {
    public Created {
        warnings = List.copyOf(warnings);
    }
}
