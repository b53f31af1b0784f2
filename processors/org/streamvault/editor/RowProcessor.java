package org.streamvault.editor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.restream.HttpProblem;

/**
 * {@code GET /thrimshim/{id}}: one row prepared for editing. {@code POST /thrimshim/{id}}: save an
 * edit (see {@link EditForm} for what is checked); answers 201 with the row as saved (thrimshim's
 * body is empty; ours carries the row, which its page ignores).
 */
public class RowProcessor extends EditorProcessor {
    public RowProcessor(Supplier<EditorApi> api) {
        super(api);
    }

    @Override
    protected void answer(Request request, Message response) {
        String id = EditorApi.id(request.param("id"));
        if ("POST".equals(request.method())) {
            JsonBody body = JsonBody.parse(request.body(), api.settings().maxSaveBytes());
            String editor = api.auth().editor(request, body);
            EditForm form = api.withAttribution(id, EditForm.parse(body, api.settings()));
            json(request, response, api.forEditor(api.store().save(id, form, editor)));
            response.setHeader(Exchange.HTTP_RESPONSE_CODE, 201); // as thrimshim: the edit was stored
            return;
        }
        ObjectNode row = api.store().get(id);
        if (row == null) {
            throw HttpProblem.notFound("no event with id " + id);
        }
        json(request, response, api.forEditor(row));
    }
}
