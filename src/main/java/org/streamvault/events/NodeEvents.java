package org.streamvault.events;

/**
 * Where the domain code tells what happened. {@link #publish} never blocks and never throws:
 * an event nobody listens to is gone at once, and one that a slow subscriber has no room for
 * is dropped and counted, so publishing can sit on the recording path.
 */
@FunctionalInterface
public interface NodeEvents {
    /** Publishes nothing: for tests and for components built without a node. */
    NodeEvents NONE = event -> {
    };

    void publish(NodeEvent event);
}
