package org.streamvault.editor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.streamvault.restream.HttpProblem;
import org.streamvault.segments.Timestamps;

/**
 * What every editor endpoint shares: the settings, the events store and authentication, and the
 * shaping of rows for editors (defaults filled in, title prefix, playlists block and description footer
 * removed).
 *
 * @param clientId the OAuth client id the page signs in with (the token audience); empty when auth is off
 * @param images   templates and thumbnails
 */
record EditorApi(EditorSettings settings, EventStore store, EditorAuth auth, String clientId, EditorImages images) {
    static final int MAX_ID_LENGTH = 200;

    /** {@code GET /thrimshim/defaults}: what the page needs before (or without) a row. */
    ObjectNode defaults() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        addEditorFields(out);
        out.put("video_channel", settings.defaultChannel());
        out.put("auth_enabled", auth.enabled());
        out.put("auth_client_id", clientId);
        return out;
    }

    /** A row as the editor edits it: the stored title and description round-trip through a save unchanged. */
    ObjectNode forEditor(ObjectNode row) {
        if (row.path("video_channel").isNull() || row.path("video_channel").isMissingNode()) {
            row.put("video_channel", settings.defaultChannel());
        }
        if (row.path("video_title").isTextual()) {
            row.put("video_title", settings.editableTitle(row.get("video_title").textValue()));
        }
        if (row.path("video_description").isTextual()) {
            String attribution = "TEMPLATE".equals(row.path("thumbnail_mode").asText())
                    ? images.attribution(row.path("thumbnail_template").textValue()) : "";
            // the playlists block sits after the attribution, just before the footer: stripped first
            row.put("video_description", settings.editableDescription(
                    PlaylistBlock.strip(row.get("video_description").textValue(), settings.descriptionTail()),
                    attribution));
        }
        if (row.path("thumbnail_time").isNull() && row.path("event_start").isTextual()) {
            // the default frame: the middle of the event (its start when it has no end)
            long start = Timestamps.parseUtc(row.get("event_start").textValue());
            long end = row.path("event_end").isTextual() ? Timestamps.parseUtc(row.get("event_end").textValue()) : start;
            row.put("thumbnail_time", Timestamps.formatIso(start + (end - start) / 2));
        }
        addEditorFields(row);
        return row;
    }

    private void addEditorFields(ObjectNode out) {
        out.put("title_prefix", settings.titleHeader());
        out.put("title_max_length", settings.titleMaxLength());
        out.put("bustime_start", settings.eventStart().isEmpty() ? null : settings.eventStart());
        settings.uploadLocations().forEach(out.putArray("upload_locations")::add);
    }

    /**
     * The edit with its template's attribution in the description, when its thumbnail uses a
     * template: the one the body names, else the row's.
     */
    EditForm withAttribution(String id, EditForm form) {
        if (!"TEMPLATE".equals(form.thumbnail().mode())) {
            return form;
        }
        String stored = form.thumbnail().columns().containsKey("thumbnail_template") ? null
                : java.util.Optional.ofNullable(store.thumbnail(id)).map(t -> t.template()).orElse(null);
        return form.withAttribution(images.attribution(form.thumbnail().template(stored)), settings);
    }

    /** The row id in the path: any text (wubloader's ids are not UUIDs); none, or absurdly long, is no such row. */
    static String id(String text) {
        if (text == null || text.isEmpty()) {
            throw HttpProblem.notFound("no event id given");
        }
        if (text.length() > MAX_ID_LENGTH || text.indexOf('\0') >= 0) {
            throw HttpProblem.notFound("no event with id '" + JsonBody.abbreviate(text) + "'");
        }
        return text;
    }
}
