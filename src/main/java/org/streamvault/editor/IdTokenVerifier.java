package org.streamvault.editor;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies an OpenID Connect ID token (Google Sign-In by default) with Nimbus JOSE+JWT: the RS256
 * signature against the issuer's published key set (fetched from the key-set URL and cached,
 * refetched when an unknown key id appears), the issuer, the audience (our OAuth client id) and
 * the expiry. Answers the token's e-mail address, lower-cased.
 */
final class IdTokenVerifier {
    /** Why a token was refused, in one line. */
    static final class InvalidTokenException extends Exception {
        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }

    /** The key set could not be fetched: our problem, not the editor's. */
    static final class KeysUnavailableException extends RuntimeException {
        KeysUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Set<String> issuers;
    private final String jwksUrl;

    IdTokenVerifier(Set<String> issuers, String audience, String jwksUrl) {
        this.issuers = Set.copyOf(issuers);
        this.jwksUrl = jwksUrl;
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(jwksUrl).toURL(), new DefaultResourceRetriever(5_000, 5_000, 1 << 20))
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("streamvault.editor.auth.jwks-url is not a URL: " + jwksUrl, e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // Issuer is checked below against a set: Google uses two spellings.
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience, null,
                new HashSet<>(java.util.List.of("iss", "exp", "iat", "email"))));
    }

    /** The verified e-mail address (lower case), or why the token is not acceptable. */
    String verify(String token) throws InvalidTokenException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("not a JWT: " + e.getMessage());
        } catch (BadJWTException e) {
            throw new InvalidTokenException(e.getMessage());
        } catch (BadJOSEException e) {
            throw new InvalidTokenException(e.getMessage());
        } catch (KeySourceException e) {
            throw new KeysUnavailableException("cannot fetch the signing keys from " + jwksUrl + ": " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new InvalidTokenException(e.getMessage());
        }
        if (!issuers.contains(claims.getIssuer())) {
            throw new InvalidTokenException("issuer '" + claims.getIssuer() + "' is not " + String.join(" or ", issuers));
        }
        Object verified = claims.getClaim("email_verified");
        if (Boolean.FALSE.equals(verified) || "false".equals(verified)) {
            throw new InvalidTokenException("the e-mail address in the token is not verified");
        }
        Object email = claims.getClaim("email");
        if (!(email instanceof String s) || s.isBlank()) {
            throw new InvalidTokenException("the token carries no e-mail address");
        }
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
