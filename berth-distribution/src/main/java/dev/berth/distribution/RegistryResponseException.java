package dev.berth.distribution;

/**
 * A registry answered with an error: the HTTP status, the distribution-spec error code of the
 * first error in the body (UNAUTHORIZED, DENIED, NAME_UNKNOWN, MANIFEST_UNKNOWN, ...; empty when
 * the body had none) and its message, plus the request it answered. Callers turn it into their
 * own wording (the engine speaks dockerd's).
 */
public final class RegistryResponseException extends RuntimeException {
    private final int status;
    private final String code;
    private final String detail;
    private final String method;
    private final String url;

    public RegistryResponseException(int status, String code, String detail, String method, String url) {
        super(method + " \"" + url + "\": " + describe(status, code, detail));
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.method = method;
        this.url = url;
    }

    /** Docker's rendering of a distribution error: {@code manifest unknown: manifest unknown}. */
    public static String describe(int status, String code, String detail) {
        if (code == null || code.isEmpty()) {
            return detail == null || detail.isEmpty() ? "unexpected status " + status : detail;
        }
        String text = code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return detail == null || detail.isEmpty() ? text : text + ": " + detail;
    }

    public int status() { return status; }
    public String code() { return code; }
    public String detail() { return detail; }
    public String method() { return method; }
    public String url() { return url; }

    /** The error without the request: {@code unauthorized: authentication required}. */
    public String cause() {
        return describe(status, code, detail);
    }
}
