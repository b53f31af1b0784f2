package org.streamvault.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.streamvault.restream.HttpProblem;

/**
 * A validated {@code POST /thrimshim/{id}} body: the edit inputs in their stored form (title
 * prefix and description footer added), the target state, and the sheet values the editor saw.
 *
 * <p>As thrimshim: every required edit column and {@code state} must be present as a key (null
 * allowed for a draft), and so must the sheet columns unless {@code override_changes} is true;
 * other keys are ignored. For EDITED every required column must be non-null and the title
 * non-blank. MODIFIED (a published video's changes) needs only the modifiable columns (title,
 * description, tags, public, thumbnail), and only those are written. {@code allow_holes},
 * {@code uploader_whitelist} and the thumbnail inputs other than the mode are optional: when
 * absent the row keeps its value.
 */
record EditForm(String state, String uploadLocation, EditRanges ranges, String videoChannel, String videoQuality,
        String videoTitle, String videoDescription, List<String> videoTags, Boolean allowHoles, boolean hasWhitelist,
        List<String> uploaderWhitelist, Boolean publicVideo, ThumbnailEdit thumbnail, boolean overrideChanges,
        SheetValues seenSheet) {

    static final List<String> REQUIRED_FOR_EDITED = List.of("upload_location", "video_ranges", "video_transitions",
            "video_channel", "video_quality", "video_title", "video_description", "video_tags", "thumbnail_mode",
            "public");
    /** What a published video's edit may change, and so must carry (wubloader's modifiable columns). */
    static final List<String> REQUIRED_FOR_MODIFIED = List.of("video_title", "video_description", "video_tags",
            "thumbnail_mode", "public");
    static final List<String> STATES = List.of("UNEDITED", "EDITED", "MODIFIED");
    /** Channel and quality become directory names for the cutter: plain names only. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");

    static EditForm parse(JsonBody body, EditorSettings settings) {
        boolean override = Boolean.TRUE.equals(body.bool("override_changes"));
        List<String> missing = new ArrayList<>();
        List<String> wanted = new ArrayList<>(REQUIRED_FOR_EDITED);
        wanted.add("state");
        if (!override) {
            wanted.addAll(SheetValues.COLUMNS);
        }
        for (String key : wanted) {
            if (!body.has(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw HttpProblem.badRequest("fields missing in JSON: " + String.join(", ", missing));
        }
        String state = body.string("state");
        if (!STATES.contains(state)) {
            throw HttpProblem.badRequest("state must be EDITED (submit for cutting), UNEDITED (save a draft) or"
                    + " MODIFIED (change a published video), not " + (state == null ? "null" : "'"
                            + JsonBody.abbreviate(state) + "'"));
        }
        String title = body.string("video_title");
        String description = body.string("video_description");
        EditForm form = new EditForm(state, body.string("upload_location"), EditRanges.parse(body),
                name(body, "video_channel"), name(body, "video_quality"),
                title == null ? null : settings.storedTitle(title),
                description == null ? null : settings.storedDescription(description), body.strings("video_tags"),
                body.bool("allow_holes"), body.has("uploader_whitelist"), body.strings("uploader_whitelist"),
                body.bool("public"), ThumbnailEdit.parse(body, settings.maxThumbnailBytes()), override,
                override ? null : SheetValues.fromEditor(body));
        form.validate(title, settings);
        return form;
    }

    boolean isModification() {
        return "MODIFIED".equals(state);
    }

    private void validate(String typedTitle, EditorSettings settings) {
        if (!"UNEDITED".equals(state)) {
            List<String> required = isModification() ? REQUIRED_FOR_MODIFIED : REQUIRED_FOR_EDITED;
            List<String> nulls = new ArrayList<>();
            for (String field : required) {
                if (value(field) == null || field.equals("upload_location") && uploadLocation.isBlank()
                        || (field.equals("video_channel") || field.equals("video_quality")) && ((String) value(field))
                                .isBlank()) {
                    nulls.add(field);
                }
            }
            if (!nulls.isEmpty()) {
                throw HttpProblem.badRequest("fields " + String.join(", ", nulls) + " must be set "
                        + (isModification() ? "to change a published video" : "for the video to be cut"));
            }
            if (typedTitle.isBlank()) {
                throw HttpProblem.badRequest("video title must not be blank");
            }
        }
        if (videoTitle != null) {
            int length = EditorSettings.length(videoTitle);
            if (length > EditorSettings.MAX_TITLE_LENGTH) {
                throw HttpProblem.badRequest("title is " + length + " characters with its prefix '"
                        + settings.titleHeader() + "'; the limit is " + EditorSettings.MAX_TITLE_LENGTH);
            }
            refuseAngleBrackets("title", videoTitle);
        }
        if (videoDescription != null) {
            checkDescription(videoDescription, "its footer");
        }
    }

    private static void checkDescription(String stored, String added) {
        int length = EditorSettings.length(stored);
        if (length > EditorSettings.MAX_DESCRIPTION_LENGTH) {
            throw HttpProblem.badRequest("description is " + length + " characters with " + added
                    + "; the limit is " + EditorSettings.MAX_DESCRIPTION_LENGTH);
        }
        refuseAngleBrackets("description", stored);
    }

    EditForm withThumbnail(ThumbnailEdit edit) {
        return new EditForm(state, uploadLocation, ranges, videoChannel, videoQuality, videoTitle, videoDescription,
                videoTags, allowHoles, hasWhitelist, uploaderWhitelist, publicVideo, edit, overrideChanges, seenSheet);
    }

    /**
     * This edit with the thumbnail template's attribution added to the description (SPEC §10),
     * checked against the length limit again; unchanged without an attribution or description.
     */
    EditForm withAttribution(String attribution, EditorSettings settings) {
        if (attribution == null || attribution.isEmpty() || videoDescription == null) {
            return this;
        }
        String stored = settings.storedDescription(settings.editableDescription(videoDescription), attribution);
        checkDescription(stored, "the thumbnail template's attribution and its footer");
        return new EditForm(state, uploadLocation, ranges, videoChannel, videoQuality, videoTitle, stored, videoTags,
                allowHoles, hasWhitelist, uploaderWhitelist, publicVideo, thumbnail, overrideChanges, seenSheet);
    }

    private Object value(String field) {
        return switch (field) {
            case "upload_location" -> uploadLocation;
            case "video_ranges", "video_transitions" -> ranges;
            case "video_channel" -> videoChannel;
            case "video_quality" -> videoQuality;
            case "video_title" -> videoTitle;
            case "video_description" -> videoDescription;
            case "video_tags" -> videoTags;
            case "thumbnail_mode" -> thumbnail.mode();
            case "public" -> publicVideo;
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** YouTube refuses titles and descriptions containing these. */
    private static void refuseAngleBrackets(String what, String text) {
        if (text.indexOf('<') >= 0 || text.indexOf('>') >= 0) {
            throw HttpProblem.badRequest(what + " may not contain < or > (YouTube refuses them)");
        }
    }

    private static String name(JsonBody body, String field) {
        String value = body.string(field);
        if (value != null && !NAME.matcher(value).matches()) {
            throw HttpProblem.badRequest(field + " must be a plain name (letters, digits, _ . -), not '"
                    + JsonBody.abbreviate(value) + "'");
        }
        return value;
    }

    /**
     * This edit with the playlists block (SPEC §11) before the footer of its description, checked
     * against YouTube's limit again; unchanged without a block or a description.
     */
    EditForm withPlaylistBlock(String block, String tail) {
        if (block.isEmpty() || videoDescription == null) {
            return this;
        }
        String stored = PlaylistBlock.add(videoDescription, block, tail);
        int length = EditorSettings.length(stored);
        if (length > EditorSettings.MAX_DESCRIPTION_LENGTH) {
            throw HttpProblem.badRequest("description is " + length + " characters with the list of playlists the"
                    + " video is in and its footer; the limit is " + EditorSettings.MAX_DESCRIPTION_LENGTH);
        }
        refuseAngleBrackets("description", stored);
        return new EditForm(state, uploadLocation, ranges, videoChannel, videoQuality, videoTitle, stored, videoTags,
                allowHoles, hasWhitelist, uploaderWhitelist, publicVideo, thumbnail, overrideChanges, seenSheet);
    }
}
