package org.streamvault.sheetsync;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sheets.v4.Sheets;
import com.google.api.services.sheets.v4.model.BatchGetValuesResponse;
import com.google.api.services.sheets.v4.model.BatchUpdateValuesRequest;
import com.google.api.services.sheets.v4.model.ValueRange;
import com.google.auth.http.HttpCredentialsAdapter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SheetsApi} through Google's Java client for the Sheets API v4: one
 * {@code spreadsheets.values.batchGet} per read, one {@code spreadsheets.values.batchUpdate}
 * (RAW values, so an id or {@code --} is never reinterpreted) per write. 429 (quota) and 5xx
 * answers and broken connections are retried with {@link Backoff}; a 401 is answered by Google's
 * auth library refreshing the access token once. Other 4xx fail at once (a wrong spreadsheet id or
 * worksheet name will not fix itself).
 */
public final class GoogleSheetsApi implements SheetsApi {
    private static final Logger LOG = LoggerFactory.getLogger(GoogleSheetsApi.class);

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    private final Sheets client;
    private final String spreadsheetId;
    private final Backoff backoff;
    private final Consumer<String> retried;

    /**
     * @param retried told the reason ({@code 429}, {@code 5xx}, {@code io}) each time a request is retried
     */
    public GoogleSheetsApi(Sheets client, String spreadsheetId, Backoff backoff, Consumer<String> retried) {
        this.client = client;
        this.spreadsheetId = spreadsheetId;
        this.backoff = backoff;
        this.retried = retried;
    }

    /** A client for {@code rootUrl} (Google's: {@code https://sheets.googleapis.com/}) with the credentials file. */
    public static Sheets client(String rootUrl, Path credentialsFile, URI tokenUrl, int timeoutMillis) {
        HttpCredentialsAdapter credentials = new HttpCredentialsAdapter(GoogleCredentialsFile.load(credentialsFile, tokenUrl));
        HttpRequestInitializer initializer = request -> {
            credentials.initialize(request);
            request.setConnectTimeout(timeoutMillis);
            request.setReadTimeout(timeoutMillis);
        };
        return new Sheets.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), initializer)
                .setRootUrl(rootUrl.endsWith("/") ? rootUrl : rootUrl + "/")
                .setApplicationName("streamvault")
                .build();
    }

    @Override
    public Map<String, List<List<String>>> read(List<String> worksheets, int lastColumn) throws SheetsApiException {
        List<String> ranges = worksheets.stream().map(w -> A1.columns(w, lastColumn)).toList();
        BatchGetValuesResponse response = call("read " + worksheets, () -> client.spreadsheets().values()
                .batchGet(spreadsheetId).setRanges(ranges).setMajorDimension("ROWS")
                .setValueRenderOption("FORMATTED_VALUE").execute());
        List<ValueRange> got = response.getValueRanges() == null ? List.of() : response.getValueRanges();
        if (got.size() != worksheets.size()) {
            throw new SheetsApiException("the Sheets API answered " + got.size() + " ranges for " + worksheets.size()
                    + " worksheets", null);
        }
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        for (int i = 0; i < worksheets.size(); i++) {
            out.put(worksheets.get(i), strings(got.get(i).getValues()));
        }
        return out;
    }

    @Override
    public void write(List<CellWrite> cells) throws SheetsApiException {
        List<ValueRange> data = new ArrayList<>();
        for (CellWrite cell : cells) {
            data.add(new ValueRange().setRange(cell.a1()).setMajorDimension("ROWS")
                    .setValues(List.of(List.<Object>of(cell.value()))));
        }
        BatchUpdateValuesRequest body = new BatchUpdateValuesRequest().setValueInputOption("RAW").setData(data);
        call("write " + cells.size() + " cell(s)", () -> client.spreadsheets().values()
                .batchUpdate(spreadsheetId, body).execute());
    }

    private <T> T call(String what, Call<T> call) throws SheetsApiException {
        for (int attempt = 1;; attempt++) {
            String reason;
            try {
                return call.run();
            } catch (GoogleJsonResponseException e) {
                int status = e.getStatusCode();
                if (status != 429 && status / 100 != 5) {
                    throw new SheetsApiException("Sheets API refused to " + what + ": " + status + " " + message(e), e);
                }
                reason = status == 429 ? "429" : "5xx";
                if (attempt >= backoff.attempts()) {
                    throw new SheetsApiException("Sheets API could not " + what + " after " + attempt + " attempts: "
                            + status + " " + message(e), e);
                }
            } catch (IOException e) {
                reason = "io";
                if (attempt >= backoff.attempts()) {
                    throw new SheetsApiException("Sheets API could not " + what + " after " + attempt + " attempts: "
                            + e, e);
                }
            }
            long delay = backoff.delayMillis(attempt);
            LOG.debug("Sheets API: {} failed ({}), retrying in {} ms", what, reason, delay);
            retried.accept(reason);
            try {
                Thread.sleep(delay);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new SheetsApiException("interrupted while waiting to retry: " + what, ie);
            }
        }
    }

    private static String message(GoogleJsonResponseException e) {
        return e.getDetails() != null && e.getDetails().getMessage() != null ? e.getDetails().getMessage()
                : String.valueOf(e.getStatusMessage());
    }

    private static List<List<String>> strings(List<List<Object>> values) {
        List<List<String>> out = new ArrayList<>();
        if (values != null) {
            for (List<Object> row : values) {
                List<String> cells = new ArrayList<>();
                for (Object cell : row == null ? List.of() : row) {
                    cells.add(cell == null ? "" : cell.toString());
                }
                out.add(cells);
            }
        }
        return out;
    }
}
