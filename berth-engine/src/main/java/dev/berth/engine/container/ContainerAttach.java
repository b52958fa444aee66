package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.runtime.Conmon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Clients attached to a container's stdio through conmon's attach socket. A session opened before
 * the container runs is queued on its {@link LiveContainer} and connected by the start (so an
 * attach then start loses no output), or finished if the start fails.
 */
final class ContainerAttach {
    private final Containers containers;
    private final ContainerStore store;
    private final Conmon conmon;
    private final ContainerPaths paths;
    private final EventBus events;

    ContainerAttach(Containers containers, ContainerStore store, Conmon conmon, ContainerPaths paths, EventBus events) {
        this.containers = containers;
        this.store = store;
        this.conmon = conmon;
        this.paths = paths;
        this.events = events;
    }

    /** Attaches a client; before start the session is queued and connected when the container starts. */
    AttachSession attach(String ref, boolean stdin, boolean stdout, boolean stderr, AttachSession.Sink sink) {
        ContainerStore.Entry e = store.get(ref);
        String id = e.spec().id();
        LiveContainer l = containers.live(id);
        AttachSession session = new AttachSession(stdin && e.spec().openStdin(), stdout, stderr, sink);
        synchronized (l) {
            ContainerState s = store.get(id).state();
            if (s.isRunning()) {
                try {
                    session.connect(conmon.attachSocket(id));
                } catch (IOException ex) {
                    session.finish();
                }
            } else {
                synchronized (l.pendingAttach) {
                    l.pendingAttach.add(session);
                }
            }
        }
        events.publish("container", "attach", id, Containers.attributes(e.spec(), Map.of()));
        return session;
    }

    void resize(String ref, int height, int width) {
        ContainerStore.Entry e = store.get(ref);
        if (!e.state().isRunning()) {
            throw new BerthException.Conflict("Container " + e.spec().id() + " is not running");
        }
        Conmon.resize(paths.dir(e.spec().id()), height, width);
    }

    /** The start made the attach socket: the queued sessions connect to it. Caller holds the container's lock. */
    void connectPending(String id, LiveContainer l) {
        List<AttachSession> pending;
        synchronized (l.pendingAttach) {
            pending = new ArrayList<>(l.pendingAttach);
            l.pendingAttach.clear();
        }
        for (AttachSession a : pending) {
            try {
                a.connect(conmon.attachSocket(id));
            } catch (IOException ex) {
                a.finish();
            }
        }
    }

    /** The start failed: the queued sessions end. */
    void finishPending(LiveContainer l) {
        List<AttachSession> pending;
        synchronized (l.pendingAttach) {
            pending = new ArrayList<>(l.pendingAttach);
            l.pendingAttach.clear();
        }
        pending.forEach(AttachSession::finish);
    }
}
