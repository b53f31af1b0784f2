package org.streamvault.editor;

import org.apache.camel.Message;
import org.streamvault.cut.TransitionTypes;
import org.streamvault.restream.ApiProcessor;

/**
 * {@code GET /thrimshim/transitions}: the transitions a cut can make between ranges, as
 * {@code [{"name": ..., "description": ...}]} (SPEC §7), for the editor's list. Fixed by the
 * cut library, so no database is needed.
 */
public class TransitionsProcessor extends ApiProcessor {
    @Override
    protected void handle(Request request, Message response) {
        EditorProcessor.json(request, response, TransitionTypes.all());
    }
}
