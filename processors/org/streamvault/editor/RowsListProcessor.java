package org.streamvault.editor;

import java.util.function.Supplier;
import org.apache.camel.Message;

/** {@code GET /thrimshim}: every row, ordered by event start, columns as stored. */
public class RowsListProcessor extends EditorProcessor {
    public RowsListProcessor(Supplier<EditorApi> api) {
        super(api);
    }

    @Override
    protected void answer(Request request, Message response) {
        json(request, response, api.store().all());
    }
}
