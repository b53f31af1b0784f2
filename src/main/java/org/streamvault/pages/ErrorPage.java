package org.streamvault.pages;

/** A refusal as a page a person can read: the status, the one-line reason and a way home. */
public final class ErrorPage {
    private ErrorPage() {
    }

    public static String render(int status, String reason) {
        String title = switch (status) {
            case 400 -> "Bad request";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            default -> "Error " + status;
        };
        return Html.page(title + " · Streamvault", null).append("<main class=\"error\">\n<h1>").append(status)
                .append(' ').append(title).append("</h1>\n<p id=\"reason\">").append(Html.text(reason))
                .append("</p>\n<p><a id=\"home\" href=\"/\">Back to the node's home page</a></p>\n</main>\n")
                .append("</body>\n</html>\n").toString();
    }
}
