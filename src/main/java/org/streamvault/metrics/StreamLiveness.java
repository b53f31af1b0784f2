package org.streamvault.metrics;

/**
 * Whether a recorded stream is live right now, as the downloader knows from its origin. Bind an
 * implementation in the Camel registry and {@link StreamStallHealthCheck} asks it about every
 * stream; without one, only important ({@code !}) channels are expected to be live.
 */
@FunctionalInterface
public interface StreamLiveness {
    boolean shouldBeLive(String channel, String quality);
}
