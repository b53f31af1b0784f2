package org.streamvault.sheetsync.route;

import com.google.api.services.sheets.v4.Sheets;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.health.HealthCheckRegistry;
import org.streamvault.config.RawProperties;
import org.streamvault.db.NodeDatabase;
import org.streamvault.metrics.NodeMetrics;
import org.streamvault.sheetsync.Backoff;
import org.streamvault.sheetsync.GoogleSheetsApi;
import org.streamvault.sheetsync.OutputCells;
import org.streamvault.sheetsync.PlaylistSheet;
import org.streamvault.sheetsync.ReverseSync;
import org.streamvault.sheetsync.SheetColumns;
import org.streamvault.sheetsync.SheetEventStore;
import org.streamvault.sheetsync.SheetSync;
import org.streamvault.sheetsync.SheetSyncMetrics;
import org.streamvault.sheetsync.SheetTimes;
import org.streamvault.sheetsync.SyncHistory;
import org.streamvault.sheetsync.SyncRunner;
import org.streamvault.sheetsync.SyncSchedule;
import org.streamvault.sheetsync.WorksheetPicker;

/**
 * The sheet sync's beans. With {@code streamvault.sheetsync.enabled=true} the node refuses to
 * start, in one line, without a database, a spreadsheet id, worksheets or a readable credentials file.
 */
@Configuration
public class SheetSyncBeans implements CamelConfiguration {
    private static final String P = "streamvault.sheetsync.";

    @PropertyInject(value = P + "enabled", defaultValue = "false")
    private boolean enabled;

    @PropertyInject(value = P + "header-rows", defaultValue = "1")
    private int headerRows;

    @PropertyInject(value = P + "interval-seconds", defaultValue = "5")
    private double intervalSeconds;

    @PropertyInject(value = P + "jitter-seconds", defaultValue = "1")
    private double jitterSeconds;

    @PropertyInject(value = P + "recent-worksheets", defaultValue = "2")
    private int recentWorksheets;

    @PropertyInject(value = P + "full-pass-every", defaultValue = "10")
    private int fullPassEvery;

    @PropertyInject(value = P + "allocate-ids", defaultValue = "true")
    private boolean allocateIds;

    @PropertyInject(value = P + "health-failures", defaultValue = "3")
    private int healthFailures;

    @PropertyInject(value = P + "request-timeout-seconds", defaultValue = "20")
    private double requestTimeoutSeconds;

    @PropertyInject(value = P + "retry-attempts", defaultValue = "5")
    private int retryAttempts;

    @PropertyInject(value = P + "retry-backoff-seconds", defaultValue = "1")
    private double retryBackoffSeconds;

    @PropertyInject(value = P + "retry-backoff-max-seconds", defaultValue = "30")
    private double retryBackoffMaxSeconds;

    private volatile java.util.function.Supplier<SyncRunner> factory;

    @Override
    public void configure(CamelContext camelContext) {
        if (!enabled) {
            return;
        }
        NodeDatabase db = camelContext.getRegistry().lookupByNameAndType("nodeDatabase", NodeDatabase.class);
        db.require("the sheet sync");
        String spreadsheetId = required(camelContext, "spreadsheet-id");
        List<String> worksheets = Arrays.stream(required(camelContext, "worksheets").split(",")).map(String::strip)
                .filter(w -> !w.isEmpty()).toList();
        SheetColumns columns = SheetColumns.parse(raw(camelContext, "columns"), SheetColumns.EVENT_DEFAULTS);
        SheetTimes times = new SheetTimes(bustimeStart(raw(camelContext, "bustime-start")));
        String playlistsWorksheet = raw(camelContext, "playlists-worksheet");
        PlaylistSheet playlists = playlistsWorksheet.isEmpty() ? null : new PlaylistSheet(playlistsWorksheet,
                SheetColumns.parse(P + "playlist-columns", raw(camelContext, "playlist-columns"), PlaylistSheet.DEFAULTS),
                headerRows);
        List<String> measured = playlists == null ? worksheets
                : java.util.stream.Stream.concat(worksheets.stream(), java.util.stream.Stream.of(playlistsWorksheet)).toList();
        String mode = raw(camelContext, "mode");
        if (!mode.equals("sync") && !mode.equals("reverse")) {
            throw new IllegalArgumentException(P + "mode must be sync or reverse, not '" + mode + "'");
        }
        Sheets client = GoogleSheetsApi.client(raw(camelContext, "api-root-url"),
                Path.of(required(camelContext, "credentials-file")), URI.create(raw(camelContext, "token-url")),
                (int) Math.round(requestTimeoutSeconds * 1000));
        Backoff backoff = new Backoff(retryAttempts, Math.round(retryBackoffSeconds * 1000),
                Math.round(retryBackoffMaxSeconds * 1000));
        OutputCells outputs = new OutputCells(columns, raw(camelContext, "edit-url"), raw(camelContext, "edit-marker"));
        WorksheetPicker picker = new WorksheetPicker(worksheets, recentWorksheets, fullPassEvery);
        SyncSchedule schedule = new SyncSchedule(Math.round(intervalSeconds * 1000), Math.round(jitterSeconds * 1000),
                System::currentTimeMillis, new SecureRandom());
        SyncHistory syncHistory = new SyncHistory(healthFailures);
        factory = () -> {
            NodeMetrics nodeMetrics = camelContext.getRegistry().lookupByNameAndType("nodeMetrics", NodeMetrics.class);
            SheetSyncMetrics metrics = new SheetSyncMetrics(nodeMetrics.registry(), measured);
            GoogleSheetsApi api = new GoogleSheetsApi(client, spreadsheetId, backoff, metrics::retried);
            SheetEventStore store = new SheetEventStore(db.require("the sheet sync"));
            SyncRunner.Pass pass = mode.equals("reverse")
                    ? new ReverseSync(api, store, columns, times, headerRows, worksheets, outputs)::run
                    : new SheetSync(api, store, columns, times, headerRows, picker, outputs, allocateIds,
                            () -> UUID.randomUUID().toString(), playlists)::run;
            return new SyncRunner(pass, schedule, syncHistory, metrics);
        };
        HealthCheckRegistry health = HealthCheckRegistry.get(camelContext);
        if (health != null) {
            health.register(new SheetSyncHealthCheck(syncHistory));
        }
    }

    /** What the sheetsync route calls; the route only starts when the sync is enabled. */
    @BindToRegistry("sheetSync")
    public SheetSyncTimer sheetSync() {
        return new SheetSyncTimer(() -> {
            if (factory == null) {
                throw new IllegalStateException("the sheet sync is off (streamvault.sheetsync.enabled=false)");
            }
            return factory.get();
        });
    }

    private static LocalDateTime bustimeStart(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(P + "bustime-start must be an ISO-8601 time with zone, e.g."
                    + " 2026-11-13T21:00:00Z, not '" + text + "'");
        }
    }

    private static String required(CamelContext camelContext, String key) {
        String v = raw(camelContext, key);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("the sheet sync needs " + P + key);
        }
        return v;
    }

    private static String raw(CamelContext camelContext, String key) {
        return RawProperties.get(camelContext, P + key, "").strip();
    }
}
