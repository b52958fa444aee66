package dev.berth.engine.events;

import java.util.Map;

/** Something that happened to an object: {@code container start}, {@code image tag}, ... */
public record Event(String type, String action, String id, Map<String, String> attributes, long timeNano) {
    public Event {
        attributes = Map.copyOf(attributes);
    }
}
