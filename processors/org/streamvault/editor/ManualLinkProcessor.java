package org.streamvault.editor;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import org.apache.camel.Message;
import org.streamvault.restream.HttpProblem;

/**
 * {@code POST /thrimshim/manual-link/{id}} with {@code {"link": url, "upload_location": "manual" |
 * "youtube-manual"}}: an UNEDITED row was uploaded by hand; mark it DONE with that link. For
 * {@code youtube-manual} the link must be a YouTube video link, whose id is stored too.
 */
public class ManualLinkProcessor extends EditorProcessor {
    private static final Pattern YOUTUBE =
            Pattern.compile("^https?://(?:youtu\\.be/|(?:www\\.)?youtube\\.com/watch\\?v=)([a-zA-Z0-9_-]{11})$");

    public ManualLinkProcessor(Supplier<EditorApi> api) {
        super(api);
    }

    @Override
    protected void answer(Request request, Message response) {
        String id = EditorApi.id(request.param("id"));
        JsonBody body = JsonBody.parse(request.body());
        String editor = api.auth().editor(request, body);
        String link = body.string("link");
        String location = body.string("upload_location");
        location = location == null ? "manual" : location;
        if (link == null || link.isBlank()) {
            throw HttpProblem.badRequest("link is required");
        }
        String videoId = null;
        if ("youtube-manual".equals(location)) {
            Matcher m = YOUTUBE.matcher(link.strip());
            if (!m.matches()) {
                throw HttpProblem.badRequest("link does not look like a youtube.com or youtu.be video link"
                        + " (remove any extra query parameters after the video id)");
            }
            videoId = m.group(1);
        } else if ("manual".equals(location)) {
            requireWebLink(link.strip());
        } else {
            throw HttpProblem.badRequest("upload_location must be \"manual\" or \"youtube-manual\"");
        }
        api.store().manualLink(id, location, link.strip(), videoId, editor);
        done(response);
    }

    private static void requireWebLink(String link) {
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (java.net.URISyntaxException e) {
            // answered below
        }
        throw HttpProblem.badRequest("link must be an http(s) URL");
    }
}
