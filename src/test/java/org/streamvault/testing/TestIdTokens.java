package org.streamvault.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenID provider for tests: an RSA key pair whose public half is served as a JWKS on
 * loopback (as Google serves https://www.googleapis.com/oauth2/v3/certs), and ID tokens signed
 * with it. {@link #stranger} signs with a key that is not published.
 */
public final class TestIdTokens implements AutoCloseable {
    public static final String ISSUER = "https://issuer.test";
    public static final String AUDIENCE = "streamvault-test-client";

    private final RSAKey key;
    private final RSAKey strangerKey;
    private final HttpServer server;
    private final AtomicInteger keyFetches = new AtomicInteger();

    private TestIdTokens(RSAKey key, RSAKey strangerKey, HttpServer server) {
        this.key = key;
        this.strangerKey = strangerKey;
        this.server = server;
    }

    public static TestIdTokens start() throws IOException, JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger-key").generate();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TestIdTokens tokens = new TestIdTokens(key, stranger, server);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/certs", exchange -> {
            tokens.keyFetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        return tokens;
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/certs";
    }

    /** How many times the key set was fetched (it should be cached). */
    public int keyFetches() {
        return keyFetches.get();
    }

    /** A valid token for {@code email}, an hour to live. */
    public String token(String email) {
        return sign(key, claims(email, ISSUER, AUDIENCE, Instant.now().plusSeconds(3600)).build());
    }

    public String token(String email, String issuer, String audience, Instant expiry) {
        return sign(key, claims(email, issuer, audience, expiry).build());
    }

    /** A token that would be valid but is signed by a key the key set does not hold. */
    public String stranger(String email) {
        return sign(strangerKey, claims(email, ISSUER, AUDIENCE, Instant.now().plusSeconds(3600)).build());
    }

    public String sign(JWTClaimsSet claims) {
        return sign(key, claims);
    }

    public static JWTClaimsSet.Builder claims(String email, String issuer, String audience, Instant expiry) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("sub-" + email)
                .claim("email", email).claim("email_verified", true).issueTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(expiry));
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
