package org.streamvault.backfill;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.streamvault.metrics.Timing;

/**
 * The backfiller's meters. Labels are bounded: peers come from configuration, channels and
 * qualities too; never an hour or a file name.
 */
public final class BackfillMetrics {
    private final Supplier<MeterRegistry> registry;

    /** The registry is looked up on first use, after the context has bound the Prometheus one. */
    public BackfillMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    public void segmentBackfilled(Peer peer, String channel, String quality) {
        counter("streamvault.backfill.segments", "Segments (and tombstones) copied from a peer",
                "peer", peer.label(), "channel", channel, "quality", quality).increment();
    }

    /** An hour in which at least one segment was copied during a pass. */
    public void hourBackfilled(Peer peer, String channel, String quality) {
        counter("streamvault.backfill.hours", "Hours in which a pass copied at least one segment",
                "peer", peer.label(), "channel", channel, "quality", quality).increment();
    }

    public void hashMismatch(Peer peer, String channel, String quality) {
        counter("streamvault.backfill.hash.mismatches", "Downloads discarded because the bytes did not match the name",
                "peer", peer.label(), "channel", channel, "quality", quality).increment();
    }

    /** A failed pass or fetch: peer down, error status, garbage listing. */
    public void error(Peer peer) {
        counter("streamvault.backfill.errors", "Failed passes and fetches per peer", "peer", peer.label()).increment();
    }

    public void segmentsDeleted(String channel, String quality, int count) {
        counter("streamvault.backfill.deleted.segments", "Files deleted by backfiller retention",
                "channel", channel, "quality", quality).increment(count);
    }

    /**
     * Wall and CPU time of whole passes against a peer, and per file copied
     * ({@code streamvault_backfill_pass_seconds}, {@code _per_unit_seconds}, error label).
     */
    public Timing pass(Peer peer) {
        return Timing.of(registry.get(), "backfill.pass", "peer", peer.label());
    }

    /** Time of each file fetched from a peer (the CPU part is hashing and writing). */
    public Timing fetch(Peer peer) {
        return Timing.of(registry.get(), "backfill.fetch", "peer", peer.label());
    }

    private Counter counter(String name, String help, String... tags) {
        return Counter.builder(name).description(help).tags(tags).register(registry.get());
    }
}
