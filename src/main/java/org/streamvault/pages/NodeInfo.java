package org.streamvault.pages;

import java.util.Map;

/**
 * The node as its pages describe it.
 *
 * @param name       {@code streamvault.node-name}
 * @param version    the build's version
 * @param components each component (and metrics) to whether its {@code enabled} switch is on, in display order
 */
public record NodeInfo(String name, String version, Map<String, Boolean> components) {
    public boolean runs(String component) {
        return Boolean.TRUE.equals(components.get(component));
    }
}
