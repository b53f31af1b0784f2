package org.streamvault.db;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

/** Binds {@code nodeDatabase}: the pool when {@code streamvault.db.url} is set, else an empty holder. */
@Configuration
public class DbBeans implements CamelConfiguration {
    @PropertyInject(value = "streamvault.db.url", defaultValue = "")
    private String url;

    @PropertyInject(value = "streamvault.db.user", defaultValue = "")
    private String user;

    @PropertyInject(value = "streamvault.db.password", defaultValue = "")
    private String password;

    @PropertyInject(value = "streamvault.db.max-connections", defaultValue = "5")
    private int maxConnections;

    @BindToRegistry(value = "nodeDatabase", beanPostProcess = true)
    public NodeDatabase nodeDatabase() {
        if (url == null || url.isBlank()) {
            return new NodeDatabase(null);
        }
        return new NodeDatabase(new Database(url.trim(), user, password, maxConnections));
    }
}
