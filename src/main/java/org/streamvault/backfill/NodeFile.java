package org.streamvault.backfill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peers from a node file ({@code streamvault.backfiller.node-file}), re-read on every refresh so
 * an operator can edit it on a running node. One peer per line: {@code NAME URL} or just
 * {@code URL}; {@code #} starts a comment; blank lines are ignored; a URL listed twice counts
 * once (the first line wins). A malformed line is skipped with a warning naming its line
 * number, so one typo does not take every other peer away.
 */
public final class NodeFile implements PeerSource {
    private static final Logger LOG = LoggerFactory.getLogger(NodeFile.class);
    private final Path file;

    public NodeFile(Path file) {
        this.file = file;
    }

    @Override
    public String describe() {
        return "node file " + file;
    }

    @Override
    public List<Peer> peers() throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses node-file text; {@code where} names the file in warnings. */
    public static List<Peer> parse(String text, String where) {
        Map<String, Peer> byUrl = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                Peer peer = parseLine(line);
                byUrl.putIfAbsent(peer.url(), peer);
            } catch (IllegalArgumentException e) {
                LOG.warn("{} line {}: skipped, {}", where, i + 1, e.getMessage());
            }
        }
        return new ArrayList<>(byUrl.values());
    }

    private static Peer parseLine(String line) {
        String[] cols = line.split("\\s+");
        return switch (cols.length) {
            case 1 -> Peer.ofUrl(cols[0]);
            case 2 -> new Peer(cols[0], cols[1]);
            default -> throw new IllegalArgumentException(
                    "expected 'NAME URL' or 'URL', got " + cols.length + " columns");
        };
    }
}
