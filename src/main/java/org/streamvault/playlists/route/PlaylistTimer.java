package org.streamvault.playlists.route;

import java.util.function.Supplier;
import org.streamvault.playlists.PlaylistManager;

/** The bean {@code routes/playlists.camel.yaml} calls; the manager is made on first use, after start-up. */
public final class PlaylistTimer {
    private final Supplier<PlaylistManager> factory;
    private volatile PlaylistManager manager;

    PlaylistTimer(Supplier<PlaylistManager> factory) {
        this.factory = factory;
    }

    public void runPass() {
        PlaylistManager m = manager;
        if (m == null) {
            synchronized (this) {
                m = manager;
                if (m == null) {
                    m = factory.get();
                    manager = m;
                }
            }
        }
        m.runPass();
    }
}
