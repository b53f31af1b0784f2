package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerListTest {
    /** A source whose answer the test changes; {@code null} makes it fail like a database outage. */
    static final class Switchable implements PeerSource {
        List<Peer> peers;

        @Override
        public String describe() {
            return "test source";
        }

        @Override
        public List<Peer> peers() throws IOException {
            if (peers == null) {
                throw new IOException("database is down");
            }
            return peers;
        }
    }

    @Test
    void ownNameAndOwnLoopbackUrlAreExcluded() {
        PeerSource file = fixed(List.of(new Peer("me", "http://10.0.0.1:8000"),
                new Peer("other", "http://10.0.0.2:8000")));
        PeerList list = new PeerList(List.of(new StaticPeers("http://127.0.0.1:8000/, http://10.0.0.3:8000"), file),
                "me", List.of("http://127.0.0.1:8000", "http://localhost:8000"));
        assertThat(list.refresh()).extracting(Peer::url)
                .containsExactly("http://10.0.0.3:8000", "http://10.0.0.2:8000");
    }

    @Test
    void sameUrlFromTwoSourcesCountsOnceAndTheFirstWins() {
        PeerList list = new PeerList(List.of(fixed(List.of(new Peer("alpha", "http://h:1"))),
                new StaticPeers("http://h:1,http://h:2")), "me", List.of());
        assertThat(list.refresh()).containsExactly(new Peer("alpha", "http://h:1"), Peer.ofUrl("http://h:2"));
    }

    @Test
    void failingSourceKeepsItsLastPeersAndDoesNotStopTheOthers() {
        Switchable db = new Switchable();
        PeerList list = new PeerList(List.of(db, new StaticPeers("http://static:1")), "me", List.of());
        assertThat(list.refresh()).containsExactly(Peer.ofUrl("http://static:1"));
        db.peers = List.of(new Peer("db1", "http://db:1"));
        assertThat(list.refresh()).extracting(Peer::name).containsExactly("db1", null);
        db.peers = null;
        assertThat(list.refresh()).extracting(Peer::name).containsExactly("db1", null);
        db.peers = List.of();
        assertThat(list.refresh()).containsExactly(Peer.ofUrl("http://static:1"));
    }

    @Test
    void staticListRejectsWhatIsNotAUrl() {
        assertThatThrownBy(() -> new StaticPeers("http://ok:1, 10.0.0.2:8000"))
                .hasMessageContaining("10.0.0.2:8000");
        assertThat(new StaticPeers(" , ").peers()).isEmpty();
    }

    @Test
    void labelIsTheNameElseHostAndPort() {
        assertThat(new Peer("alpha", "http://h:1").label()).isEqualTo("alpha");
        assertThat(Peer.ofUrl("https://h:1/").label()).isEqualTo("h:1");
    }

    private static PeerSource fixed(List<Peer> peers) {
        Switchable source = new Switchable();
        source.peers = peers;
        return source;
    }
}
