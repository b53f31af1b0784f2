package org.streamvault.upload;

import java.util.LinkedHashMap;
import java.util.Map;
import org.streamvault.upload.youtube.YouTubeBackend;

/** Every backend type this build knows, by the {@code type} key of an upload location. */
public final class UploadBackends {
    private UploadBackends() {
    }

    public static Map<String, UploadLocations.BackendFactory> factories() {
        Map<String, UploadLocations.BackendFactory> all = new LinkedHashMap<>(UploadLocations.builtInFactories());
        all.put("youtube", YouTubeBackend::fromSettings);
        return all;
    }
}
