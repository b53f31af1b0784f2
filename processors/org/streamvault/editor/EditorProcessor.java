package org.streamvault.editor;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.db.DatabaseException;
import org.streamvault.db.DatabaseUnavailableException;
import org.streamvault.restream.ApiProcessor;
import org.streamvault.restream.HttpProblem;

/** Base of the editor API processors: JSON answers, and a database outage as 503 rather than 500. */
abstract class EditorProcessor extends ApiProcessor {
    private final Supplier<EditorApi> apiSource;
    protected EditorApi api;

    /** {@code api} is looked up on the first request: beans exist even on nodes where the editor is off. */
    EditorProcessor(Supplier<EditorApi> api) {
        this.apiSource = api;
    }

    @Override
    protected final void handle(Request request, Message response) {
        if (api == null) {
            api = apiSource.get();
        }
        try {
            answer(request, response);
        } catch (DatabaseUnavailableException e) {
            throw new HttpProblem(503, "the database is unavailable; try again shortly");
        } catch (DatabaseException e) {
            if ("42P01".equals(e.sqlState()) || "3D000".equals(e.sqlState())) {
                // a database or table dropped under the running node: not the editor's fault
                throw new HttpProblem(503, "the database is not initialised: " + e.getMessage());
            }
            throw e;
        }
    }

    protected abstract void answer(Request request, Message response);

    static void json(Request request, Message response, Object value) {
        response.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        if (request.isHead()) {
            return;
        }
        try {
            response.setBody(JsonBody.MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The empty 200 answer thrimshim gives to a successful write. */
    static void done(Message response) {
        response.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.setBody("");
    }
}
