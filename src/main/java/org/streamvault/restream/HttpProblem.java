package org.streamvault.restream;

/** A request the API refuses: the status to answer and a one-line reason for the client. */
public class HttpProblem extends RuntimeException {
    private final int status;

    public HttpProblem(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static HttpProblem badRequest(String reason) {
        return new HttpProblem(400, reason);
    }

    public static HttpProblem notFound(String reason) {
        return new HttpProblem(404, reason);
    }
}
