package dev.berth.engine.events;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** In-process fan-out of events to subscribers (the /events stream, waiters). Never blocks a publisher. */
public final class EventBus {
    private static final int HISTORY = 1024;
    private final CopyOnWriteArrayList<BlockingQueue<Event>> subscribers = new CopyOnWriteArrayList<>();
    private final java.util.ArrayDeque<Event> history = new java.util.ArrayDeque<>();

    public void publish(Event event) {
        // History and fan-out change together, so a replaying subscriber sees each event once.
        synchronized (history) {
            history.addLast(event);
            if (history.size() > HISTORY) history.removeFirst();
            for (BlockingQueue<Event> q : subscribers) q.offer(event);
        }
    }

    public void publish(String type, String action, String id, java.util.Map<String, String> attributes) {
        java.time.Instant now = java.time.Instant.now();
        publish(new Event(type, action, id, attributes, now.getEpochSecond() * 1_000_000_000L + now.getNano()));
    }

    /** A live subscription; {@link #recent} replays what happened before it started. */
    public BlockingQueue<Event> subscribe() {
        BlockingQueue<Event> q = new LinkedBlockingQueue<>();
        subscribers.add(q);
        return q;
    }

    /** A live subscription plus the history up to the moment it began: no event in both, none in neither. */
    public record Replay(java.util.List<Event> past, BlockingQueue<Event> live) {}

    public Replay subscribeWithHistory() {
        synchronized (history) {
            return new Replay(java.util.List.copyOf(history), subscribe());
        }
    }

    public void unsubscribe(BlockingQueue<Event> q) {
        subscribers.remove(q);
    }

    public java.util.List<Event> recent() {
        synchronized (history) {
            return java.util.List.copyOf(history);
        }
    }

    public int listeners() {
        return subscribers.size();
    }
}
