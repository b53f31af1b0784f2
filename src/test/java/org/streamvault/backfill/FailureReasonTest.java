package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.junit.jupiter.api.Test;

/** What the HTTP client throws, sorted into the reasons a pass counts and acts on. */
class FailureReasonTest {
    @Test
    void onlyConnectFailuresMeanThePeerIsUnreachable() {
        assertThat(FailureReason.of(new HttpHostConnectException("Connection refused"))).isEqualTo(FailureReason.UNREACHABLE);
        assertThat(FailureReason.of(new ConnectTimeoutException("Connect timed out"))).isEqualTo(FailureReason.UNREACHABLE);
        // CamelPeerClient wraps what is not an IOException; the cause still decides
        assertThat(FailureReason.of(new IOException("wrapped", new ConnectException("refused"))))
                .isEqualTo(FailureReason.UNREACHABLE);
    }

    @Test
    void transfersThatBreakOrStallAreBrokenOrTimeout() {
        assertThat(FailureReason.of(new ConnectionClosedException("Premature end of Content-Length delimited message body")))
                .isEqualTo(FailureReason.BROKEN);
        assertThat(FailureReason.of(new IOException("Connection reset"))).isEqualTo(FailureReason.BROKEN);
        assertThat(FailureReason.of(new SocketTimeoutException("Read timed out"))).isEqualTo(FailureReason.TIMEOUT);
        assertThat(FailureReason.of(new BodyTimeoutException("GET x within 60 s did not finish in time")))
                .isEqualTo(FailureReason.TIMEOUT);
        assertThat(FailureReason.of(new PeerStatusException("http://peer/files", 503))).isEqualTo(FailureReason.HTTP_STATUS);
    }
}
