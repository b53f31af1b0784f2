package org.streamvault.backfill;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.streamvault.metrics.Timing;

/**
 * The backfiller's meters. Labels are bounded: peers come from configuration, channels and
 * qualities too; never an hour or a file name.
 */
public final class BackfillMetrics {
    private final Supplier<MeterRegistry> registry;
    /** The gauges' values, per peer label; held here because a gauge only keeps a weak reference. */
    private final Map<String, AtomicInteger> missing = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failing = new ConcurrentHashMap<>();

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

    /** A pass that could not reach or list the peer, or lost it midway. */
    public void error(Peer peer) {
        counter("streamvault.backfill.errors", "Passes that could not reach or list the peer, or lost it midway", "peer", peer.label()).increment();
    }

    /** One failed request to a peer (a listing or a file, each retry counted), by reason. */
    public void fileFailed(Peer peer, FailureReason reason) {
        counter("streamvault.backfill.file.failures", "Failed requests to a peer (each attempt), by reason",
                "peer", peer.label(), "reason", reason.label()).increment();
    }

    /** Files the last pass against the peer saw missing here and did not copy. */
    public void missingFiles(Peer peer, int count) {
        gauge(missing, "streamvault.backfill.missing.files",
                "Files the last pass against the peer saw missing and did not copy", peer).set(count);
    }

    /** Files that failed in several passes in a row and are now retried less often (named in the log). */
    public void failingFiles(Peer peer, int count) {
        gauge(failing, "streamvault.backfill.failing.files",
                "Files that failed in streamvault.backfiller.file-failing-passes passes in a row", peer).set(count);
    }

    private AtomicInteger gauge(Map<String, AtomicInteger> values, String name, String help, Peer peer) {
        return values.computeIfAbsent(peer.label(), label -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(name, value, AtomicInteger::get).description(help).tag("peer", label).register(registry.get());
            return value;
        });
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
