package org.streamvault.restream;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * {@code GET /metrics}: the node's Prometheus registry in text format (wubloader's path), the
 * same registry camel-micrometer serves at {@code /observe/metrics}.
 */
public class MetricsScrapeProcessor extends ApiProcessor {
    private final CamelContext camelContext;

    public MetricsScrapeProcessor(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    protected void handle(Request request, Message response) {
        // Looked up per request: camel-micrometer binds its registry while the context starts.
        PrometheusMeterRegistry registry = camelContext.getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, PrometheusMeterRegistry.class);
        if (registry == null) {
            throw HttpProblem.notFound("metrics are switched off on this node");
        }
        response.setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        response.setBody(registry.scrape());
    }
}
