package org.streamvault.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may use the management port: the credentials file named by
 * {@code streamvault.management.credentials-file}, one credential per line:
 *
 * <pre>
 * # comments and blank lines are ignored
 * NAME sha256:HEX
 * </pre>
 *
 * where HEX is the SHA-256 of a secret made by a random generator (README, "Management"). A
 * request presents the secret as {@code Authorization: Basic base64(NAME:SECRET)} (what Hawtio
 * sends) or {@code Authorization: Bearer SECRET}. Only hashes are stored and compared, in constant
 * time. A plain SHA-256 is enough because the secrets are 256 random bits: a slow hash protects
 * guessable passwords, and every Hawtio poll would pay for it.
 *
 * <p>The file is read again when its modification time or size changes (looked at no more than
 * once a second), so a credential can be added or revoked without a restart. A file that is
 * missing or malformed at a re-read refuses everyone until it is fixed; {@link #problem()} says
 * why. Nothing here ever logs or returns a secret or a hash.
 */
final class ManagementCredentials {
    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9._@-]{1,64})\\s+sha256:([0-9a-fA-F]{64})");
    private static final long RECHECK_NANOS = 1_000_000_000L;

    /** A line of the file: a name and the SHA-256 of its secret. */
    record Credential(String name, byte[] hash) {}

    /** Thrown for a file that cannot be used; the message is one line naming the file and the fault. */
    static final class CredentialsFileException extends Exception {
        private static final long serialVersionUID = 1L;

        CredentialsFileException(String message) {
            super(message);
        }
    }

    private final Path file;
    private final Clock clock;
    private volatile List<Credential> credentials = List.of();
    private volatile String problem;
    private volatile long lastModified = Long.MIN_VALUE;
    private volatile long lastSize = -1;
    private volatile long lastCheck;

    interface Clock {
        long nanoTime();
    }

    /** Reads {@code file} now; a file that cannot be used at start-up is an error, not a silent lock-out. */
    ManagementCredentials(Path file, Clock clock) throws CredentialsFileException {
        this.file = file;
        this.clock = clock;
        this.lastCheck = clock.nanoTime();
        reload();
        if (problem != null) {
            throw new CredentialsFileException(problem);
        }
    }

    /** The names in the file (for the start-up log line). */
    List<String> names() {
        refresh();
        return credentials.stream().map(Credential::name).toList();
    }

    /** Why everyone is refused right now (the file broke after start-up), or null. */
    String problem() {
        refresh();
        return problem;
    }

    /**
     * The name of the credential an {@code Authorization} header value presents, or empty when
     * the header is absent, malformed, or matches no line.
     */
    Optional<String> authenticate(String authorization) {
        refresh();
        if (authorization == null || problem != null) {
            return Optional.empty();
        }
        List<Credential> current = credentials;
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            String name = decoded.substring(0, colon);
            byte[] presented = sha256(decoded.substring(colon + 1));
            boolean match = false;
            for (Credential c : current) {
                // every line is compared, so the time taken does not tell which names exist
                match |= c.name().equals(name) & MessageDigest.isEqual(c.hash(), presented);
            }
            return match ? Optional.of(name) : Optional.empty();
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] presented = sha256(authorization.substring(7).strip());
            String found = null;
            for (Credential c : current) {
                if (MessageDigest.isEqual(c.hash(), presented) && found == null) {
                    found = c.name();
                }
            }
            return Optional.ofNullable(found);
        }
        return Optional.empty();
    }

    /** Parses the file's lines; {@code where} names the file in messages. */
    static List<Credential> parse(List<String> lines, String where) throws CredentialsFileException {
        List<Credential> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var m = LINE.matcher(line);
            if (!m.matches()) {
                // the line itself is not quoted: it may hold a secret pasted by mistake
                throw new CredentialsFileException(where + " line " + (i + 1)
                        + " is not 'NAME sha256:<64 hex digits>'; see README, Management");
            }
            out.add(new Credential(m.group(1), HexFormat.of().parseHex(m.group(2).toLowerCase())));
        }
        if (out.isEmpty()) {
            throw new CredentialsFileException(where + " has no credential line; see README, Management");
        }
        return List.copyOf(out);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void refresh() {
        long now = clock.nanoTime();
        if (now - lastCheck < RECHECK_NANOS) {
            return;
        }
        lastCheck = now;
        reload();
    }

    private synchronized void reload() {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = attrs.lastModifiedTime().toMillis();
            if (modified == lastModified && attrs.size() == lastSize && problem == null) {
                return;
            }
            credentials = parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
            lastModified = modified;
            lastSize = attrs.size();
            problem = null;
        } catch (CredentialsFileException e) {
            credentials = List.of();
            problem = e.getMessage();
        } catch (IOException e) {
            credentials = List.of();
            problem = file + " cannot be read (" + e.getClass().getSimpleName() + ")";
        }
    }
}
