package org.streamvault.db;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Binds {@code nodeDatabase}: the pool when {@code streamvault.db.url} is set, else an empty holder.
 * The schema is applied as the context starts, before routes start, and retried in the
 * background while the database is unreachable.
 */
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

    @PropertyInject(value = "streamvault.db.retry-max-seconds", defaultValue = "30")
    private double retryMaxSeconds;

    private NodeDatabase nodeDatabase;

    // synchronized and kept: Camel may call this more than once, and each call used to open a pool
    @BindToRegistry(value = "nodeDatabase", beanPostProcess = true)
    public synchronized NodeDatabase nodeDatabase(CamelContext camelContext) {
        if (nodeDatabase == null) {
            nodeDatabase = create(camelContext);
        }
        return nodeDatabase;
    }

    private NodeDatabase create(CamelContext camelContext) {
        if (url == null || url.isBlank()) {
            return new NodeDatabase(null);
        }
        Database database = new Database(url.trim(), user, password, maxConnections,
                Math.round(connectTimeoutSeconds * 1000));
        NodeDatabase db = new NodeDatabase(database, new SchemaStartup(database, Math.round(retryMaxSeconds * 1000)));
        // Camel does not close registry beans: without this a stopped node kept its pool, whose
        // threads went on reconnecting (seen in the test suite as dozens of live pools)
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            // before any route starts, whatever components this node runs (SPEC §6)
            @Override
            public void onContextStarting(CamelContext context) {
                db.startSchema();
            }

            @Override
            public void onContextStopped(CamelContext context) {
                db.close();
            }
        });
        return db;
    }
}
