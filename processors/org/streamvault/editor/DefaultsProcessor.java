package org.streamvault.editor;

import java.util.function.Supplier;
import org.apache.camel.Message;

/** {@code GET /thrimshim/defaults}: channel, title prefix and limit, upload locations, event start, auth. */
public class DefaultsProcessor extends EditorProcessor {
    public DefaultsProcessor(Supplier<EditorApi> api) {
        super(api);
    }

    @Override
    protected void answer(Request request, Message response) {
        json(request, response, api.defaults());
    }
}
