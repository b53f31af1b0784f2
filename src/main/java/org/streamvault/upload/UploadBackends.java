package org.streamvault.upload;

import java.util.Map;

/** Every backend type this build knows, by the {@code type} key of an upload location. */
public final class UploadBackends {
    private UploadBackends() {
    }

    public static Map<String, UploadLocations.BackendFactory> factories() {
        return UploadLocations.builtInFactories();
    }
}
