package org.streamvault.db;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.LifecycleStrategySupport;

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

    @PropertyInject(value = "streamvault.db.connect-timeout", defaultValue = "5")
    private double connectTimeoutSeconds;

    @BindToRegistry(value = "nodeDatabase", beanPostProcess = true)
    public NodeDatabase nodeDatabase(CamelContext camelContext) {
        if (url == null || url.isBlank()) {
            return new NodeDatabase(null);
        }
        NodeDatabase db = new NodeDatabase(new Database(url.trim(), user, password, maxConnections,
                Math.round(connectTimeoutSeconds * 1000)));
        // Camel does not close registry beans: without this a stopped node kept its pool, whose
        // threads went on reconnecting (seen in the test suite as dozens of live pools)
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                db.close();
            }
        });
        return db;
    }
}
