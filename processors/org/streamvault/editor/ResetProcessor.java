package org.streamvault.editor;

import java.util.function.Supplier;
import org.apache.camel.Message;
import org.streamvault.restream.HttpProblem;

/**
 * {@code POST /thrimshim/reset/{id}[?force=true]}: back to UNEDITED, clearing uploader, error,
 * link and editor. Without force only while no video can exist yet (UNEDITED, EDITED, CLAIMED).
 */
public class ResetProcessor extends EditorProcessor {
    public ResetProcessor(Supplier<EditorApi> api) {
        super(api);
    }

    @Override
    protected void answer(Request request, Message response) {
        String id = EditorApi.id(request.param("id"));
        String force = request.param("force");
        if (force != null && !force.equalsIgnoreCase("true") && !force.equalsIgnoreCase("false")) {
            throw HttpProblem.badRequest("force must be true or false");
        }
        JsonBody body = JsonBody.parse(request.body());
        api.auth().editor(request, body);
        api.store().reset(id, "true".equalsIgnoreCase(force));
        done(response);
    }
}
