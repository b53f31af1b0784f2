package org.streamvault.editor;

import org.streamvault.restream.ApiProcessor.Request;
import org.streamvault.restream.HttpProblem;

/**
 * Who is making a write: the e-mail of a verified ID token that has the editor role (or, for
 * template writes, the artist role) in {@code roles}. The token
 * comes as {@code Authorization: Bearer <token>} or, as wubloader's editor sends it, in the JSON
 * body's {@code token} field. No token: 401. A bad token or an unknown e-mail: 403.
 * With authentication switched off every write is by {@value #NO_AUTH_EDITOR}, as in thrimshim.
 */
final class EditorAuth {
    static final String NO_AUTH_EDITOR = "NOT_AUTH";

    private final IdTokenVerifier verifier;
    private final EventStore store;

    /** {@code verifier} null: authentication is off. */
    EditorAuth(IdTokenVerifier verifier, EventStore store) {
        this.verifier = verifier;
        this.store = store;
    }

    boolean enabled() {
        return verifier != null;
    }

    /** The signed-in editor's e-mail (edits of events). */
    String editor(Request request, JsonBody body) {
        return signedIn(request, body, EventStore.Role.EDITOR);
    }

    /** The signed-in artist's e-mail (thumbnail template writes, SPEC §10). */
    String artist(Request request, JsonBody body) {
        return signedIn(request, body, EventStore.Role.ARTIST);
    }

    private String signedIn(Request request, JsonBody body, EventStore.Role role) {
        if (verifier == null) {
            return NO_AUTH_EDITOR;
        }
        String token = token(request, body);
        if (token == null) {
            throw new HttpProblem(401, "sign in first: send your ID token as 'Authorization: Bearer <token>'"
                    + " or in the JSON field 'token'");
        }
        String email;
        try {
            email = verifier.verify(token);
        } catch (IdTokenVerifier.InvalidTokenException e) {
            throw new HttpProblem(403, "invalid ID token: " + e.getMessage());
        } catch (IdTokenVerifier.KeysUnavailableException e) {
            throw new HttpProblem(503, e.getMessage());
        }
        if (!store.hasRole(email, role)) {
            String name = role.column();
            throw new HttpProblem(403, email + " is not an " + name
                    + "; ask an operator to give it the " + name + " role in the roles table");
        }
        return email;
    }

    private static String token(Request request, JsonBody body) {
        String header = request.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && !header.substring(7).isBlank()) {
            return header.substring(7).strip();
        }
        String field = body.string("token");
        return field == null || field.isBlank() ? null : field.strip();
    }
}
