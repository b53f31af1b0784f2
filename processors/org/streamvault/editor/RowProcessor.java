package org.streamvault.editor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.camel.Message;
import org.streamvault.restream.HttpProblem;

/**
 * {@code GET /thrimshim/{id}}: one row prepared for editing. {@code POST /thrimshim/{id}}: save an
 * edit (see {@link EditForm} for what is checked); answers the row as saved.
 */
public class RowProcessor extends EditorProcessor {
    public RowProcessor(Supplier<EditorApi> api) {
        super(api);
    }

    @Override
    protected void answer(Request request, Message response) {
        UUID id = EditorApi.id(request.param("id"));
        if ("POST".equals(request.method())) {
            JsonBody body = JsonBody.parse(request.body());
            String editor = api.auth().editor(request, body);
            EditForm form = EditForm.parse(body, api.settings());
            json(request, response, api.forEditor(api.store().save(id, form, editor)));
            return;
        }
        ObjectNode row = api.store().get(id);
        if (row == null) {
            throw HttpProblem.notFound("no event with id " + id);
        }
        json(request, response, api.forEditor(row));
    }
}
