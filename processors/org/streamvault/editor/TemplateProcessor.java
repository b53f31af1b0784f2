package org.streamvault.editor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.images.Box;
import org.streamvault.images.Png;
import org.streamvault.images.Template;
import org.streamvault.images.TemplateInfo;
import org.streamvault.images.TemplateStore;
import org.streamvault.restream.HttpProblem;

/**
 * Thumbnail templates over thrimshim's paths (SPEC §10), one processor per route:
 * <ul>
 *   <li>{@code GET /thrimshim/templates}: every template's metadata, by name;</li>
 *   <li>{@code GET /thrimshim/template/{name}.png}: its image;</li>
 *   <li>{@code GET /thrimshim/template-metadata/{name}}: its metadata;</li>
 *   <li>{@code POST /thrimshim/add-template}: a new one (201; 409 if the name is taken);</li>
 *   <li>{@code POST /thrimshim/update-template/{name}}: new metadata (a new name renames it) and
 *       optionally a new image.</li>
 * </ul>
 * Writes need the artist role ({@link EditorAuth#artist}). Metadata is
 * {@code {name, description, attribution, crop, location}}, boxes as four integers.
 */
public class TemplateProcessor extends EditorProcessor {
    /** Which of the template routes this processor answers. */
    public enum Kind { LIST, IMAGE, METADATA, ADD, UPDATE }

    private final Kind kind;

    public TemplateProcessor(Supplier<EditorApi> api, Kind kind) {
        super(api);
        this.kind = kind;
    }

    @Override
    protected void answer(Request request, Message response) {
        TemplateStore templates = api.images().templates();
        switch (kind) {
            case LIST -> {
                ArrayNode all = JsonNodeFactory.instance.arrayNode();
                templates.list().forEach(t -> all.add(json(t)));
                json(request, response, all);
            }
            case METADATA -> json(request, response, json(existing(templates, request.param("name"))));
            case IMAGE -> {
                Template t = templates.find(name(request.param("name")));
                if (t == null) {
                    throw HttpProblem.notFound("no template named '" + request.param("name") + "'");
                }
                response.setHeader(Exchange.CONTENT_TYPE, "image/png");
                response.setHeader("Cache-Control", "no-cache");
                response.setBody(request.isHead() ? null : t.image());
            }
            case ADD -> add(request, response, templates);
            case UPDATE -> update(request, response, templates);
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private void add(Request request, Message response, TemplateStore templates) {
        JsonBody body = JsonBody.parse(request.body(), maxBody());
        api.auth().artist(request, body);
        TemplateForm form = TemplateForm.parse(body, true, api.images().maxTemplateBytes(), api.images().maxPixels());
        if (!templates.add(form.info(), form.image())) {
            throw new HttpProblem(409, "a template named '" + form.info().name() + "' exists already;"
                    + " change it with /thrimshim/update-template/NAME");
        }
        json(request, response, json(form.info()));
        response.setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
    }

    private void update(Request request, Message response, TemplateStore templates) {
        String name = name(request.param("name"));
        JsonBody body = JsonBody.parse(request.body(), maxBody());
        api.auth().artist(request, body);
        TemplateForm form = TemplateForm.parse(body, false, api.images().maxTemplateBytes(), api.images().maxPixels());
        if (form.image() == null) {
            Template stored = templates.find(name);
            if (stored == null) {
                throw HttpProblem.notFound("no template named '" + name + "'");
            }
            BufferedImage image;
            try {
                image = Png.read(stored.image(), api.images().maxPixels(), "the stored template image");
            } catch (IllegalArgumentException e) {
                throw HttpProblem.badRequest(e.getMessage() + "; send a new image with the update");
            }
            form.checkLocation(image.getWidth(), image.getHeight());
        }
        boolean updated;
        try {
            updated = templates.update(name, form.info(), form.image());
        } catch (TemplateStore.NameTakenException e) {
            throw new HttpProblem(409, e.getMessage());
        }
        if (!updated) {
            throw HttpProblem.notFound("no template named '" + name + "'");
        }
        json(request, response, json(form.info()));
    }

    private int maxBody() {
        return EditorSettings.MAX_EDIT_BYTES + (api.images().maxTemplateBytes() + 2) / 3 * 4;
    }

    private static TemplateInfo existing(TemplateStore templates, String name) {
        TemplateInfo info = templates.info(name(name));
        if (info == null) {
            throw HttpProblem.notFound("no template named '" + name + "'");
        }
        return info;
    }

    private static String name(String name) {
        if (name == null || name.isEmpty()) {
            throw HttpProblem.notFound("no template name given");
        }
        if (name.length() > TemplateForm.MAX_NAME_LENGTH || name.indexOf('\0') >= 0) {
            throw HttpProblem.notFound("no template named '" + JsonBody.abbreviate(name) + "'");
        }
        return name;
    }

    static ObjectNode json(TemplateInfo t) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", t.name());
        out.put("description", t.description());
        out.put("attribution", t.attribution());
        box(out.putArray("crop"), t.crop());
        box(out.putArray("location"), t.location());
        return out;
    }

    private static void box(ArrayNode out, Box b) {
        if (b != null) {
            out.add(b.left()).add(b.top()).add(b.right()).add(b.bottom());
        }
    }
}
